package org.rightsledger.ops;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import io.vertx.ext.web.Router;

/**
 * Every request gets an id: the caller's {@code X-Request-Id} when it is short and made of safe
 * characters (so it cannot forge log lines or headers), else a new UUID. It is echoed in the
 * response header, put in the log MDC as {@code requestId}, and carried by every problem body.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    void install(@Observes Router router) {
        // First of all routes, so that even a 413 or a 429 carries the id.
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String id = accepted(ctx.request().getHeader(HEADER));
            // Quarkus keeps the MDC in the request's Vert.x context: it follows the request to worker threads.
            MDC.put(MDC_KEY, id);
            ctx.response().putHeader(HEADER, id);
            ctx.next();
        });
    }

    /** The caller's id if it is safe to repeat, else a fresh one. */
    public static String accepted(String incoming) {
        return incoming != null && SAFE.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
    }

    /** The id of the request being handled, or null outside a request. */
    public static String current() {
        Object id = MDC.get(MDC_KEY);
        return id == null ? null : id.toString();
    }
}
