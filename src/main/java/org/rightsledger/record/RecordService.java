package org.rightsledger.record;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

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
import org.rightsledger.problem.ProblemException;
import org.rightsledger.problem.ProblemType;
import org.rightsledger.record.IdempotencyKeys.Claim;
import org.rightsledger.record.RecordGroupWriter.Pending;
import org.rightsledger.record.RecordGroupWriter.Written;
import org.rightsledger.record.RecordRepository.Referenced;
import org.rightsledger.reference.ReferenceKind;
import org.rightsledger.reference.ReferenceService;

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
    private final ReferenceService references;
    private final MeterRegistry meters;
    private final int maxGroupSize;
    private GroupCommitter<Pending, Written> committer;

    RecordService(LogAppender log, RecordRepository records, IdempotencyKeys keys, DataSource dataSource,
            ObjectMapper json, ReferenceService references, MeterRegistry meters,
            @ConfigProperty(name = "ledger.group-commit.max-size") int maxGroupSize) {
        this.references = references;
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
     * Appends records atomically at consecutive positions: the head stays locked from the
     * first append to the commit, so nothing can come between them. A record that fails its
     * reference checks fails the batch (nothing is stored); the problem points at its index.
     */
    @Transactional
    public List<LogEntry> createBatch(List<ValidRecord> batch, Caller caller) {
        List<LogEntry> entries = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            try {
                entries.add(append(batch.get(i), UUID.randomUUID(), caller.partner(), caller.canReadRestricted()));
            } catch (ProblemException e) {
                throw e.within("/" + i);
            }
        }
        return entries;
    }

    /** The append of one record, inside the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public LogEntry append(ValidRecord record, UUID id, String recordedBy, boolean canReadRestricted) {
        checkReferences(record, canReadRestricted);
        LogEntry entry = log.append(entryDraft(record, id, recordedBy));
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

    /**
     * A writer may refer only to records it may read: for one without restricted:read, a
     * restricted record does not exist (the same 422 as an unknown id), so writes cannot probe.
     */
    private void checkReferences(ValidRecord record, boolean canReadRestricted) {
        RecordDraft draft = record.draft();
        if (draft.caseId() != null) {
            references.requireExists(ReferenceKind.CASE, draft.caseId(), "/caseId");
        }
        if (draft.billId() != null) {
            references.requireExists(ReferenceKind.BILL, draft.billId(), "/billId");
        }
        for (int i = 0; draft.actors() != null && i < draft.actors().size(); i++) {
            references.requireExists(ReferenceKind.ACTOR, draft.actors().get(i).actorId(), "/actors/" + i + "/actorId");
        }
        UUID supersedes = record.draft().supersedes();
        if (supersedes != null) {
            Referenced target = referenced(supersedes, "/supersedes", canReadRestricted);
            if (target.type() != record.type()) {
                throw ProblemException.invalid("/supersedes",
                        "record " + supersedes + " is a " + target.type() + "; a " + record.type() + " can only supersede a "
                                + record.type());
            }
            uncorrected(supersedes, target);
        }
        if (record.details() instanceof Details.Retraction retraction) {
            Referenced target = referenced(retraction.retracts(), "/details/retracts", canReadRestricted);
            if (target.type() == RecordType.RETRACTION) {
                throw ProblemException.invalid("/details/retracts", "a retraction cannot be retracted");
            }
            uncorrected(retraction.retracts(), target);
        }
        if (record.details() instanceof Details.Fine fine && fine.rulingId() != null) {
            ruling(fine.rulingId(), "/details/rulingId", canReadRestricted);
        }
        if (record.details() instanceof Details.Ruling ruling && ruling.appealOf() != null) {
            ruling(ruling.appealOf(), "/details/appealOf", canReadRestricted);
        }
    }

    private Referenced referenced(UUID id, String pointer, boolean canReadRestricted) {
        return records.referenced(id, canReadRestricted).orElseThrow(() -> ProblemException.invalid(pointer, "no record " + id));
    }

    private void ruling(UUID id, String pointer, boolean canReadRestricted) {
        if (referenced(id, pointer, canReadRestricted).type() != RecordType.RULING) {
            throw ProblemException.invalid(pointer, "record " + id + " is not a ruling");
        }
    }

    static void uncorrected(UUID id, Referenced target) {
        if (target.retractedBy() != null) {
            // The correcting entry is not named: it may be restricted.
            throw new ProblemException(ProblemType.CONFLICT, "record " + id + " was retracted");
        }
        if (target.supersededBy() != null) {
            throw new ProblemException(ProblemType.CONFLICT, "record " + id
                    + " was already superseded; supersede the latest version instead");
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
