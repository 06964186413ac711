package org.rightsledger.access;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.rightsledger.problem.ProblemException;
import org.rightsledger.problem.ProblemType;

/**
 * Resolves the caller of every request from its {@code Authorization} header. No header:
 * anonymous (reads are public). A header that is not a valid key: 401, also on reads, so a
 * partner with a broken key learns it instead of silently reading the public view.
 */
@RequestScoped
public class CurrentCaller {

    private static final String BEARER = "Bearer ";

    private final ApiKeyService keys;
    private Caller caller = Caller.ANONYMOUS;

    CurrentCaller(ApiKeyService keys) {
        this.keys = keys;
    }

    @ServerRequestFilter
    public void resolve(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            caller = of(authorization, keys);
        }
    }

    /** The caller an Authorization header names; a 401 problem when it names none. */
    static Caller of(String authorization, ApiKeyService keys) {
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || authorization.length() == BEARER.length()) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "Send Authorization: Bearer <api key>");
        }
        return keys.resolve(authorization.substring(BEARER.length()).strip());
    }

    public Caller get() {
        return caller;
    }
}
