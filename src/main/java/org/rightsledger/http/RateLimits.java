package org.rightsledger.http;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.rightsledger.problem.Problem;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.RoutingContext;

/**
 * Rate limits on the API (/v1): a token bucket per API key (by the SHA-256 of the bearer
 * token, {@link BearerToken}, so no token is kept in memory) and, for anonymous readers, per
 * client address. Behind a proxy the client address is the one a trusted proxy forwards
 * ({@code quarkus.http.proxy.*}); Quarkus puts it in {@code remoteAddress()}. Every answer
 * carries RateLimit-* headers; an exhausted bucket is a 429 problem with Retry-After.
 *
 * <p>Memory is bounded: buckets live in a Caffeine cache of at most
 * {@code ledger.rate-limit.max-buckets}. A bucket untouched for a minute has refilled completely,
 * so it expires then: forgetting it changes nothing. Past the maximum, Caffeine evicts the least
 * likely to be used again (in amortized constant time, never a scan), which at worst hands a
 * crowd's oldest member a fresh bucket.
 */
@ApplicationScoped
public class RateLimits {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final long anonymousPerMinute;
    private final long keyPerMinute;
    private final long maxBuckets;
    private final ProblemWriter problems;
    private final Cache<String, Bucket> buckets;
    private final Counter keyRejections;
    private final Counter addressRejections;

    RateLimits(@ConfigProperty(name = "ledger.rate-limit.anonymous-per-minute") long anonymousPerMinute,
            @ConfigProperty(name = "ledger.rate-limit.key-per-minute") long keyPerMinute,
            @ConfigProperty(name = "ledger.rate-limit.max-buckets", defaultValue = "100000") long maxBuckets,
            ProblemWriter problems, MeterRegistry metrics) {
        this.anonymousPerMinute = anonymousPerMinute;
        this.keyPerMinute = keyPerMinute;
        this.maxBuckets = maxBuckets;
        this.problems = problems;
        this.buckets = Caffeine.newBuilder().maximumSize(maxBuckets).expireAfterAccess(WINDOW).build();
        this.keyRejections = rejections(metrics, "key");
        this.addressRejections = rejections(metrics, "address");
        Gauge.builder("ledger.rate.limit.buckets", this, RateLimits::size)
                .description("Rate-limit buckets held in memory (at most ledger.rate-limit.max-buckets)").register(metrics);
    }

    private static Counter rejections(MeterRegistry metrics, String bucket) {
        return Counter.builder("ledger.rate.limit.rejections").tag("bucket", bucket)
                .description("Requests answered 429: per API key, or per client address without a key").register(metrics);
    }

    /** Buckets held, after pending evictions. */
    long size() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    long maxBuckets() {
        return maxBuckets;
    }

    /** Route handler ({@link Edge}), on /v1. */
    void limit(RoutingContext ctx) {
        Optional<BearerToken> token = BearerToken.of(ctx);
        boolean keyed = token.isPresent();
        long perMinute = keyed ? keyPerMinute : anonymousPerMinute;
        String id = keyed ? "key:" + token.get().hex() : "address:" + ctx.request().remoteAddress().hostAddress();
        Bucket bucket = buckets.get(id, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, WINDOW).build()).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        long resetSeconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(
                probe.isConsumed() ? WINDOW.toNanos() * (perMinute - probe.getRemainingTokens()) / perMinute
                        : probe.getNanosToWaitForRefill()) + 1);
        var headers = ctx.response().headers();
        headers.set("RateLimit-Policy", perMinute + ";w=60");
        headers.set("RateLimit-Limit", Long.toString(perMinute));
        headers.set("RateLimit-Remaining", Long.toString(probe.getRemainingTokens()));
        headers.set("RateLimit-Reset", Long.toString(resetSeconds));
        if (probe.isConsumed()) {
            ctx.next();
            return;
        }
        (keyed ? keyRejections : addressRejections).increment();
        long retryAfter = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
        problems.end(ctx, new Problem("urn:rights-ledger:problem:rate-limited", "Too Many Requests", 429,
                "Rate limit of " + (keyed ? keyPerMinute + " requests a minute per API key"
                        : anonymousPerMinute + " requests a minute per client address")
                        + " reached; retry in " + retryAfter + " s",
                ctx.request().path(), java.util.List.of()), Map.of("Retry-After", Long.toString(retryAfter)));
    }
}
