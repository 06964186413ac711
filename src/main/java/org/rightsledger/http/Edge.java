package org.rightsledger.http;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.rightsledger.ops.ShutdownGate;
import org.rightsledger.problem.ProblemType;

import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Every Vert.x route handler of ours, in the order a request meets them. They all run before
 * Quarkus' own: its CORS filter (route order -300), then Quarkus Security's authentication
 * ({@code access.ApiKeyMechanism}: the key's identity and roles) and authorization, then Quarkus REST,
 * where {@code @RolesAllowed} decides and the resource runs.
 *
 * <ol>
 * <li>{@link RequestIds}: every answer, even a 413 or 429, carries the request id;</li>
 * <li>{@link HttpLayer}: dot segments in the path are refused (and its failure handler answers
 * whatever fails in routing, authentication included, as a problem);</li>
 * <li>{@link ShutdownGate} (/v1): once shutdown has begun, a 503 problem;</li>
 * <li>{@link BodyLimit}: a declared body over the limit is a 413 before it is read;</li>
 * <li>{@link RateLimits} (/v1): a 429 before any work, key lookup included;</li>
 * <li>{@link CorsGate}: what Quarkus' CORS filter cannot express.</li>
 * </ol>
 */
@ApplicationScoped
public class Edge {

    /** Quarkus installs its CORS filter at this route order (its filter priority, negated). */
    static final int QUARKUS_CORS_ORDER = -SecurityHandlerPriorities.CORS;

    private final HttpLayer httpLayer;
    private final ShutdownGate shutdown;
    private final BodyLimit bodyLimit;
    private final RateLimits rateLimits;
    private final CorsGate cors;
    private final ProblemWriter problems;
    private final Caching caching;

    Edge(HttpLayer httpLayer, ShutdownGate shutdown, BodyLimit bodyLimit, RateLimits rateLimits, CorsGate cors,
            ProblemWriter problems, Caching caching) {
        this.caching = caching;
        this.httpLayer = httpLayer;
        this.shutdown = shutdown;
        this.bodyLimit = bodyLimit;
        this.rateLimits = rateLimits;
        this.cors = cors;
        this.problems = problems;
    }

    void install(@Observes Router router) {
        int order = Integer.MIN_VALUE;
        router.route().order(order).failureHandler(httpLayer::failed);
        router.route().order(order++).handler(RequestIds::assign);
        router.route().order(order++).handler(caching::defaults);
        router.route().order(order++).handler(httpLayer::refuseDotSegments);
        router.route("/v1/*").order(order++).handler(ctx -> {
            if (shutdown.closed()) {
                problems.end(ctx, ProblemType.UNAVAILABLE,
                        "This instance is shutting down and did not take the request; nothing of it was stored. Retry it.",
                        Map.of("Retry-After", "1", HttpHeaders.CONNECTION.toString(), "close"));
            } else {
                ctx.next();
            }
        });
        router.route().order(order++).handler(bodyLimit::limit);
        // Same order, registered later: runs right after the body is read.
        router.route().order(order - 1).handler(BodyLimit::read);
        router.route("/v1/*").order(order++).handler(rateLimits::limit);
        router.route().order(QUARKUS_CORS_ORDER - 1).handler(cors::gate);
    }
}
