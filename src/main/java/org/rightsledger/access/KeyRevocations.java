package org.rightsledger.access;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Revocations reach every instance: revoking a key NOTIFYs channel {@value #CHANNEL} in the same
 * transaction (so only once it is committed), and one thread per instance LISTENs on it and empties
 * {@link ApiKeyIdentities}' cache. While the listener is not connected the cache is off (a
 * notification could be missed then), so a revoked key is refused from the next request on.
 */
@ApplicationScoped
public class KeyRevocations {

    static final String CHANNEL = "ledger_api_keys";
    private static final Logger LOG = Logger.getLogger(KeyRevocations.class);
    private static final int WAIT_MILLIS = 1000;

    private final DataSource dataSource;
    private final ApiKeyIdentities identities;
    private volatile boolean running = true;
    private Thread thread;

    KeyRevocations(DataSource dataSource, ApiKeyIdentities identities) {
        this.dataSource = dataSource;
        this.identities = identities;
    }

    void start(@Observes StartupEvent start) {
        thread = new Thread(this::listen, "ledger-key-revocations");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent stop) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Inside the revoking transaction: delivered to every listener when it commits, never if it rolls back. */
    static void notifyRevoked(Connection connection) throws SQLException {
        try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, '')")) {
            notify.setString(1, CHANNEL);
            notify.execute();
        }
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                identities.listening(true);
                try (Statement ping = connection.createStatement()) {
                    while (running) {
                        PGNotification[] revoked = pg.getNotifications(WAIT_MILLIS);
                        if (revoked != null && revoked.length > 0) {
                            identities.invalidateAll();
                        }
                        // A dead connection shows here, not in getNotifications, which just returns nothing.
                        ping.execute("SELECT 1");
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    LOG.warnf("revocation listener lost the database (%s); keys are looked up uncached until it is back",
                            e.getMessage());
                }
            } catch (RuntimeException e) {
                LOG.error("revocation listener failed; keys are looked up uncached until it is back", e);
            } finally {
                identities.listening(false);
            }
            sleep();
        }
    }

    private void sleep() {
        try {
            Thread.sleep(WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
