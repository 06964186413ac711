package org.rightsledger.explorer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The explorer is a single page: its deep links ({@code /explorer/records/{id}}, {@code /explorer/stats}, …)
 * are not files, so a reload of one would be a 404. They are answered here with the app's
 * {@code index.html}; the files themselves (scripts, styles) are static resources under
 * {@code META-INF/resources/explorer/}. Public GETs outside {@code /v1}: the page holds no data, it
 * reads the public API like any other client.
 */
@ApplicationScoped
public class ExplorerPages {

    static final String INDEX = "META-INF/resources/explorer/index.html";
    /** The app's own routes; anything else under /explorer/ is a static file or a 404. */
    static final String DEEP_LINKS = "^/explorer/(?:(?:records|actors|cases|bills)/[A-Za-z0-9-]{1,64}|stats)/?$";

    private volatile Buffer index;

    void install(@Observes Router router) {
        router.routeWithRegex(DEEP_LINKS).method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::index);
        // Regex: a plain route("/explorer") also matches "/explorer/", and would redirect it to itself.
        router.routeWithRegex("^/explorer$").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(ctx -> ctx.response()
                .setStatusCode(301).putHeader(HttpHeaders.LOCATION, "/explorer/").end());
        // The static handler marks files immutable for a day; the app's files change with each release
        // under the same names, so browsers revalidate them instead (a 304 when unchanged).
        router.routeWithRegex("^/explorer/.*").order(-1).handler(ctx -> {
            ctx.addHeadersEndHandler(v -> ctx.response().headers().set(HttpHeaders.CACHE_CONTROL, "no-cache"));
            ctx.next();
        });
    }

    private void index(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/html;charset=UTF-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        if (ctx.request().method() == HttpMethod.HEAD) {
            ctx.response().putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(page().length())).end();
        } else {
            ctx.response().end(page());
        }
    }

    private Buffer page() {
        Buffer page = index;
        if (page == null) {
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(INDEX)) {
                if (in == null) {
                    throw new IllegalStateException(INDEX + " is missing from the class path");
                }
                page = index = Buffer.buffer(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return page;
    }
}
