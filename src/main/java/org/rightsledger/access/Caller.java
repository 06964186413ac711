package org.rightsledger.access;

import java.util.Set;

import org.rightsledger.problem.ProblemException;
import org.rightsledger.problem.ProblemType;

/** Who is calling: anonymous, a partner's API key, or the operator's admin token. */
public record Caller(String partner, Set<Scope> scopes) {

    public static final Caller ANONYMOUS = new Caller(null, Set.of());

    public boolean anonymous() {
        return partner == null;
    }

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }

    public boolean canReadRestricted() {
        return has(Scope.RESTRICTED_READ);
    }

    /** 401 for an anonymous caller, 403 for a caller without the scope. */
    public Caller require(Scope scope) {
        if (anonymous()) {
            throw new ProblemException(ProblemType.UNAUTHORIZED,
                    "This operation needs an API key with scope '" + scope.value + "': send Authorization: Bearer <key>");
        }
        if (!has(scope)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "This API key lacks scope '" + scope.value + "'");
        }
        return this;
    }
}
