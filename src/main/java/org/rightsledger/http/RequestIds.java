package org.rightsledger.http;

import java.util.UUID;
import java.util.regex.Pattern;

import org.jboss.logging.MDC;
import org.rightsledger.problem.Problem;

import io.vertx.ext.web.RoutingContext;

/**
 * Every request gets an id: the caller's {@code X-Request-Id} when it is short and made of safe
 * characters (so it cannot forge log lines or headers), else a new UUID. It is echoed in the
 * response header, put in the log MDC as {@code requestId}, and carried by every problem body.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = Problem.REQUEST_ID;
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private RequestIds() {
    }

    /** The route handler ({@link Edge}): first of all, so that even a 413 or a 429 carries the id. */
    static void assign(RoutingContext ctx) {
        String id = accepted(ctx.request().getHeader(HEADER));
        // Quarkus keeps the MDC in the request's Vert.x context: it follows the request to worker threads.
        MDC.put(MDC_KEY, id);
        ctx.response().putHeader(HEADER, id);
        ctx.next();
    }

    /** The caller's id if it is safe to repeat, else a fresh one. */
    public static String accepted(String incoming) {
        return incoming != null && SAFE.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
    }

    /** The id of the request being handled, or null outside a request. */
    public static String current() {
        return Problem.currentRequestId();
    }
}
