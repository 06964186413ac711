package org.rightsledger.access;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.rightsledger.log.Chain;
import org.rightsledger.problem.Problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Rate limits on the API (/v1): a token bucket per API key (by the SHA-256 of the bearer
 * token, so no token is kept in memory) and, for anonymous readers, per client address.
 * Every answer carries RateLimit-* headers; an exhausted bucket is a 429 problem with Retry-After.
 */
@ApplicationScoped
public class RateLimits {

    /** Above this many buckets, idle ones are dropped: random bearer tokens cannot exhaust memory. */
    private static final int MAX_BUCKETS = 100_000;

    private final long anonymousPerMinute;
    private final long keyPerMinute;
    private final ObjectMapper json;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Counter keyRejections;
    private final Counter addressRejections;

    RateLimits(@ConfigProperty(name = "ledger.rate-limit.anonymous-per-minute") long anonymousPerMinute,
            @ConfigProperty(name = "ledger.rate-limit.key-per-minute") long keyPerMinute, ObjectMapper json,
            MeterRegistry metrics) {
        this.anonymousPerMinute = anonymousPerMinute;
        this.keyPerMinute = keyPerMinute;
        this.json = json;
        this.keyRejections = rejections(metrics, "key");
        this.addressRejections = rejections(metrics, "address");
    }

    private static Counter rejections(MeterRegistry metrics, String bucket) {
        return Counter.builder("ledger.rate.limit.rejections").tag("bucket", bucket)
                .description("Requests answered 429: per API key, or per client address without a key").register(metrics);
    }

    void install(@Observes Router router) {
        // After RequestIds, ShutdownGate and BodyLimit.
        router.route("/v1/*").order(Integer.MIN_VALUE + 3).handler(this::limit);
    }

    private void limit(RoutingContext ctx) {
        String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        boolean keyed = authorization != null;
        long perMinute = keyed ? keyPerMinute : anonymousPerMinute;
        String id = keyed ? "key:" + Chain.hex(Chain.sha256().digest(authorization.getBytes(StandardCharsets.UTF_8)))
                : "address:" + ctx.request().remoteAddress().hostAddress();
        if (buckets.size() > MAX_BUCKETS) {
            buckets.entrySet().removeIf(e -> e.getValue().getAvailableTokens() >= keyPerMinute);
        }
        Bucket bucket = buckets.computeIfAbsent(id, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        long resetSeconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(
                probe.isConsumed() ? Duration.ofMinutes(1).toNanos() * (perMinute - probe.getRemainingTokens()) / perMinute
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
        ctx.response().setStatusCode(429).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader("Retry-After", Long.toString(retryAfter))
                .end(problem(ctx.request().path(), retryAfter, keyed));
    }

    private String problem(String path, long retryAfter, boolean keyed) {
        try {
            return json.writeValueAsString(new Problem("urn:rights-ledger:problem:rate-limited", "Too Many Requests", 429,
                    "Rate limit of " + (keyed ? keyPerMinute + " requests a minute per API key"
                            : anonymousPerMinute + " requests a minute per client address")
                            + " reached; retry in " + retryAfter + " s",
                    path, List.of()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
