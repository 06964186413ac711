package org.rightsledger.record;

import static org.rightsledger.sql.Visibility.visible;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.rightsledger.ledger.Guard;
import org.rightsledger.ledger.LedgerConflict;
import org.rightsledger.ledger.Pipeline;
import org.rightsledger.problem.ProblemException;
import org.rightsledger.problem.ProblemType;
import org.rightsledger.record.RecordRepository.Referenced;

/**
 * The correction rule: a record is corrected (superseded or retracted) once, as far as the
 * writer can see. A correction the writer may not read (a restricted one, without
 * restricted:read) does not count, so a 409 never tells a writer that a restricted correction
 * exists; the record then has two current versions for readers with restricted:read, each
 * correcting it. The correcting entry is not named either.
 *
 * <p>Here are its SQL (what readers see as corrected), its check before an append, its guard
 * under the head lock, and the answer when the database's unique indexes have the last word
 * (V7: public corrections stay unique).
 */
public final class Corrections {

    private Corrections() {
    }

    /**
     * The latest correction of each kind, among those the reader may see, of the record whose id
     * is {@code id} (an SQL expression): the columns {@code superseded_by} and {@code retracted_by}.
     * Two parameters: canReadRestricted, twice.
     */
    public static String latestAsSeen(String id) {
        return """
                (SELECT s.id FROM record s WHERE s.supersedes = %1$s AND %2$s
                  ORDER BY s.position DESC LIMIT 1) AS superseded_by,
                (SELECT t.id FROM record t WHERE t.retracts = %1$s AND %3$s
                  ORDER BY t.position DESC LIMIT 1) AS retracted_by""".formatted(id, visible("s"), visible("t"));
    }

    /** Record {@code r} is current: no correction of it that the reader may see. Two parameters, as above. */
    public static final String CURRENT_AS_SEEN =
            " AND NOT EXISTS (SELECT 1 FROM record s WHERE s.supersedes = r.id AND " + visible("s") + ")"
                    + " AND NOT EXISTS (SELECT 1 FROM record t WHERE t.retracts = r.id AND " + visible("t") + ")";

    /**
     * The same filter for a scan of every record (statistics): NOT IN over the (few) corrections
     * hashes them once, one sequential pass, no anti-join by id. Two parameters, as above.
     */
    public static final String CURRENT_AS_SEEN_IN_BULK =
            " AND r.id NOT IN (SELECT s.supersedes FROM record s WHERE s.supersedes IS NOT NULL AND " + visible("s") + ")"
                    + " AND r.id NOT IN (SELECT t.retracts FROM record t WHERE t.retracts IS NOT NULL AND "
                    + visible("t") + ")";

    /** The rule, for a record {@code id} as the writer sees it: the 409 when it is corrected already. */
    static Optional<ProblemException> refusal(UUID id, Referenced target) {
        if (target.retractedBy() != null) {
            return Optional.of(new ProblemException(ProblemType.CONFLICT, "record " + id + " was retracted"));
        }
        if (target.supersededBy() != null) {
            return Optional.of(new ProblemException(ProblemType.CONFLICT, "record " + id
                    + " was already superseded; supersede the latest version instead"));
        }
        return Optional.empty();
    }

    /** When the unique indexes refuse a correction that raced another one; other conflicts stay failures. */
    static RuntimeException refusal(LedgerConflict conflict) {
        if (conflict.uniqueViolation()) {
            return new ProblemException(ProblemType.CONFLICT,
                    "The referenced record was corrected or retracted by a concurrent request; fetch it and retry");
        }
        return conflict;
    }

    /** The guard of a correction: its target is still uncorrected, as this writer sees it, when it is written. */
    static Guard<Target> guard(UUID target, boolean canReadRestricted, String pointer) {
        return new Guard<>(UNCORRECTED, new Target(target, canReadRestricted, pointer));
    }

    /** @param pointer where the correcting record sits in its request ("" for a request of one) */
    record Target(UUID id, boolean canReadRestricted, String pointer) {
    }

    private static final Guard.Rule<Target> UNCORRECTED = new Guard.Rule<>() {

        @Override
        public Object key(Target target) {
            return target.id();
        }

        @Override
        public Pipeline.Step allHold(List<Target> targets) {
            return new Pipeline.Step("""
                    SELECT NOT EXISTS (
                        SELECT 1 FROM unnest(?::uuid[], ?::boolean[]) g (id, can_read)
                         WHERE EXISTS (SELECT 1 FROM record s WHERE s.supersedes = g.id AND %s)
                            OR EXISTS (SELECT 1 FROM record t WHERE t.retracts = g.id AND %s))"""
                    .formatted(visible("s", "g.can_read"), visible("t", "g.can_read")), (statement, first) -> {
                        Connection c = statement.getConnection();
                        statement.setArray(first, c.createArrayOf("uuid", targets.stream().map(Target::id).toArray()));
                        statement.setArray(first + 1,
                                c.createArrayOf("boolean", targets.stream().map(Target::canReadRestricted).toArray()));
                        return first + 2;
                    });
        }

        @Override
        public Optional<RuntimeException> refusal(Connection transaction, Target target) throws SQLException {
            Referenced now = RecordRepository.referenced(transaction, List.of(target.id()), target.canReadRestricted())
                    .get(target.id());
            return now == null ? Optional.empty()
                    : Corrections.refusal(target.id(), now).map(problem -> target.pointer().isEmpty() ? problem
                            : problem.within(target.pointer()));
        }
    };
}
