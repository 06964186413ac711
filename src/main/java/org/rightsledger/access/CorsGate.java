package org.rightsledger.access;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.rightsledger.problem.Problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Runs just before Quarkus' CORS filter, so that {@code Origin} decides only what CORS is for:
 * whether a browser may read an answer.
 *
 * <ul>
 * <li>An ordinary request (not a preflight) from an origin CORS does not allow, or with a method
 * CORS does not list, is served as if it had no {@code Origin}: normally, without CORS headers.
 * The browser then withholds the answer from the page itself; non-browser clients, which may send
 * any {@code Origin}, are not refused. (Quarkus' filter would answer a bare 403 with no body.)</li>
 * <li>A preflight from an origin that is not allowed is refused here with a 403 problem, so
 * the browser does not send the request it asked about.</li>
 * </ul>
 *
 * Allowed origins and methods are Quarkus' own settings ({@code quarkus.http.cors.origins},
 * {@code quarkus.http.cors.methods}); allowed requests go on to Quarkus' filter unchanged.
 */
@ApplicationScoped
public class CorsGate {

    /** Just before Quarkus' CORS filter, which is installed at filter priority 300 (route order -300). */
    static final int ORDER = -301;

    private final boolean anyOrigin;
    private final List<String> origins;
    private final List<Pattern> originPatterns;
    private final List<String> methods;
    private final ObjectMapper json;

    CorsGate(@ConfigProperty(name = "quarkus.http.cors.origins") Optional<List<String>> origins,
            @ConfigProperty(name = "quarkus.http.cors.methods") Optional<List<String>> methods, ObjectMapper json) {
        List<String> configured = origins.orElse(List.of());
        this.anyOrigin = configured.size() == 1 && (configured.get(0).equals("*") || configured.get(0).equals("/.*/"));
        this.origins = configured.stream().filter(o -> !(o.startsWith("/") && o.endsWith("/") && o.length() > 1)).toList();
        this.originPatterns = configured.stream().filter(o -> o.startsWith("/") && o.endsWith("/") && o.length() > 1)
                .map(o -> Pattern.compile(o.substring(1, o.length() - 1))).toList();
        this.methods = methods.orElse(List.of()).stream().map(m -> m.strip().toUpperCase(Locale.ROOT)).toList();
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::gate);
    }

    private void gate(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            ctx.next();
            return;
        }
        boolean preflight = request.method() == HttpMethod.OPTIONS
                && (request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null
                        || request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS) != null);
        boolean allowed = allowed(origin, request);
        if (preflight) {
            if (allowed) {
                ctx.next();
            } else {
                refuse(ctx);
            }
            return;
        }
        if (!allowed || !(methods.isEmpty() || methods.contains(request.method().name()))) {
            request.headers().remove(HttpHeaders.ORIGIN);
        }
        ctx.next();
    }

    /** Allowed by configuration, or the service's own origin (which needs no CORS, but is no stranger). */
    private boolean allowed(String origin, HttpServerRequest request) {
        if (anyOrigin || origins.contains(origin) || originPatterns.stream().anyMatch(p -> p.matcher(origin).matches())) {
            return true;
        }
        return request.authority() != null && origin.equals(request.scheme() + "://" + request.authority());
    }

    private void refuse(RoutingContext ctx) {
        String body;
        try {
            body = json.writeValueAsString(new Problem("urn:rights-ledger:problem:origin-not-allowed",
                    "Origin not allowed", 403,
                    "Browsers at this origin may not call this API; the operator lists allowed origins in QUARKUS_HTTP_CORS_ORIGINS",
                    ctx.request().path(), List.of()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ctx.response().setStatusCode(403).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN).end(body);
    }
}
