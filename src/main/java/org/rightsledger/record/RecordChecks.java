package org.rightsledger.record;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.rightsledger.problem.ProblemException;
import org.rightsledger.record.RecordRepository.Referenced;
import org.rightsledger.reference.EntityKinds;
import org.rightsledger.reference.ReferenceKind;

/**
 * The checks of a record against what it refers to, before it is appended: the actors, case
 * and bill it names exist, and the records it corrects or cites exist with the right type and
 * are not corrected yet ({@link Corrections}). A writer may refer only to records it may read:
 * for one without restricted:read, a restricted record does not exist (the same 422 as an
 * unknown id), so writes cannot probe.
 *
 * <p>What may change between these checks and the commit (a correction by another writer) is
 * checked again under the head lock, by the guard {@link Corrections#guard}.
 */
public final class RecordChecks {

    /**
     * What records refer to, fetched at once: the kinds of the actors, cases and bills they
     * name, and the earlier records they correct or cite, as the writer may see them. An import
     * adds what its earlier lines create ({@link #learn}).
     */
    public record Known(Map<UUID, ReferenceKind> entities, Map<UUID, Referenced> records) {

        /**
         * Looks up what the records refer to: entity kinds kept from earlier reads first
         * ({@link EntityKinds}), then, on one connection and only when something is left to
         * read, the other kinds and the records.
         */
        public static Known lookUp(DataSource db, EntityKinds kinds, List<ValidRecord> batch, boolean canReadRestricted)
                throws SQLException {
            Set<UUID> entities = new HashSet<>();
            Set<UUID> records = new HashSet<>();
            for (ValidRecord record : batch) {
                RecordDraft draft = record.draft();
                addIfPresent(entities, draft.caseId());
                addIfPresent(entities, draft.billId());
                for (int i = 0; draft.actors() != null && i < draft.actors().size(); i++) {
                    addIfPresent(entities, draft.actors().get(i).actorId());
                }
                addIfPresent(records, draft.supersedes());
                addIfPresent(records, record.retracts());
                if (record.details() instanceof Details.Fine fine) {
                    addIfPresent(records, fine.rulingId());
                }
                if (record.details() instanceof Details.Ruling ruling) {
                    addIfPresent(records, ruling.appealOf());
                }
            }
            Known known = new Known(kinds.kept(entities), new HashMap<>());
            entities.removeAll(known.entities().keySet());
            if (entities.isEmpty() && records.isEmpty()) {
                return known;
            }
            try (Connection c = db.getConnection()) {
                known.entities().putAll(kinds.read(c, entities));
                known.records().putAll(RecordRepository.referenced(c, records, canReadRestricted));
            }
            return known;
        }

        private static void addIfPresent(Set<UUID> ids, UUID id) {
            if (id != null) {
                ids.add(id);
            }
        }

        /** An entity that an earlier line of the same import creates. */
        public void learn(UUID entityId, ReferenceKind kind) {
            entities.put(entityId, kind);
        }

        /** A record that an earlier unit of the same request appends, and what it corrects. */
        public void learn(UUID id, ValidRecord record) {
            records.put(id, new Referenced(record.type(), null, null));
            UUID target = record.correctionTarget();
            Referenced corrected = target == null ? null : records.get(target);
            if (corrected != null) {
                records.put(target, record.retracts() != null
                        ? new Referenced(corrected.type(), corrected.supersededBy(), id)
                        : new Referenced(corrected.type(), id, corrected.retractedBy()));
            }
        }

        void requireEntity(ReferenceKind kind, UUID id, String pointer) {
            if (entities.get(id) != kind) {
                throw ProblemException.invalid(pointer, "no " + kind.value + " " + id);
            }
        }

        Referenced record(UUID id, String pointer) {
            Referenced found = records.get(id);
            if (found == null) {
                throw ProblemException.invalid(pointer, "no record " + id);
            }
            return found;
        }
    }

    private RecordChecks() {
    }

    /** Throws the problem of the first check the record fails. */
    public static void check(ValidRecord record, Known known) {
        RecordDraft draft = record.draft();
        if (draft.caseId() != null) {
            known.requireEntity(ReferenceKind.CASE, draft.caseId(), "/caseId");
        }
        if (draft.billId() != null) {
            known.requireEntity(ReferenceKind.BILL, draft.billId(), "/billId");
        }
        for (int i = 0; draft.actors() != null && i < draft.actors().size(); i++) {
            known.requireEntity(ReferenceKind.ACTOR, draft.actors().get(i).actorId(), "/actors/" + i + "/actorId");
        }
        UUID supersedes = record.draft().supersedes();
        if (supersedes != null) {
            Referenced target = known.record(supersedes, "/supersedes");
            if (target.type() != record.type()) {
                throw ProblemException.invalid("/supersedes",
                        "record " + supersedes + " is a " + target.type() + "; a " + record.type() + " can only supersede a "
                                + record.type());
            }
            uncorrected(supersedes, target);
        }
        if (record.details() instanceof Details.Retraction retraction) {
            Referenced target = known.record(retraction.retracts(), "/details/retracts");
            if (target.type() == RecordType.RETRACTION) {
                throw ProblemException.invalid("/details/retracts", "a retraction cannot be retracted");
            }
            uncorrected(retraction.retracts(), target);
        }
        if (record.details() instanceof Details.Fine fine && fine.rulingId() != null) {
            ruling(known, fine.rulingId(), "/details/rulingId");
        }
        if (record.details() instanceof Details.Ruling ruling && ruling.appealOf() != null) {
            ruling(known, ruling.appealOf(), "/details/appealOf");
        }
    }

    private static void uncorrected(UUID id, Referenced target) {
        Corrections.refusal(id, target).ifPresent(problem -> {
            throw problem;
        });
    }

    private static void ruling(Known known, UUID id, String pointer) {
        if (known.record(id, pointer).type() != RecordType.RULING) {
            throw ProblemException.invalid(pointer, "record " + id + " is not a ruling");
        }
    }
}
