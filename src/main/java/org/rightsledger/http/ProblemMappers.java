package org.rightsledger.http;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.rightsledger.ledger.LedgerUnavailable;
import org.rightsledger.ops.DatabaseOutage;
import org.rightsledger.problem.Problem;
import org.rightsledger.problem.ProblemException;
import org.rightsledger.problem.ProblemType;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Turns every failure into RFC 9457 problem+json: our own problems, the framework's HTTP
 * errors (404 unknown path, 405, 406, 415, …) and, as a last resort, unexpected failures
 * (500, logged: a 5xx is always a bug or an outage, never bad input). A database outage is a
 * 503 with Retry-After, never a 500.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private final ProblemWriter problems;

    ProblemMappers(ProblemWriter problems) {
        this.problems = problems;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder response = respond(e.toProblem(uri.getPath()));
        if (e.type() == ProblemType.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, ProblemWriter.BEARER_CHALLENGE);
        }
        if (e.type() == ProblemType.UNAVAILABLE) {
            // The database is unreachable, or did not take a group commit: counted alike.
            problems.unavailable().forEach(response::header);
        }
        return response.build();
    }

    /** The ledger did not take an append (shutting down, or its group commit failed): a 503 like any outage. */
    @ServerExceptionMapper
    public Response unavailable(LedgerUnavailable e, UriInfo uri) {
        return problem(new ProblemException(ProblemType.UNAVAILABLE, e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "HTTP " + status;
        String detail = switch (status) {
            case 404 -> "No resource at " + uri.getPath();
            case 405 -> "Method not allowed on " + uri.getPath();
            case 406 -> "This resource cannot answer in any media type the Accept header lists";
            case 415 -> "This resource does not accept that Content-Type; see the contract at /q/openapi";
            default -> e.getMessage() != null ? e.getMessage() : title;
        };
        Response.ResponseBuilder response = respond(new Problem("about:blank", title, status, detail, uri.getPath(), List.of()));
        // Keep what the framework says about allowed methods and the like.
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                values.forEach(v -> response.header(name, v));
            }
        });
        return response.build();
    }

    /** Reading the body failed: too large (a chunked body past the limit), or cut off by the client. */
    @ServerExceptionMapper
    public Response unreadable(java.io.IOException e, UriInfo uri) {
        boolean tooLarge = e.getMessage() != null && e.getMessage().contains("too large");
        ProblemType type = tooLarge ? ProblemType.PAYLOAD_TOO_LARGE : ProblemType.MALFORMED_JSON;
        return respond(new Problem(type.uri, type.title, type.status,
                tooLarge ? "The request body is larger than this server accepts" : "The request body could not be read",
                uri.getPath(), List.of())).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (DatabaseOutage.causedBy(e)) {
            LOG.warnf("database unavailable on %s: %s", uri.getPath(), e.getMessage());
            // A write's outcome is unknown when the connection broke at commit: retrying with its Idempotency-Key is safe.
            return problem(new ProblemException(ProblemType.UNAVAILABLE, ProblemWriter.DATABASE_UNREACHABLE), uri);
        }
        LOG.errorf(e, "unexpected failure on %s", uri.getPath());
        return respond(new Problem("about:blank", "Internal Server Error", 500,
                "The server failed to answer this request; it has been logged.", uri.getPath(), List.of())).build();
    }

    /** {@code @RolesAllowed} and no key (Quarkus Security): 401, naming the scope the operation needs. */
    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri, ResourceInfo resource) {
        return problem(new ProblemException(ProblemType.UNAUTHORIZED, "This operation needs an API key with scope '"
                + scope(resource) + "': send Authorization: Bearer <key>"), uri);
    }

    /** A key whose identity could not be established (authentication not done at the edge). */
    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException e, UriInfo uri) {
        return problem(new ProblemException(ProblemType.UNAUTHORIZED,
                e.getMessage() != null ? e.getMessage() : "Unknown or revoked API key"), uri);
    }

    /** {@code @RolesAllowed} and a key without the role: 403, naming the scope. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri, ResourceInfo resource) {
        return problem(new ProblemException(ProblemType.FORBIDDEN, "This API key lacks scope '" + scope(resource) + "'"), uri);
    }

    private static String scope(ResourceInfo resource) {
        RolesAllowed roles = resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(RolesAllowed.class);
        if (roles == null && resource.getResourceClass() != null) {
            roles = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        return roles == null ? "?" : String.join("' or '", roles.value());
    }

    public Response.ResponseBuilder respond(Problem problem) {
        return problems.response(problem);
    }
}
