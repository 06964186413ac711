package org.rightsledger.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.rightsledger.problem.Problem;
import org.rightsledger.problem.ProblemException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * An OPTIONS request that is not a CORS preflight is answered by Quarkus REST with the
 * {@code Allow}ed methods, before any filter of ours looks at the key. Here its key is checked
 * first, like on every request: a bad key is a 401. A preflight is left to CORS: browsers never
 * send credentials with one, and it reads nothing.
 */
@ApplicationScoped
public class OptionsRequests {

    private final ApiKeyService keys;
    private final ObjectMapper json;

    OptionsRequests(ApiKeyService keys, ObjectMapper json) {
        this.keys = keys;
        this.json = json;
    }

    void install(@Observes Router router) {
        // Blocking: the key is looked up in the database. Ordered after CorsGate, before Quarkus' CORS filter.
        router.route().method(HttpMethod.OPTIONS).order(CorsGate.ORDER + 1).blockingHandler(this::check, false);
    }

    private void check(RoutingContext ctx) {
        String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        boolean preflight = ctx.request().getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null
                || ctx.request().getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS) != null;
        if (authorization == null || preflight) {
            ctx.next();
            return;
        }
        try {
            CurrentCaller.of(authorization, keys);
        } catch (ProblemException e) {
            ctx.response().setStatusCode(401).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader("WWW-Authenticate", "Bearer realm=\"rights-ledger\"")
                    .end(problem(e, ctx.request().path()));
            return;
        }
        ctx.next();
    }

    private String problem(ProblemException e, String path) {
        try {
            return json.writeValueAsString(e.toProblem(path));
        } catch (JsonProcessingException x) {
            throw new IllegalStateException(x);
        }
    }
}
