package org.rightsledger.ledger;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An entry about to be appended: its id, type and content as a JSON object that already
 * holds every field that will be hashed (including id, type, recordedAt and recordedBy).
 */
public record EntryDraft(UUID id, String type, String contentJson, boolean restricted, Instant recordedAt) {

    /** When an entry is recorded: now, to the millisecond (it is hashed, so it is taken before any lock). */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * An entry whose content is {@code fields} plus what every entry carries: its {@code id},
     * {@code type}, {@code recordedAt} (now) and {@code recordedBy}. Records build their
     * content themselves ({@code RecordContent}), with the same four fields.
     */
    public static EntryDraft of(UUID id, String type, ObjectNode fields, boolean restricted, String recordedBy) {
        Instant recordedAt = now();
        ObjectNode content = fields.deepCopy();
        content.put("id", id.toString());
        content.put("type", type);
        content.put("recordedAt", DateTimeFormatter.ISO_INSTANT.format(recordedAt));
        content.put("recordedBy", recordedBy);
        return new EntryDraft(id, type, content.toString(), restricted, recordedAt);
    }
}
