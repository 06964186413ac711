package org.rightsledger.access;

import java.util.EnumSet;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The caller of the request being handled, as the domain sees it: the identity Quarkus Security
 * established ({@link ApiKeyMechanism}, {@link ApiKeyIdentities}) with its roles read as scopes.
 */
@RequestScoped
public class CurrentCaller {

    private final SecurityIdentity identity;
    private Caller caller;

    CurrentCaller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Caller get() {
        if (caller == null) {
            caller = identity.isAnonymous() ? Caller.ANONYMOUS : new Caller(identity.getPrincipal().getName(), scopes(),
                    identity.getAttribute(ApiKeyIdentities.KEY_ID));
        }
        return caller;
    }

    private Set<Scope> scopes() {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        identity.getRoles().forEach(role -> Scope.of(role).ifPresent(scopes::add));
        return Set.copyOf(scopes);
    }
}
