package org.rightsledger.record;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.rightsledger.access.Caller;
import org.rightsledger.log.EntryDraft;
import org.rightsledger.log.GroupCommitter;
import org.rightsledger.log.HashedDraft;
import org.rightsledger.log.LogAccessException;
import org.rightsledger.log.LogAppender;
import org.rightsledger.log.LogEntry;
import org.rightsledger.log.Pipeline;
import org.rightsledger.log.Pipeline.Result;
import org.rightsledger.problem.ProblemException;
import org.rightsledger.problem.ProblemType;
import org.rightsledger.record.IdempotencyKeys.Claim;
import org.rightsledger.record.RecordGroupWriter.Pending;
import org.rightsledger.record.RecordGroupWriter.Written;
import org.rightsledger.record.RecordRepository.Projection;
import org.rightsledger.record.RecordRepository.Referenced;
import org.rightsledger.reference.ReferenceRepository;
import org.rightsledger.reference.ReferenceKind;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Appending records: idempotency, the references a record makes to earlier ones, the log
 * entry and the query projection — all in one transaction. Single records go through the
 * group commit ({@link GroupCommitter}, {@link RecordGroupWriter}); batches and imports
 * append in their own transaction.
 */
@ApplicationScoped
@Startup // the committer thread and its metrics exist from the start, not from the first append
public class RecordService {

    private final LogAppender log;
    private final RecordRepository records;
    private final IdempotencyKeys keys;
    private final DataSource dataSource;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final int maxGroupSize;
    private GroupCommitter<Pending, Written> committer;

    RecordService(LogAppender log, RecordRepository records, IdempotencyKeys keys, DataSource dataSource,
            ObjectMapper json, MeterRegistry meters,
            @ConfigProperty(name = "ledger.group-commit.max-size") int maxGroupSize) {
        this.log = log;
        this.records = records;
        this.keys = keys;
        this.dataSource = dataSource;
        this.json = json;
        this.meters = meters;
        this.maxGroupSize = maxGroupSize;
    }

    public record Appended(RecordRow row, boolean replayed) {
    }

    @PostConstruct
    void startGroupCommit() {
        committer = new GroupCommitter<>("ledger-group-commit", dataSource, new RecordGroupWriter(), maxGroupSize, meters);
    }

    @PreDestroy
    void stopGroupCommit() {
        committer.close();
    }

    /** Appends waiting for the next group commit. */
    public int queuedAppends() {
        return committer.queued();
    }

    /**
     * Appends a record for a partner, in the next group commit, and returns once that group
     * has committed. With an idempotency key, the first request with that key appends and
     * every later one with the same body replays its entry; requests with one key that race
     * each other are sorted out under the head lock, so exactly one entry is stored.
     */
    public Appended create(ValidRecord record, Caller caller, String idempotencyKey, byte[] requestHash) {
        String partner = caller.partner();
        if (idempotencyKey != null) {
            Optional<Claim> earlier = keys.find(partner, idempotencyKey);
            if (earlier.isPresent()) {
                return replay(replayable(earlier.get(), idempotencyKey, requestHash), caller);
            }
        }
        checkReferences(record, caller.canReadRestricted());
        HashedDraft draft = HashedDraft.of(entryDraft(record, UUID.randomUUID(), partner));
        Written written = committer.append(new Pending(record, draft, searchText(record), partner, idempotencyKey,
                requestHash, caller.canReadRestricted()));
        if (written.replayOf() != null) {
            return replay(written.replayOf(), caller);
        }
        // Nothing can have corrected the record yet; only a fine's USD equivalent needs a read.
        RecordRow row = record.type() == RecordType.FINE ? records.find(draft.id(), true).orElseThrow()
                : new RecordRow(written.entry());
        return new Appended(row, false);
    }

    /** The record a key's first request appended; 422 when this request is not the same as that one. */
    static UUID replayable(Claim earlier, String idempotencyKey, byte[] requestHash) {
        if (!Arrays.equals(earlier.requestHash(), requestHash)) {
            throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "Idempotency-Key '" + idempotencyKey + "' was used with another request body");
        }
        return earlier.recordId();
    }

    /** Replayed as this caller may see it: another key of the partner may lack restricted:read. */
    private Appended replay(UUID recordId, Caller caller) {
        return new Appended(records.find(recordId, caller.canReadRestricted())
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No record for this Idempotency-Key")),
                true);
    }

    /**
     * Appends records atomically at consecutive positions. Under the head lock (so nothing can
     * correct a referenced record meanwhile), every reference of every record is looked up at
     * once; a record that fails its checks fails the batch (nothing is stored) and the problem
     * points at its index. Then all entries and projection rows go in one round trip.
     */
    @Transactional
    public List<LogEntry> createBatch(List<ValidRecord> batch, Caller caller) {
        List<HashedDraft> drafts = new ArrayList<>(batch.size());
        List<Projection> projections = new ArrayList<>(batch.size());
        for (ValidRecord record : batch) {
            HashedDraft draft = HashedDraft.of(entryDraft(record, UUID.randomUUID(), caller.partner()));
            drafts.add(draft);
            projections.add(new Projection(draft.id(), record, searchText(record)));
        }
        try (Connection c = dataSource.getConnection()) {
            LogAppender.lockHead(c);
            Known known = Known.lookUp(c, batch, caller.canReadRestricted());
            Set<UUID> corrected = new HashSet<>();
            for (int i = 0; i < batch.size(); i++) {
                try {
                    checkReferences(batch.get(i), known);
                    UUID target = batch.get(i).correctionTarget();
                    if (target != null && !corrected.add(target)) {
                        throw new ProblemException(ProblemType.CONFLICT,
                                "record " + target + " is already corrected by an earlier record of this batch");
                    }
                } catch (ProblemException e) {
                    throw e.within("/" + i);
                }
            }
            List<Result> results = Pipeline.run(c, List.of(LogAppender.appendAll(drafts),
                    RecordRepository.insertAll(projections)));
            return LogAppender.appended(drafts, results.get(0));
        } catch (SQLException e) {
            throw new LogAccessException("appending a batch failed", e);
        }
    }

    /**
     * The append of one record, inside the caller's transaction. The checks come after the
     * append, under the head lock until commit, so "already corrected" is decided on
     * everything committed before (only public corrections have a unique index).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public LogEntry append(ValidRecord record, UUID id, String recordedBy, boolean canReadRestricted) {
        LogEntry entry = log.append(entryDraft(record, id, recordedBy));
        checkReferences(record, canReadRestricted);
        try {
            records.insert(id, record, searchText(record));
        } catch (LogAccessException e) {
            // The unique indexes are the last word when two corrections of one record race.
            if ("23505".equals(e.sqlState())) {
                throw new ProblemException(ProblemType.CONFLICT,
                        "The referenced record was corrected or retracted by a concurrent request; fetch it and retry");
            }
            throw e;
        }
        return entry;
    }

    /** The entry of a record: its content, with recordedAt taken now (before any lock: it is hashed). */
    private EntryDraft entryDraft(ValidRecord record, UUID id, String recordedBy) {
        Instant recordedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try {
            return new EntryDraft(id, record.type().value,
                    json.writeValueAsString(RecordContent.of(id, record, recordedAt, recordedBy)), record.restricted(),
                    recordedAt);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The checks of one record, looked up in one or two queries. */
    private void checkReferences(ValidRecord record, boolean canReadRestricted) {
        try (Connection c = dataSource.getConnection()) {
            checkReferences(record, Known.lookUp(c, List.of(record), canReadRestricted));
        } catch (SQLException e) {
            throw new LogAccessException("reading references failed", e);
        }
    }

    /**
     * What records refer to, fetched at once: the kinds of the actors, cases and bills they
     * name, and the earlier records they correct or cite, as the caller may see them.
     */
    record Known(Map<UUID, ReferenceKind> entities, Map<UUID, Referenced> records) {

        static Known lookUp(Connection c, List<ValidRecord> batch, boolean canReadRestricted) throws SQLException {
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
            return new Known(ReferenceRepository.kinds(c, entities),
                    RecordRepository.referenced(c, records, canReadRestricted));
        }

        private static void addIfPresent(Set<UUID> ids, UUID id) {
            if (id != null) {
                ids.add(id);
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

    /**
     * A writer may refer only to records it may read: for one without restricted:read, a
     * restricted record does not exist (the same 422 as an unknown id), so writes cannot probe.
     */
    private static void checkReferences(ValidRecord record, Known known) {
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

    /**
     * A record is corrected (superseded or retracted) once, as far as the writer can see: a
     * correction the writer may not read (a restricted one, without restricted:read) does not
     * count ({@link RecordRepository#referenced}), so a 409 never tells a writer that a
     * restricted correction exists. The record then has two current versions for readers with
     * restricted:read, each correcting it. The correcting entry is not named either.
     */
    static void uncorrected(UUID id, Referenced target) {
        if (target.retractedBy() != null) {
            throw new ProblemException(ProblemType.CONFLICT, "record " + id + " was retracted");
        }
        if (target.supersededBy() != null) {
            throw new ProblemException(ProblemType.CONFLICT, "record " + id
                    + " was already superseded; supersede the latest version instead");
        }
    }

    private static void ruling(Known known, UUID id, String pointer) {
        if (known.record(id, pointer).type() != RecordType.RULING) {
            throw ProblemException.invalid(pointer, "record " + id + " is not a ruling");
        }
    }

    /** Summary, place and every text value of details: what {@code q} searches. */
    private String searchText(ValidRecord record) {
        StringBuilder text = new StringBuilder(record.draft().summary());
        if (record.draft().place() != null) {
            text.append(' ').append(record.draft().place());
        }
        collectText(json.valueToTree(record.details()), text);
        return text.toString();
    }

    private static void collectText(JsonNode node, StringBuilder text) {
        if (node.isTextual()) {
            text.append(' ').append(node.asText());
        } else if (node.isContainerNode()) {
            node.forEach(child -> collectText(child, text));
        }
    }
}
