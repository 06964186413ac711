package org.rightsledger.ops;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;

import javax.transaction.xa.XAException;

import jakarta.transaction.RollbackException;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/**
 * Which failures are a database outage (503) and which stay bugs (500), in the shapes they
 * reach the exception mapper. DatabaseRestartIT meets these under load, but only by chance
 * at the moment of a commit; here each shape is certain.
 */
class DatabaseOutageTest {

    @Test
    void aConnectionLostAtCommitIsAnOutage() {
        // Narayana: the commit's XAException (caused by the driver's I/O error) is suppressed by a RollbackException.
        XAException commit = new XAException("Error trying to transactionCommit local transaction");
        commit.initCause(new PSQLException("An I/O error occurred while sending to the backend.",
                PSQLState.CONNECTION_FAILURE));
        RollbackException rollback = new RollbackException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(commit);
        assertTrue(DatabaseOutage.causedBy(new RuntimeException("Error invoking subclass method", rollback)));
    }

    @Test
    void refusedTerminatedStartingUpAndNoConnectionInTimeAreOutages() {
        assertTrue(DatabaseOutage.causedBy(new PSQLException("Connection refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT)));
        assertTrue(DatabaseOutage.causedBy(new IllegalStateException(
                new SQLException("FATAL: terminating connection due to administrator command", "57P01"))));
        assertTrue(DatabaseOutage.causedBy(new SQLException("FATAL: the database system is starting up", "57P03")));
        assertTrue(DatabaseOutage.causedBy(new SQLException("Acquisition timeout while waiting for new connection")));
        assertTrue(DatabaseOutage.causedBy(new RuntimeException(new java.net.ConnectException("Connection refused"))));
    }

    @Test
    void otherFailuresStayBugs() {
        assertFalse(DatabaseOutage.causedBy(new SQLException("duplicate key value", "23505")));
        assertFalse(DatabaseOutage.causedBy(new SQLException("syntax error", "42601")));
        assertFalse(DatabaseOutage.causedBy(new SQLException("no state")));
        assertFalse(DatabaseOutage.causedBy(new NullPointerException()));
        RuntimeException loop = new RuntimeException("a");
        RuntimeException other = new RuntimeException("b", loop);
        loop.initCause(other);
        loop.addSuppressed(other);
        assertFalse(DatabaseOutage.causedBy(loop), "cycles end");
    }
}
