package org.rightsledger.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.rightsledger.ledger.Append.Row;
import org.rightsledger.ledger.Append.Table;
import org.rightsledger.ledger.GroupCommitter.GroupTransaction;
import org.rightsledger.ledger.GroupCommitter.Outcome;
import org.rightsledger.ledger.IdempotencyClaims.Claim;
import org.rightsledger.ledger.IdempotencyClaims.NewClaim;
import org.rightsledger.ledger.Ledger.Appended;
import org.rightsledger.ledger.Pipeline.Result;
import org.rightsledger.ledger.Pipeline.Step;
import org.rightsledger.log.LogEntry;

/**
 * Writes a group of units (see {@link GroupCommitter}) in its transaction, under the head lock.
 *
 * <p>A unit is written in this order ({@link #writeUnit}, the reference): its Idempotency-Key
 * claims (a key claimed already answers with the earlier claim, and nothing is written), its
 * guards (one that does not hold refuses the unit), then its entries and their projection rows.
 *
 * <p>The usual group is written in one round trip, whatever its size ({@link #allAtOnce}): the
 * same steps, each for every unit at once. When one of its units cannot be written that way (a
 * key claimed or a guard broken, also by another unit of the group), the group starts over one
 * unit at a time, each inside a savepoint: a unit that fails is rolled back to its savepoint and
 * answered alone, and the others are written and committed as usual.
 */
final class GroupWriter implements GroupCommitter.Writer<List<Append>, Appended> {

    @Override
    public List<Outcome<Appended>> write(GroupTransaction transaction, List<List<Append>> group) throws SQLException {
        if (independent(group)) {
            Optional<List<Outcome<Appended>>> written = allAtOnce(transaction.connection(), group);
            if (written.isPresent()) {
                return written.get();
            }
            transaction.restart();
        }
        return oneByOne(transaction.connection(), group);
    }

    /** Each unit in its own savepoint, so that one that fails is rolled back alone. */
    private static List<Outcome<Appended>> oneByOne(Connection c, List<List<Append>> group) throws SQLException {
        Pipeline.run(c, List.of(Entries.LOCK_HEAD));
        List<Outcome<Appended>> outcomes = new ArrayList<>(group.size());
        for (List<Append> unit : group) {
            Savepoint before = c.setSavepoint();
            try {
                Outcome<Appended> outcome = writeUnit(c, unit);
                if (outcome.problem() == null && !outcome.value().replayed()) {
                    c.releaseSavepoint(before);
                } else {
                    c.rollback(before);
                }
                outcomes.add(outcome);
            } catch (SQLException e) {
                String state = integrityViolation(e);
                if (state == null) {
                    throw e;
                }
                c.rollback(before);
                outcomes.add(Outcome.refused(new LedgerConflict(state, e)));
            }
        }
        return outcomes;
    }

    /** One unit, in the transaction that holds the head lock: claims, guards, entries, rows. */
    private static Outcome<Appended> writeUnit(Connection c, List<Append> unit) throws SQLException {
        for (Append append : unit) {
            if (append.claim() != null) {
                Optional<Claim> earlier = IdempotencyClaims.claim(c, append.claim());
                if (earlier.isPresent()) {
                    return Outcome.written(Appended.replayOf(earlier.get()));
                }
            }
        }
        for (Append append : unit) {
            for (Guard<?> guard : append.guards()) {
                Optional<RuntimeException> refusal = guard.refusal(c);
                if (refusal.isPresent()) {
                    return Outcome.refused(refusal.get());
                }
            }
        }
        List<HashedDraft> drafts = unit.stream().map(Append::draft).toList();
        List<Step> steps = new ArrayList<>(List.of(Entries.appendAll(drafts)));
        steps.addAll(rowInserts(unit));
        List<Result> results = Pipeline.run(c, steps);
        return Outcome.written(Appended.written(Entries.appended(drafts, results.get(0))));
    }

    /** No two appends of the group claim one key or share a guard's key. */
    private static boolean independent(List<List<Append>> group) {
        Set<Object> keys = new HashSet<>();
        for (List<Append> unit : group) {
            for (Append append : unit) {
                NewClaim claim = append.claim();
                if (claim != null && !keys.add(List.of("claim", claim.partner(), claim.key()))) {
                    return false;
                }
                for (Guard<?> guard : append.guards()) {
                    if (!keys.add(guard.key())) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /**
     * The whole group in one round trip: head lock, claims, guards, entries, projection rows.
     * Empty when some unit needs the one-by-one path (a key or a guard was taken meanwhile);
     * the transaction must then start over.
     */
    private static Optional<List<Outcome<Appended>>> allAtOnce(Connection c, List<List<Append>> group)
            throws SQLException {
        List<Append> all = group.stream().flatMap(List::stream).toList();
        List<NewClaim> claims = all.stream().map(Append::claim).filter(claim -> claim != null).toList();
        List<Step> guards = guardChecks(all);
        List<HashedDraft> drafts = all.stream().map(Append::draft).toList();
        List<Step> steps = new ArrayList<>(List.of(Entries.LOCK_HEAD));
        if (!claims.isEmpty()) {
            steps.add(IdempotencyClaims.claimAll(claims));
        }
        steps.addAll(guards);
        int appendAt = steps.size();
        steps.add(Entries.appendAll(drafts));
        steps.addAll(rowInserts(all));
        List<Result> results;
        try {
            results = Pipeline.run(c, steps);
        } catch (SQLException e) {
            if (integrityViolation(e) != null) {
                return Optional.empty(); // a writer outside the group came first; one by one finds who is affected
            }
            throw e;
        }
        if (!claims.isEmpty() && results.get(1).updateCount() < claims.size()) {
            return Optional.empty();
        }
        for (int i = appendAt - guards.size(); i < appendAt; i++) {
            if (!Boolean.TRUE.equals(results.get(i).rows().get(0).get(0))) {
                return Optional.empty();
            }
        }
        List<LogEntry> entries = Entries.appended(drafts, results.get(appendAt));
        List<Outcome<Appended>> outcomes = new ArrayList<>(group.size());
        int next = 0;
        for (List<Append> unit : group) {
            outcomes.add(Outcome.written(Appended.written(entries.subList(next, next + unit.size()))));
            next += unit.size();
        }
        return Optional.of(outcomes);
    }

    /** One statement per rule, for all the guards of that rule. */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static List<Step> guardChecks(List<Append> appends) {
        Map<Guard.Rule, List<Object>> byRule = new LinkedHashMap<>();
        for (Append append : appends) {
            for (Guard<?> guard : append.guards()) {
                byRule.computeIfAbsent(guard.rule(), r -> new ArrayList<>()).add(guard.subject());
            }
        }
        List<Step> steps = new ArrayList<>();
        byRule.forEach((rule, subjects) -> steps.add(rule.allHold(subjects)));
        return steps;
    }

    /** One statement per table, for all the rows of that table, in the order the tables first appear. */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static List<Step> rowInserts(List<Append> appends) {
        Map<Table, List<Object>> byTable = new LinkedHashMap<>();
        for (Append append : appends) {
            for (Row<?> row : append.rows()) {
                byTable.computeIfAbsent(row.table(), t -> new ArrayList<>()).add(row.value());
            }
        }
        List<Step> steps = new ArrayList<>();
        byTable.forEach((table, rows) -> steps.add(table.insertAll(rows)));
        return steps;
    }

    /** The SQLState of an integrity violation (class 23), or null for any other failure. */
    private static String integrityViolation(SQLException e) {
        // A failed JDBC batch may carry the database's own error only as its next exception.
        for (SQLException cause = e; cause != null; cause = cause.getNextException()) {
            if (cause.getSQLState() != null) {
                return cause.getSQLState().startsWith("23") ? cause.getSQLState() : null;
            }
        }
        return null;
    }
}
