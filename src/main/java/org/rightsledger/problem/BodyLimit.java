package org.rightsledger.problem;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
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
    private final ObjectMapper json;

    BodyLimit(@ConfigProperty(name = "ledger.max-body-bytes") long maxBodyBytes, ObjectMapper json) {
        this.maxBodyBytes = maxBodyBytes;
        this.json = json;
    }

    void install(@Observes Router router) {
        // Quarkus REST takes a body read here as it is; no form or upload handling.
        BodyHandler chunked = BodyHandler.create(false).setBodyLimit(maxBodyBytes).setMergeFormAttributes(false);
        // After RequestIds and ShutdownGate, so that the 413 carries the request id.
        router.route().order(Integer.MIN_VALUE + 2).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length == null && ctx.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
                // A failure while this flag is set is the client's: broken chunked framing (HttpLayer: 400).
                ctx.put(READING_BODY, Boolean.TRUE);
                chunked.handle(ctx);
                return;
            }
            if (length != null && tooLarge(length)) {
                String body = problem(ctx.request().path());
                ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close").end(body);
                return;
            }
            ctx.next();
        });
        // Same order, registered later: runs right after the body is read.
        router.route().order(Integer.MIN_VALUE + 2).handler(ctx -> {
            ctx.remove(READING_BODY); // the body is read (or there was none)
            ctx.next();
        });
    }

    private boolean tooLarge(String length) {
        try {
            return Long.parseLong(length.strip()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false; // Vert.x answers a malformed Content-Length itself
        }
    }

    private String problem(String path) {
        try {
            return json.writeValueAsString(new Problem(ProblemType.PAYLOAD_TOO_LARGE.uri, ProblemType.PAYLOAD_TOO_LARGE.title,
                    413, "The request body is larger than " + maxBodyBytes + " bytes", path, List.of()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
