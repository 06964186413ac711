package org.rightsledger.access;

/**
 * The roles of Quarkus Security, for {@code @RolesAllowed}: an API key's scopes ({@link Scope}), and
 * {@code admin} for the operator's token. Reads are {@code @PermitAll}: what they show depends on
 * {@link Caller#canReadRestricted()}.
 */
public final class Roles {

    public static final String WRITE = "write";
    public static final String RESTRICTED_READ = "restricted:read";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
