package org.rightsledger.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Group commit of appends. Request threads queue their unit of work and wait; one committer
 * thread takes whatever is queued (up to {@code maxSize}), opens one transaction, lets the
 * {@link Writer} write every unit (locking the log head first), and commits. Only then is each
 * request answered, so every acknowledged entry is durable. One fsync and a handful of round
 * trips serve the whole group: that is the throughput, since the head lock serializes appends
 * anyway.
 *
 * <p>A unit the writer refuses (its own problem) has left nothing behind and fails alone. If
 * the transaction fails as a whole (the database is unreachable, the commit fails), every
 * unit of the group gets {@link LedgerUnavailable} and nothing of it was acknowledged.
 *
 * @param <U> a request's unit of work
 * @param <R> what a written unit answers with
 */
public final class GroupCommitter<U, R> {

    private static final Logger LOG = Logger.getLogger(GroupCommitter.class);

    /** Writes one group inside its transaction. */
    public interface Writer<U, R> {

        /**
         * Writes the units, in their order, in the group's transaction, taking the head lock
         * ({@link Entries#LOCK_HEAD}) before anything else; returns one outcome per unit. A
         * unit that ends in a problem must leave nothing behind. An SQLException aborts the
         * whole group.
         */
        List<Outcome<R>> write(GroupTransaction transaction, List<U> group) throws SQLException;
    }

    /** The group's open transaction. */
    public interface GroupTransaction {

        Connection connection();

        /** Rolls back everything written so far, the head lock included: a fresh start for the group. */
        void restart() throws SQLException;
    }

    /** How one unit ended: its answer, or the problem it alone is refused with. */
    public record Outcome<R>(R value, RuntimeException problem) {

        public static <R> Outcome<R> written(R value) {
            return new Outcome<>(value, null);
        }

        public static <R> Outcome<R> refused(RuntimeException problem) {
            return new Outcome<>(null, problem);
        }
    }

    private record Waiting<U, R>(U unit, long queuedAt, CompletableFuture<R> answer) {
    }

    private final DataSource dataSource;
    private final Writer<U, R> writer;
    private final int maxSize;
    private final BlockingQueue<Waiting<U, R>> queue = new LinkedBlockingQueue<>();
    private final Waiting<U, R> closing = new Waiting<>(null, 0, null);
    private final Thread committer;
    private final Timer appendTime;
    private final DistributionSummary groupSize;
    private volatile boolean closed;

    public GroupCommitter(String name, DataSource dataSource, Writer<U, R> writer, int maxSize, MeterRegistry meters) {
        if (maxSize < 1) {
            throw new IllegalArgumentException("ledger.group-commit.max-size must be at least 1, not " + maxSize);
        }
        this.dataSource = dataSource;
        this.writer = writer;
        this.maxSize = maxSize;
        this.appendTime = Timer.builder("ledger.append")
                .description("From an append joining the queue to the commit (or failure) of the transaction holding it")
                .publishPercentileHistogram()
                .register(meters);
        this.groupSize = DistributionSummary.builder("ledger.append.group.size")
                .description("Appends committed together in one transaction")
                .publishPercentileHistogram()
                .maximumExpectedValue((double) maxSize)
                .register(meters);
        meters.gauge("ledger.append.queued", queue, BlockingQueue::size);
        this.committer = new Thread(this::run, name);
        committer.setDaemon(true);
        committer.start();
    }

    /** Queues the unit and waits until the transaction holding it has committed (or failed). */
    public R append(U unit) {
        if (closed) {
            throw unavailable("the service is shutting down");
        }
        Waiting<U, R> waiting = new Waiting<>(unit, System.nanoTime(), new CompletableFuture<>());
        queue.add(waiting);
        if (closed && queue.remove(waiting)) {
            throw unavailable("the service is shutting down"); // queued after the committer's last group
        }
        try {
            return waiting.answer().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException problem) {
                throw problem;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // Not an acknowledgement: the entry may still be committed, which a retry with the same Idempotency-Key finds.
            throw unavailable("the request was interrupted while its append was waiting for the commit");
        }
    }

    /** Appends waiting for the next group. */
    public int queued() {
        return queue.size();
    }

    /** Commits what was queued before, then stops; anything queued after is unavailable. */
    public void close() {
        closed = true;
        queue.add(closing);
        try {
            committer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Waiting<U, R>> left = new ArrayList<>();
        queue.drainTo(left);
        left.stream().filter(w -> w != closing)
                .forEach(w -> w.answer().completeExceptionally(unavailable("the service is shutting down")));
    }

    private void run() {
        List<Waiting<U, R>> group = new ArrayList<>(maxSize);
        boolean stop = false;
        while (!stop) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(group, maxSize - 1);
            stop = group.remove(closing);
            if (!group.isEmpty()) {
                try {
                    commit(group);
                } catch (Throwable e) { // an Error: answer the group, and keep the only committer alive
                    LOG.errorf(e, "group commit of %d appends failed; none was acknowledged", group.size());
                    group.forEach(w -> w.answer().completeExceptionally(e));
                }
            }
            group.clear();
        }
    }

    private void commit(List<Waiting<U, R>> group) {
        groupSize.record(group.size());
        List<Outcome<R>> outcomes;
        try {
            outcomes = write(group.stream().map(Waiting::unit).toList());
        } catch (SQLException e) {
            LOG.errorf(e, "group commit of %d appends failed; none was acknowledged", group.size());
            finish(group, w -> w.answer().completeExceptionally(
                    unavailable("the database did not commit the append (" + e.getSQLState() + "); nothing was stored, retry")));
            return;
        } catch (RuntimeException e) {
            LOG.errorf(e, "group commit of %d appends failed; none was acknowledged", group.size());
            finish(group, w -> w.answer().completeExceptionally(e));
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            Outcome<R> outcome = outcomes.get(i);
            Waiting<U, R> waiting = group.get(i);
            appendTime.record(System.nanoTime() - waiting.queuedAt(), TimeUnit.NANOSECONDS);
            if (outcome.problem() != null) {
                waiting.answer().completeExceptionally(outcome.problem());
            } else {
                waiting.answer().complete(outcome.value());
            }
        }
    }

    private void finish(List<Waiting<U, R>> group, Consumer<Waiting<U, R>> answer) {
        for (Waiting<U, R> waiting : group) {
            appendTime.record(System.nanoTime() - waiting.queuedAt(), TimeUnit.NANOSECONDS);
            answer.accept(waiting);
        }
    }

    private List<Outcome<R>> write(List<U> units) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                List<Outcome<R>> outcomes = writer.write(new GroupTransaction() {
                    @Override
                    public Connection connection() {
                        return connection;
                    }

                    @Override
                    public void restart() throws SQLException {
                        connection.rollback();
                    }
                }, units);
                if (outcomes.size() != units.size()) {
                    throw new IllegalStateException(outcomes.size() + " outcomes for " + units.size() + " appends");
                }
                connection.commit();
                return outcomes;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            } finally {
                restoreAutoCommit(connection);
            }
        }
    }

    /** Quietly: once committed, a connection that breaks now must not turn the group into a failure. */
    private static void restoreAutoCommit(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            LOG.debugf(e, "could not restore auto-commit on a group connection");
        }
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static LedgerUnavailable unavailable(String detail) {
        return new LedgerUnavailable(detail);
    }
}
