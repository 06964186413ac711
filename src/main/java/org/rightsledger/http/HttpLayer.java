package org.rightsledger.http;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.rightsledger.ops.DatabaseOutage;
import org.rightsledger.problem.Problem;
import org.rightsledger.problem.ProblemType;

import io.quarkus.security.AuthenticationFailedException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;

/**
 * Problem details for what fails below the REST layer, in Vert.x routing: a missing or malformed
 * {@code Host}, a body over {@code quarkus.http.limits.max-body-size}, a request target that
 * cannot be decoded, a database that cannot be reached while a key is looked up (503), and a
 * credential that stands for nobody (Quarkus Security fails the route
 * with {@link AuthenticationFailedException}; its own answer would be a bare 401). Quarkus' own
 * error handler would answer these as {@code application/json} with an error id (and, in dev and
 * test mode, the stack trace); here they are problem+json that say what was wrong and nothing
 * about the server.
 *
 * <p>Also refuses request targets with dot segments ({@code /v1/records/%2e%2e/%2e%2e/q/metrics}):
 * Vert.x would resolve them and route the request to another resource than the one it names.
 *
 * <p>Not covered, because Netty answers them before any route exists: a request line or header
 * that cannot be parsed or is too long gets Vert.x' default bare 400, 414 or 431 (no body) and the
 * connection is closed. Quarkus exposes no hook for Vert.x' {@code invalidRequestHandler}.
 */
@ApplicationScoped
public class HttpLayer {

    private static final Logger LOG = Logger.getLogger(HttpLayer.class);

    private final ProblemWriter problems;

    HttpLayer(ProblemWriter problems) {
        this.problems = problems;
    }

    /** Route handler ({@link Edge}). */
    void refuseDotSegments(RoutingContext ctx) {
        String path = ctx.request().path();
        if (path != null && hasDotSegment(path)) {
            answer(ctx, 400, "Bad Request",
                    "The path holds a '.' or '..' segment (perhaps percent-encoded); send the path of the resource itself");
            return;
        }
        ctx.next();
    }

    /** True when a segment of the raw path is "." or "..", also as %2e. */
    static boolean hasDotSegment(String rawPath) {
        for (String segment : rawPath.split("/", -1)) {
            String decoded = segment.replace("%2e", ".").replace("%2E", ".");
            if (decoded.equals(".") || decoded.equals("..")) {
                return true;
            }
        }
        return false;
    }

    /** Failure handler ({@link Edge}). */
    void failed(RoutingContext ctx) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        Throwable failure = ctx.failure();
        if (failure != null && DatabaseOutage.causedBy(failure) && !ctx.response().headWritten()) {
            // Looking up the key (its identity is not cached while revocations cannot be heard) found no database.
            LOG.warnf("database unavailable on %s: %s", ctx.request().path(), failure.getMessage());
            problems.end(ctx, ProblemType.UNAVAILABLE, ProblemWriter.DATABASE_UNREACHABLE, problems.unavailable());
            return;
        }
        if (failure instanceof AuthenticationFailedException && !ctx.response().headWritten()) {
            problems.end(ctx, ProblemType.UNAUTHORIZED,
                    failure.getMessage() != null ? failure.getMessage() : "Unknown or revoked API key",
                    Map.of("WWW-Authenticate", ProblemWriter.BEARER_CHALLENGE));
            return;
        }
        int status = ctx.statusCode();
        if (status < 400 && failure instanceof HttpException http) {
            status = http.getStatusCode();
        }
        if (status < 400 && ctx.get(BodyLimit.READING_BODY) != null) {
            status = 400; // the body could not be read: its chunked framing is broken
        }
        if (status < 400 || status > 599) {
            status = 500;
        }
        if (ctx.response().headWritten()) {
            // Too late for a problem: the status line is out. End the exchange cleanly.
            LOG.debugf(failure, "failure after the response began on %s", ctx.request().path());
            ctx.response().close();
            return;
        }
        if (status >= 500) {
            LOG.errorf(failure, "unexpected failure on %s", ctx.request().path());
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = status == 413 ? ProblemType.PAYLOAD_TOO_LARGE.title
                : known != null ? known.getReasonPhrase() : "HTTP " + status;
        String detail = switch (status) {
            case 400 -> "The request is malformed: check its Host header, its target and how its body is framed";
            case 413 -> "The request body is larger than this server accepts";
            case 500 -> "The server failed to answer this request; it has been logged.";
            default -> title;
        };
        answer(ctx, status, title, detail);
    }

    private void answer(RoutingContext ctx, int status, String title, String detail) {
        // The instance is left out: a request that failed here may have no path worth echoing.
        problems.end(ctx, new Problem("about:blank", title, status, detail, null, List.of()), Map.of());
    }
}
