package org.rightsledger.access;

import java.util.Arrays;
import java.util.Optional;

public enum Scope {
    WRITE(Roles.WRITE),
    RESTRICTED_READ(Roles.RESTRICTED_READ),
    ADMIN(Roles.ADMIN);

    public final String value;

    Scope(String value) {
        this.value = value;
    }

    public static Optional<Scope> of(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }
}
