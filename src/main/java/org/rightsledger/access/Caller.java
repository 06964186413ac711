package org.rightsledger.access;

import java.util.Set;

/**
 * Who is calling: anonymous, a partner's API key, or the operator's admin token. Which operations
 * it may call is decided by Quarkus Security ({@code @RolesAllowed}, roles = scopes); what it may
 * read is asked here ({@link #canReadRestricted()}).
 */
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
}
