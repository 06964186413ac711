package org.rightsledger.reference;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.rightsledger.ledger.Guard;
import org.rightsledger.ledger.Pipeline;
import org.rightsledger.problem.ProblemException;
import org.rightsledger.problem.ProblemType;

/**
 * The revision rule: revision n+1 of an actor, bill or case is written only on top of revision
 * n, the one the writer last saw (If-Match), so a partner never overwrites what it has not
 * seen. Checked when the request comes in, and again under the head lock by {@link #guard}.
 */
final class Revisions {

    private Revisions() {
    }

    static ProblemException stale(UUID entityId, int latest) {
        return new ProblemException(ProblemType.PRECONDITION_FAILED,
                entityId + " is at revision " + latest + "; fetch it, apply your change to that revision, and send "
                        + "If-Match: \"" + latest + "\"");
    }

    /** The entity is still at the revision the writer saw when its next revision is written. */
    static Guard<Seen> guard(UUID entityId, int seenRevision) {
        return new Guard<>(STILL_AT, new Seen(entityId, seenRevision));
    }

    record Seen(UUID entityId, int revision) {
    }

    private static final String LATEST = "(SELECT coalesce(max(r.revision), 0) FROM reference_revision r "
            + "WHERE r.entity_id = %s)";

    private static final Guard.Rule<Seen> STILL_AT = new Guard.Rule<>() {

        @Override
        public Object key(Seen seen) {
            return seen.entityId();
        }

        @Override
        public Pipeline.Step allHold(List<Seen> seen) {
            return new Pipeline.Step("SELECT NOT EXISTS (SELECT 1 FROM unnest(?::uuid[], ?::int[]) g (entity_id, seen) "
                    + "WHERE " + LATEST.formatted("g.entity_id") + " <> g.seen)", (statement, first) -> {
                        Connection c = statement.getConnection();
                        statement.setArray(first, c.createArrayOf("uuid", seen.stream().map(Seen::entityId).toArray()));
                        statement.setArray(first + 1, c.createArrayOf("int4", seen.stream().map(Seen::revision).toArray()));
                        return first + 2;
                    });
        }

        @Override
        public Optional<RuntimeException> refusal(Connection transaction, Seen seen) throws SQLException {
            try (var query = transaction.prepareStatement("SELECT " + LATEST.formatted("?"))) {
                query.setObject(1, seen.entityId());
                try (var latest = query.executeQuery()) {
                    latest.next();
                    int revision = latest.getInt(1);
                    return revision == seen.revision() ? Optional.empty() : Optional.of(stale(seen.entityId(), revision));
                }
            }
        }
    };
}
