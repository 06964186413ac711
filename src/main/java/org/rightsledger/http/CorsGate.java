package org.rightsledger.http;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.rightsledger.problem.Problem;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * What Quarkus' CORS filter cannot express; everything else (allowed origins, methods, request and
 * exposed headers, preflight answers) is its own settings, {@code quarkus.http.cors.*}. Runs just
 * before that filter ({@link Edge}), so that {@code Origin} decides only what CORS is for: whether
 * a browser may read an answer.
 *
 * <ul>
 * <li>An ordinary request (not a preflight) from an origin CORS does not allow, or with a method
 * CORS does not list, is served as if it had no {@code Origin}: normally, without CORS headers.
 * The browser then withholds the answer from the page itself; non-browser clients, which may send
 * any {@code Origin}, are not refused. (Quarkus' filter answers a bare 403 with no body.)</li>
 * <li>A preflight from an origin that is not allowed is refused with a 403 problem
 * {@code origin-not-allowed}, so the browser does not send the request it asked about. (Quarkus'
 * filter: a bare 403.)</li>
 * <li>Every answer carries {@code Vary: Origin}: whether it has CORS headers, and which, depends on
 * {@code Origin}, also when it has none (a shared cache must not hand a browser at an allowed
 * origin the answer stored for a request without one). Quarkus adds it only to some answers.</li>
 * </ul>
 *
 * Deciding "allowed" needs the same origin list as Quarkus' filter, read here from the same settings
 * (Quarkus does not expose its parsed CORS configuration as a bean).
 */
@ApplicationScoped
public class CorsGate {

    private final boolean anyOrigin;
    private final List<String> origins;
    private final List<Pattern> originPatterns;
    private final List<String> methods;
    private final ProblemWriter problems;

    CorsGate(@ConfigProperty(name = "quarkus.http.cors.origins") Optional<List<String>> origins,
            @ConfigProperty(name = "quarkus.http.cors.methods") Optional<List<String>> methods, ProblemWriter problems) {
        List<String> configured = origins.orElse(List.of());
        this.anyOrigin = configured.size() == 1 && (configured.get(0).equals("*") || configured.get(0).equals("/.*/"));
        this.origins = configured.stream().filter(o -> !isPattern(o)).toList();
        this.originPatterns = configured.stream().filter(CorsGate::isPattern)
                .map(o -> Pattern.compile(o.substring(1, o.length() - 1))).toList();
        this.methods = methods.orElse(List.of()).stream().map(m -> m.strip().toUpperCase(Locale.ROOT)).toList();
        this.problems = problems;
    }

    private static boolean isPattern(String origin) {
        return origin.startsWith("/") && origin.endsWith("/") && origin.length() > 1;
    }

    /** Route handler ({@link Edge}), just before Quarkus' CORS filter. */
    void gate(RoutingContext ctx) {
        ctx.addHeadersEndHandler(v -> varyOnOrigin(ctx.response().headers()));
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
        if (preflight && !allowed) {
            problems.end(ctx, new Problem("urn:rights-ledger:problem:origin-not-allowed", "Origin not allowed", 403,
                    "Browsers at this origin may not call this API; the operator lists allowed origins in QUARKUS_HTTP_CORS_ORIGINS",
                    request.path(), List.of()), Map.of());
            return;
        }
        if (!preflight && (!allowed || !(methods.isEmpty() || methods.contains(request.method().name())))) {
            request.headers().remove(HttpHeaders.ORIGIN);
        }
        ctx.next();
    }

    /** One {@code Vary} header that names {@code Origin} once, whatever else added to it. */
    static void varyOnOrigin(MultiMap headers) {
        vary(headers, "Origin");
    }

    /** Merges every {@code Vary} field line into one that names each header once, {@code name} among them. */
    static void vary(MultiMap headers, String name) {
        Set<String> vary = new LinkedHashSet<>();
        for (String value : headers.getAll(HttpHeaders.VARY)) {
            for (String each : value.split(",")) {
                if (!each.isBlank() && vary.stream().noneMatch(each.strip()::equalsIgnoreCase)) {
                    vary.add(each.strip());
                }
            }
        }
        if (vary.stream().noneMatch(name::equalsIgnoreCase)) {
            vary.add(name);
        }
        headers.set(HttpHeaders.VARY, String.join(", ", vary));
    }

    /** Allowed by configuration, or the service's own origin (which needs no CORS, but is no stranger). */
    private boolean allowed(String origin, HttpServerRequest request) {
        if (anyOrigin || origins.contains(origin) || originPatterns.stream().anyMatch(p -> p.matcher(origin).matches())) {
            return true;
        }
        return request.authority() != null && origin.equals(request.scheme() + "://" + request.authority());
    }
}
