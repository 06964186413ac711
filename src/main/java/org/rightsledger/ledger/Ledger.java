package org.rightsledger.ledger;

import java.util.List;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.rightsledger.feed.HeadWatcher;
import org.rightsledger.ledger.IdempotencyClaims.Claim;
import org.rightsledger.log.LogEntry;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * The way into the log. Every writer (records, batches, the dataset import, actor, bill and
 * case revisions, exchange rates) hands its appends to {@link #append}; nothing else writes
 * {@code log_entry}. See docs/ledger.md.
 *
 * <p>What a writer does before: validate and check its input against what it may read, make
 * each entry's content and hash it ({@link HashedDraft}), and say what must still hold when it
 * is written ({@link Guard}). What happens here, in one transaction that holds the head lock:
 * <ol>
 * <li>the unit joins the next group commit ({@link GroupCommitter}) and waits;</li>
 * <li>each Idempotency-Key claim is taken, or the unit is answered with the key's earlier claim
 *     and writes nothing;</li>
 * <li>each guard is checked; one that does not hold refuses the unit with its rule's refusal;</li>
 * <li>the entries are appended at consecutive positions ({@code append_entries}) and their
 *     projection rows inserted;</li>
 * <li>the group commits, and only then is the unit answered: every answered entry is durable.
 *     Before the answer, this instance's known head moves to the unit's last entry (so no read of
 *     it answers from before its own write), and the planner's statistics are refreshed when the
 *     appends since their last refresh are many ({@link PlannerStatistics}).</li>
 * </ol>
 * A unit is all or nothing; the other units of its group do not depend on it. When the group
 * cannot commit, every unit of it fails with {@link LedgerUnavailable}.
 */
@ApplicationScoped
@Startup // the committer thread and its metrics exist from the start, not from the first append
public class Ledger {

    /**
     * What a unit came to: the entries it appended, in its order; or, when a claim of the unit
     * was taken already, that earlier claim (then nothing of the unit was written).
     */
    public record Appended(List<LogEntry> entries, Claim earlier) {

        static Appended written(List<LogEntry> entries) {
            return new Appended(List.copyOf(entries), null);
        }

        static Appended replayOf(Claim earlier) {
            return new Appended(List.of(), earlier);
        }

        public boolean replayed() {
            return earlier != null;
        }

        /** The one entry of a unit of one. */
        public LogEntry entry() {
            return entries.get(0);
        }
    }

    private final DataSource dataSource;
    private final MeterRegistry meters;
    private final int maxGroupSize;
    private final HeadWatcher head;
    private final PlannerStatistics statistics;
    private GroupCommitter<List<Append>, Appended> committer;

    Ledger(DataSource dataSource, MeterRegistry meters,
            @ConfigProperty(name = "ledger.group-commit.max-size") int maxGroupSize, HeadWatcher head,
            PlannerStatistics statistics) {
        this.dataSource = dataSource;
        this.meters = meters;
        this.maxGroupSize = maxGroupSize;
        this.head = head;
        this.statistics = statistics;
    }

    @PostConstruct
    void start() {
        committer = new GroupCommitter<>("ledger-group-commit", dataSource, new GroupWriter(), maxGroupSize, meters);
    }

    @PreDestroy
    void stop() {
        committer.close();
    }

    /**
     * Appends a unit (all of it or nothing) in the next group commit, and returns once that
     * group has committed. Throws a guard's refusal, {@link LedgerConflict} when the database
     * refused the unit, or {@link LedgerUnavailable}.
     */
    public Appended append(List<Append> unit) {
        if (unit.isEmpty()) {
            throw new IllegalArgumentException("a unit holds at least one append");
        }
        Appended appended = committer.append(List.copyOf(unit));
        if (!appended.entries().isEmpty()) {
            // Committed: this instance's reads (and the answers cached for the old head) know it before the writer does.
            long last = appended.entries().get(appended.entries().size() - 1).position();
            head.advanced(last);
            statistics.appended(appended.entries().size(), last);
        }
        return appended;
    }

    /** A unit of one append. */
    public Appended append(Append append) {
        return append(List.of(append));
    }

    /** Units waiting for the next group commit. */
    public int queued() {
        return committer.queued();
    }
}
