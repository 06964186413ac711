package org.rightsledger.ops;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Tells a database outage (the server down, restarting, unreachable, out of connections) from
 * every other failure: an outage is answered 503 with Retry-After, anything else stays a 500 bug.
 */
public final class DatabaseOutage {

    /** admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections. */
    private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private DatabaseOutage() {
    }

    public static boolean causedBy(Throwable failure) {
        return causedBy(failure, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    /** Causes and suppressed exceptions too: a failed commit reaches us as a RollbackException that suppressed it. */
    private static boolean causedBy(Throwable t, Set<Throwable> seen) {
        if (t == null || seen.size() > 64 || !seen.add(t)) {
            return false;
        }
        if (t instanceof SQLException sql && outage(sql) || t instanceof ConnectException) {
            return true;
        }
        for (Throwable suppressed : t.getSuppressed()) {
            if (causedBy(suppressed, seen)) {
                return true;
            }
        }
        return causedBy(t.getCause(), seen);
    }

    private static boolean outage(SQLException sql) {
        String state = sql.getSQLState();
        if (state != null) {
            // Class 08: connection exceptions (refused, broken, closed).
            return state.startsWith("08") || STATES.contains(state);
        }
        // Agroal gives no SQLState when no connection could be had in time.
        String message = sql.getMessage();
        return message != null && message.contains("Acquisition timeout");
    }
}
