package org.rightsledger.http;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.rightsledger.problem.ProblemType;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Refuses a request whose declared body is larger than {@code ledger.max-body-bytes} with a
 * 413 problem, before reading it. A chunked body (no length declared) is read here, up to the
 * same limit: past it Vert.x fails the request with 413, which {@link HttpLayer} answers as a
 * problem. (Left to Quarkus REST, it would be cut off at {@code quarkus.http.limits.max-body-size}
 * with a bare 413 and no body.)
 */
@ApplicationScoped
public class BodyLimit {

    static final String READING_BODY = "ledger.reading-body";

    private final long maxBodyBytes;
    private final ProblemWriter problems;
    // Quarkus REST takes a body read here as it is; no form or upload handling.
    private final BodyHandler chunked;

    BodyLimit(@ConfigProperty(name = "ledger.max-body-bytes") long maxBodyBytes, ProblemWriter problems) {
        this.maxBodyBytes = maxBodyBytes;
        this.problems = problems;
        this.chunked = BodyHandler.create(false).setBodyLimit(maxBodyBytes).setMergeFormAttributes(false);
    }

    /** Route handler ({@link Edge}). */
    void limit(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null && ctx.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            // A failure while this flag is set is the client's: broken chunked framing (HttpLayer: 400).
            ctx.put(READING_BODY, Boolean.TRUE);
            chunked.handle(ctx);
            return;
        }
        if (length != null && tooLarge(length)) {
            problems.end(ctx, ProblemType.PAYLOAD_TOO_LARGE, "The request body is larger than " + maxBodyBytes + " bytes",
                    Map.of(HttpHeaders.CONNECTION.toString(), "close"));
            return;
        }
        ctx.next();
    }

    /** Route handler ({@link Edge}), right after {@link #limit}: the body is read (or there was none). */
    static void read(RoutingContext ctx) {
        ctx.remove(READING_BODY);
        ctx.next();
    }

    private boolean tooLarge(String length) {
        try {
            return Long.parseLong(length.strip()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false; // Vert.x answers a malformed Content-Length itself
        }
    }
}
