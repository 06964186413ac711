package org.rightsledger.access;

import java.util.Set;
import java.util.UUID;

/**
 * Who is calling: anonymous, a partner's API key, or the operator's admin token. Which operations
 * it may call is decided by Quarkus Security ({@code @RolesAllowed}, roles = scopes); what it may
 * read is asked here ({@link #canReadRestricted()}). {@code key} is the id of the partner's API key
 * (null for anonymous callers and the admin token): what a partner owns per key, its webhooks, hangs on it.
 */
public record Caller(String partner, Set<Scope> scopes, UUID key) {

    public static final Caller ANONYMOUS = new Caller(null, Set.of(), null);

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
