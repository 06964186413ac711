package org.rightsledger.feed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Knows the head position and wakes whoever waits for it to move: long-polls and streams.
 * One thread LISTENs on channel {@code ledger_log} (notified by every append) and re-reads the
 * head at least once a second, so a lost notification or a dropped connection costs at most a
 * second, never an entry.
 */
@ApplicationScoped
public class HeadWatcher {

    private static final Logger LOG = Logger.getLogger(HeadWatcher.class);
    private static final int POLL_MILLIS = 1000;
    /** Longer than a poll and a slow query: past it, the watcher has lost the database. */
    static final int FRESH_MILLIS = 3000;

    private final DataSource dataSource;
    private final List<Waiter> waiters = new CopyOnWriteArrayList<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile long head = -1;
    /** When the watcher last read the head from the database (System.nanoTime), 0 before it first did. */
    private volatile long readAt;
    private volatile boolean running = true;
    private volatile boolean released;
    private Thread thread;

    HeadWatcher(DataSource dataSource, MeterRegistry metrics) {
        this.dataSource = dataSource;
        // The primary's head: partners compare it with the last position they hold.
        Gauge.builder("ledger.log.head.position", this, w -> w.head < 0 ? Double.NaN : w.head)
                .description("Position of the newest entry in the log, as this instance last read it").register(metrics);
    }

    private record Waiter(long after, CompletableFuture<Long> moved) {
    }

    void start(@Observes StartupEvent start) {
        thread = new Thread(this::watch, "ledger-head-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** Shutdown began: long-polls answer now with what there is, instead of holding the shutdown up. */
    void release(@Observes ShutdownDelayInitiatedEvent shutdown) {
        released = true;
        long known = head;
        for (Waiter waiter : waiters) {
            waiter.moved().complete(known);
        }
    }

    void stop(@Observes ShutdownEvent stop) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Completes (with the head) as soon as the head is beyond {@code after}. */
    public CompletionStage<Long> beyond(long after) {
        CompletableFuture<Long> moved = new CompletableFuture<>();
        Waiter waiter = new Waiter(after, moved);
        waiters.add(waiter);
        long known = head;
        if (known > after || released) {
            moved.complete(known);
        }
        moved.whenComplete((h, e) -> waiters.remove(waiter));
        return moved;
    }

    /** Called (on the watcher thread) whenever the head moves, and once a second regardless. */
    public void onTick(Runnable listener) {
        listeners.add(listener);
    }

    public long head() {
        return head;
    }

    /**
     * The head, if this instance can vouch that no append older than about {@value #FRESH_MILLIS} ms
     * is missing from it: the watcher read it from the database that recently, and this
     * instance's own appends are counted the moment they commit ({@link #advanced}). Else -1.
     */
    public long freshHead() {
        long at = readAt;
        return at != 0 && System.nanoTime() - at < FRESH_MILLIS * 1_000_000L ? head : -1;
    }

    /** An append of this instance committed up to {@code position}: the head is there at least, now. */
    public void advanced(long position) {
        moveTo(position);
    }

    private void watch() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN ledger_log");
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                try (PreparedStatement query = connection.prepareStatement("SELECT position FROM log_head")) {
                    while (running) {
                        refresh(query);
                        pg.getNotifications(POLL_MILLIS);
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    LOG.warnf("head watcher lost the database (%s); retrying in a second", e.getMessage());
                    sleep();
                }
            } catch (RuntimeException e) {
                LOG.error("head watcher failed; retrying in a second", e);
                sleep();
            }
        }
    }

    private void refresh(PreparedStatement query) throws SQLException {
        try (ResultSet row = query.executeQuery()) {
            row.next();
            moveTo(row.getLong(1));
            readAt = System.nanoTime();
        }
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.error("head listener failed", e);
            }
        }
    }

    /** The head only moves forward: a read that started before one of our commits must not take it back. */
    private synchronized void moveTo(long now) {
        if (now > head) {
            head = now;
            for (Waiter waiter : waiters) {
                if (now > waiter.after()) {
                    waiter.moved().complete(now);
                }
            }
        }
    }

    private void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
