package org.rightsledger.http;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.rightsledger.problem.Problem;
import org.rightsledger.problem.ProblemType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * The one place a problem becomes an answer: for the REST layer (a {@link Response}) and for the
 * route handlers of the edge, which answer before any resource runs (413, 429, 401, 503 …).
 * Serialized here, so no content negotiation can turn a problem into a 406/500.
 */
@ApplicationScoped
public class ProblemWriter {

    /** The challenge of every 401. */
    static final String BEARER_CHALLENGE = "Bearer realm=\"rights-ledger\"";

    /** Seconds a client should wait after a 503: about what a database restart or fail-over takes. */
    static final String RETRY_AFTER_SECONDS = "5";
    static final String DATABASE_UNREACHABLE = "The database cannot be reached. Retry after the Retry-After seconds; "
            + "retry a write with the same Idempotency-Key, as it may have been stored.";

    private final ObjectMapper json;
    private final Counter unavailable;

    ProblemWriter(ObjectMapper json, MeterRegistry metrics) {
        this.json = json;
        this.unavailable = Counter.builder("ledger.database.unavailable")
                .description("Requests answered 503 because the database could not be reached").register(metrics);
    }

    /** The headers of a 503 for an unreachable database (or a group commit it did not take), counted. */
    Map<String, String> unavailable() {
        unavailable.increment();
        return Map.of("Retry-After", RETRY_AFTER_SECONDS);
    }

    public String json(Problem problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Response.ResponseBuilder response(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(json(problem));
    }

    /** Ends the exchange with this problem (and these headers) from a route handler. */
    public void end(RoutingContext ctx, Problem problem, Map<String, String> headers) {
        var response = ctx.response().setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        headers.forEach(response::putHeader);
        response.end(json(problem));
    }

    /** A problem of one of our types about the request in {@code ctx}. */
    public void end(RoutingContext ctx, ProblemType type, String detail, Map<String, String> headers) {
        end(ctx, new Problem(type.uri, type.title, type.status, detail, ctx.request().path(), List.of()), headers);
    }
}
