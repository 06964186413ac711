package org.rightsledger.record;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.rightsledger.access.Caller;
import org.rightsledger.log.EntryDraft;
import org.rightsledger.log.LogAccessException;
import org.rightsledger.log.LogAppender;
import org.rightsledger.log.LogEntry;
import org.rightsledger.problem.ProblemException;
import org.rightsledger.problem.ProblemType;
import org.rightsledger.record.RecordRepository.Referenced;
import org.rightsledger.reference.ReferenceKind;
import org.rightsledger.reference.ReferenceService;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Appending records: idempotency, the references a record makes to earlier ones, the log
 * entry and the query projection — all in one transaction.
 */
@ApplicationScoped
public class RecordService {

    private final LogAppender log;
    private final RecordRepository records;
    private final DataSource dataSource;
    private final ObjectMapper json;
    private final ReferenceService references;

    RecordService(LogAppender log, RecordRepository records, DataSource dataSource, ObjectMapper json,
            ReferenceService references) {
        this.references = references;
        this.log = log;
        this.records = records;
        this.dataSource = dataSource;
        this.json = json;
    }

    public record Appended(RecordRow row, boolean replayed) {
    }

    /**
     * Appends a record for a partner. With an idempotency key, the first request with that key
     * appends and every later one with the same body replays its entry; concurrent requests
     * with one key queue on the key's row, so exactly one entry is stored.
     */
    @Transactional
    public Appended create(ValidRecord record, Caller caller, String idempotencyKey, byte[] requestHash) {
        String partner = caller.partner();
        UUID id = UUID.randomUUID();
        if (idempotencyKey != null) {
            Optional<Claim> earlier = claim(partner, idempotencyKey, requestHash, id);
            if (earlier.isPresent()) {
                if (!Arrays.equals(earlier.get().requestHash(), requestHash)) {
                    throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED,
                            "Idempotency-Key '" + idempotencyKey + "' was used with another request body");
                }
                // Replayed as this caller may see it: another key of the partner may lack restricted:read.
                return new Appended(records.find(earlier.get().recordId(), caller.canReadRestricted())
                        .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No record for this Idempotency-Key")),
                        true);
            }
        }
        append(record, id, partner, caller.canReadRestricted());
        // Read back, so the answer carries derived (a fine's USD equivalent) like every later read.
        return new Appended(records.find(id, true).orElseThrow(), false);
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
        Instant recordedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String content;
        try {
            content = json.writeValueAsString(RecordContent.of(id, record, recordedAt, recordedBy));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        LogEntry entry = log.append(new EntryDraft(id, record.type().value, content, record.restricted(), recordedAt));
        // After the append, under the head lock until commit: corrections of one record are
        // serialized, so "already corrected" is decided on everything committed before.
        uncorrected(record, canReadRestricted);
        try {
            records.insert(id, entry.position(), record, searchText(record));
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
        }
        if (record.details() instanceof Details.Retraction retraction) {
            Referenced target = referenced(retraction.retracts(), "/details/retracts", canReadRestricted);
            if (target.type() == RecordType.RETRACTION) {
                throw ProblemException.invalid("/details/retracts", "a retraction cannot be retracted");
            }
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

    /**
     * A record is corrected (superseded or retracted) once, as far as the writer can see: a
     * correction the writer may not read (a restricted one, without restricted:read) does not
     * count, so a 409 never tells a writer that a restricted correction exists. The record then
     * has two current versions for readers with restricted:read, each correcting it.
     */
    private void uncorrected(ValidRecord record, boolean canReadRestricted) {
        UUID id = record.draft().supersedes() != null ? record.draft().supersedes() : record.retracts();
        if (id == null) {
            return;
        }
        Referenced target = records.referenced(id, canReadRestricted).orElseThrow();
        if (target.retractedBy() != null) {
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

    private record Claim(byte[] requestHash, UUID recordId) {
    }

    /** Empty when this request now holds the key; else the earlier claim of it. */
    private Optional<Claim> claim(String partner, String key, byte[] requestHash, UUID recordId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement("""
                        INSERT INTO idempotency_key (partner, key, request_hash, record_id) VALUES (?, ?, ?, ?)
                        ON CONFLICT (partner, key) DO NOTHING""");
                PreparedStatement select = c.prepareStatement(
                        "SELECT request_hash, record_id FROM idempotency_key WHERE partner = ? AND key = ?")) {
            insert.setString(1, partner);
            insert.setString(2, key);
            insert.setBytes(3, requestHash);
            insert.setObject(4, recordId);
            if (insert.executeUpdate() == 1) {
                return Optional.empty();
            }
            select.setString(1, partner);
            select.setString(2, key);
            try (ResultSet earlier = select.executeQuery()) {
                earlier.next();
                return Optional.of(new Claim(earlier.getBytes(1), earlier.getObject(2, UUID.class)));
            }
        } catch (SQLException e) {
            throw new LogAccessException("claiming the idempotency key failed", e);
        }
    }
}
