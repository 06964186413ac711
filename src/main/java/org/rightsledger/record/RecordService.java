package org.rightsledger.record;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.rightsledger.access.Caller;
import org.rightsledger.ledger.Append;
import org.rightsledger.ledger.EntryDraft;
import org.rightsledger.ledger.HashedDraft;
import org.rightsledger.ledger.IdempotencyClaims;
import org.rightsledger.ledger.IdempotencyClaims.Claim;
import org.rightsledger.ledger.IdempotencyClaims.NewClaim;
import org.rightsledger.ledger.Ledger;
import org.rightsledger.ledger.LedgerConflict;
import org.rightsledger.log.LogAccessException;
import org.rightsledger.log.LogEntry;
import org.rightsledger.problem.ProblemException;
import org.rightsledger.problem.ProblemType;
import org.rightsledger.record.RecordChecks.Known;
import org.rightsledger.record.RecordRepository.Projection;
import org.rightsledger.reference.EntityKinds;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Appending records: checked against what they refer to ({@link RecordChecks}), then handed to
 * the {@link Ledger} with their projection row, their Idempotency-Key claim and the guard of a
 * correction ({@link Corrections}). A single record is a unit of one in the next group commit;
 * a batch is one unit, all or nothing.
 */
@ApplicationScoped
public class RecordService {

    private final Ledger ledger;
    private final RecordRepository records;
    private final IdempotencyClaims claims;
    private final DataSource dataSource;
    private final EntityKinds entityKinds;
    private final SearchVectors searchVectors;
    private final ObjectMapper json;

    RecordService(Ledger ledger, RecordRepository records, IdempotencyClaims claims, DataSource dataSource,
            EntityKinds entityKinds, SearchVectors searchVectors, ObjectMapper json) {
        this.ledger = ledger;
        this.records = records;
        this.claims = claims;
        this.dataSource = dataSource;
        this.entityKinds = entityKinds;
        this.searchVectors = searchVectors;
        this.json = json;
    }

    public record Appended(RecordRow row, boolean replayed) {
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
            Optional<Claim> earlier = claims.find(partner, idempotencyKey);
            if (earlier.isPresent()) {
                return replay(replayable(earlier.get(), idempotencyKey, requestHash), caller);
            }
        }
        RecordChecks.check(record, known(List.of(record), caller.canReadRestricted()));
        Append append = append(record, UUID.randomUUID(), partner, caller.canReadRestricted(), "");
        if (idempotencyKey != null) {
            append = append.claiming(new NewClaim(partner, idempotencyKey, requestHash, append.draft().id()));
        }
        List<Append> unit = withSearchVectors(List.of(append), true);
        Ledger.Appended written = appendIndexed(unit);
        if (written.replayed()) {
            return replay(replayable(written.earlier(), idempotencyKey, requestHash), caller);
        }
        // Nothing can have corrected the record yet, and a fine's rate was found with its search vector: no read-back.
        Projection projection = (Projection) unit.get(0).rows().get(0).value();
        return new Appended(new RecordRow(written.entry(), null, null, projection.fine()), false);
    }

    /** The record a key's first request appended; 422 when this request is not the same as that one. */
    private static UUID replayable(Claim earlier, String idempotencyKey, byte[] requestHash) {
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
     * Appends records atomically at consecutive positions. Every reference of every record is
     * looked up at once; a record that fails its checks fails the batch (nothing is stored) and
     * the problem points at its index. The batch is one unit of the ledger: all or nothing.
     */
    public List<LogEntry> createBatch(List<ValidRecord> batch, Caller caller) {
        Known known = known(batch, caller.canReadRestricted());
        Set<UUID> corrected = new HashSet<>();
        List<Append> unit = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            ValidRecord record = batch.get(i);
            try {
                RecordChecks.check(record, known);
                UUID target = record.correctionTarget();
                if (target != null && !corrected.add(target)) {
                    throw new ProblemException(ProblemType.CONFLICT,
                            "record " + target + " is already corrected by an earlier record of this batch");
                }
            } catch (ProblemException e) {
                throw e.within("/" + i);
            }
            unit.add(append(record, UUID.randomUUID(), caller.partner(), caller.canReadRestricted(), "/" + i));
        }
        return appendUnit(unit).entries();
    }

    /**
     * What the ledger appends for a record: its entry (recordedAt taken now, before any lock: it
     * is hashed), its projection row, and the guard of the record it corrects, if any.
     *
     * @param pointer where the record sits in its request, for a refusal ("" for a request of one)
     */
    public Append append(ValidRecord record, UUID id, String recordedBy, boolean canReadRestricted, String pointer) {
        Instant recordedAt = EntryDraft.now();
        String content;
        try {
            content = json.writeValueAsString(RecordContent.of(id, record, recordedAt, recordedBy));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        HashedDraft draft = HashedDraft.of(new EntryDraft(id, record.type().value, content, record.restricted(),
                recordedAt));
        Append append = Append.of(draft, List.of(new Append.Row<>(RecordRepository.PROJECTION,
                new Projection(id, record, searchText(record), null, null))));
        UUID target = record.correctionTarget();
        return target == null ? append
                : append.guardedBy(List.of(Corrections.guard(target, canReadRestricted, pointer)));
    }

    /** Appends a unit; a conflict the unique indexes found is the correction rule's 409. */
    public Ledger.Appended appendUnit(List<Append> unit) {
        return appendIndexed(withSearchVectors(unit, false));
    }

    private Ledger.Appended appendIndexed(List<Append> unit) {
        try {
            return ledger.append(unit);
        } catch (LedgerConflict e) {
            throw Corrections.refusal(e);
        }
    }

    /**
     * The unit with the search vectors of its records' projection rows (and, {@code withRates},
     * its fines' rates), computed in one query, shared by concurrent single appends ({@link SearchVectors}).
     */
    private List<Append> withSearchVectors(List<Append> unit, boolean withRates) {
        List<Projection> projections = new ArrayList<>();
        for (Append append : unit) {
            for (Append.Row<?> row : append.rows()) {
                if (row.value() instanceof Projection projection) {
                    projections.add(projection);
                }
            }
        }
        if (projections.isEmpty()) {
            return unit;
        }
        Iterator<Projection> indexed = searchVectors.of(projections, withRates).iterator();
        List<Append> withVectors = new ArrayList<>(unit.size());
        for (Append append : unit) {
            List<Append.Row<?>> rows = new ArrayList<>(append.rows().size());
            for (Append.Row<?> row : append.rows()) {
                rows.add(row.value() instanceof Projection
                        ? new Append.Row<>(RecordRepository.PROJECTION, indexed.next())
                        : row);
            }
            withVectors.add(new Append(append.draft(), rows, append.claim(), append.guards()));
        }
        return withVectors;
    }

    /** What the records refer to, as the writer may see it: entity kinds kept from earlier reads, the rest in one or two queries. */
    public Known known(List<ValidRecord> batch, boolean canReadRestricted) {
        try {
            return Known.lookUp(dataSource, entityKinds, batch, canReadRestricted);
        } catch (SQLException e) {
            throw new LogAccessException("reading references failed", e);
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
