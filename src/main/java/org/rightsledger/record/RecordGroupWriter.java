package org.rightsledger.record;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.rightsledger.log.GroupCommitter.GroupTransaction;
import org.rightsledger.log.GroupCommitter.Outcome;
import org.rightsledger.log.GroupCommitter.Writer;
import org.rightsledger.log.HashedDraft;
import org.rightsledger.log.LogAppender;
import org.rightsledger.log.LogEntry;
import org.rightsledger.log.Pipeline;
import org.rightsledger.log.Pipeline.Result;
import org.rightsledger.log.Pipeline.Step;
import org.rightsledger.problem.ProblemException;
import org.rightsledger.problem.ProblemType;
import org.rightsledger.record.IdempotencyKeys.Claim;
import org.rightsledger.record.IdempotencyKeys.NewClaim;
import org.rightsledger.record.RecordRepository.Projection;

/**
 * Writes a group of single-record appends (see {@link org.rightsledger.log.GroupCommitter}):
 * for each, its idempotency claim, its log entry and its projection row.
 *
 * <p>The request threads did everything that needs no lock before queueing: parsing, the
 * reference checks, canonical content and contentHash. What can change between those checks
 * and the commit is checked again here, under the head lock: whether the key was claimed
 * meanwhile, and whether a record to supersede or retract was corrected meanwhile.
 *
 * <p>The usual group is written in one round trip, whatever its size. When one of its
 * members cannot be written that way (a key or a correction target taken, also by another
 * member of the group), the group starts over one member at a time, each inside a savepoint:
 * a member that fails is rolled back to its savepoint and answered with its own problem, and
 * the others are written and committed as usual.
 */
final class RecordGroupWriter implements Writer<RecordGroupWriter.Pending, RecordGroupWriter.Written> {

    /** One request's append, prepared by its request thread. */
    record Pending(ValidRecord record, HashedDraft draft, String searchText, String partner, String idempotencyKey,
            byte[] requestHash, boolean canReadRestricted) {

        UUID id() {
            return draft.id();
        }

        /** The record this one supersedes or retracts, if any. */
        UUID correctionTarget() {
            return record.correctionTarget();
        }

        NewClaim claim() {
            return new NewClaim(partner, idempotencyKey, requestHash, id());
        }

        Projection projection() {
            return new Projection(id(), record, searchText);
        }
    }

    /** A member's answer: the entry it appended, or the record its Idempotency-Key had already appended. */
    record Written(LogEntry entry, UUID replayOf) {
    }

    @Override
    public List<Outcome<Written>> write(GroupTransaction transaction, List<Pending> group) throws SQLException {
        if (independent(group)) {
            Optional<List<Outcome<Written>>> written = allAtOnce(transaction.connection(), group);
            if (written.isPresent()) {
                return written.get();
            }
            transaction.restart();
        }
        return oneByOne(transaction.connection(), group);
    }

    /** No two members share an Idempotency-Key or correct the same record. */
    private static boolean independent(List<Pending> group) {
        Set<List<String>> keys = new HashSet<>();
        Set<UUID> targets = new HashSet<>();
        for (Pending pending : group) {
            if (pending.idempotencyKey() != null && !keys.add(List.of(pending.partner(), pending.idempotencyKey()))) {
                return false;
            }
            if (pending.correctionTarget() != null && !targets.add(pending.correctionTarget())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The whole group in one round trip: head lock, claims, the check of correction targets,
     * entries, projection rows. Empty when some member needs the one-by-one path (a key or a
     * target was taken meanwhile); the transaction must then start over.
     */
    private static Optional<List<Outcome<Written>>> allAtOnce(Connection c, List<Pending> group) throws SQLException {
        List<NewClaim> claims = group.stream().filter(p -> p.idempotencyKey() != null).map(Pending::claim).toList();
        List<UUID> targets = group.stream().map(Pending::correctionTarget).filter(t -> t != null).toList();
        List<HashedDraft> drafts = group.stream().map(Pending::draft).toList();
        List<Step> steps = new ArrayList<>(List.of(LogAppender.LOCK_HEAD));
        if (!claims.isEmpty()) {
            steps.add(IdempotencyKeys.claimAll(claims));
        }
        if (!targets.isEmpty()) {
            steps.add(RecordRepository.anyCorrected(targets));
        }
        steps.add(LogAppender.appendAll(drafts));
        steps.add(RecordRepository.insertAll(group.stream().map(Pending::projection).toList()));
        List<Result> results;
        try {
            results = Pipeline.run(c, steps);
        } catch (SQLException e) {
            if (integrityViolation(e)) {
                return Optional.empty(); // a writer outside the group came first; one by one finds who is affected
            }
            throw e;
        }
        int next = 1;
        if (!claims.isEmpty() && results.get(next++).updateCount() < claims.size()) {
            return Optional.empty();
        }
        if (!targets.isEmpty() && Boolean.TRUE.equals(results.get(next++).rows().get(0).get(0))) {
            return Optional.empty();
        }
        List<LogEntry> entries = LogAppender.appended(drafts, results.get(next));
        return Optional.of(entries.stream().map(e -> Outcome.written(new Written(e, null))).toList());
    }

    /** Each member in its own savepoint, so that one that fails is rolled back alone. */
    private static List<Outcome<Written>> oneByOne(Connection c, List<Pending> group) throws SQLException {
        LogAppender.lockHead(c);
        List<Outcome<Written>> outcomes = new ArrayList<>(group.size());
        for (Pending pending : group) {
            Savepoint member = c.setSavepoint();
            try {
                outcomes.add(Outcome.written(writeOne(c, pending)));
                c.releaseSavepoint(member);
            } catch (ProblemException e) {
                c.rollback(member);
                outcomes.add(Outcome.refused(e));
            } catch (SQLException e) {
                if (!integrityViolation(e)) {
                    throw e;
                }
                c.rollback(member);
                outcomes.add(Outcome.refused(refusal(e)));
            }
        }
        return outcomes;
    }

    private static Written writeOne(Connection c, Pending pending) throws SQLException {
        if (pending.idempotencyKey() != null) {
            Optional<Claim> earlier = IdempotencyKeys.claim(c, pending.claim());
            if (earlier.isPresent()) {
                return new Written(null, RecordService.replayable(earlier.get(), pending.idempotencyKey(),
                        pending.requestHash()));
            }
        }
        UUID target = pending.correctionTarget();
        if (target != null) {
            Optional<RecordRepository.Referenced> now = RecordRepository.referenced(c, target, pending.canReadRestricted());
            if (now.isPresent()) {
                RecordService.uncorrected(target, now.get());
            }
        }
        List<Result> results = Pipeline.run(c, List.of(LogAppender.appendAll(List.of(pending.draft())),
                RecordRepository.insertAll(List.of(pending.projection()))));
        return new Written(LogAppender.appended(List.of(pending.draft()), results.get(0)).get(0), null);
    }

    private static boolean integrityViolation(SQLException e) {
        String state = sqlState(e);
        return state != null && state.startsWith("23");
    }

    /** A failed JDBC batch may carry the database's own error only as its next exception. */
    private static String sqlState(SQLException e) {
        for (SQLException cause = e; cause != null; cause = cause.getNextException()) {
            if (cause.getSQLState() != null) {
                return cause.getSQLState();
            }
        }
        return null;
    }

    /** The unique indexes are the last word when two corrections of one record race. */
    private static RuntimeException refusal(SQLException e) {
        if ("23505".equals(sqlState(e))) {
            return new ProblemException(ProblemType.CONFLICT,
                    "The referenced record was corrected or retracted by a concurrent request; fetch it and retry");
        }
        return new IllegalStateException("an append broke a constraint of the log", e);
    }
}
