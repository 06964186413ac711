package org.rightsledger.record;

import java.util.UUID;

import org.rightsledger.log.EntryJson;
import org.rightsledger.log.LogEntry;

/** A record's entry with what later entries say about it. */
public record RecordRow(LogEntry entry, UUID supersededBy, UUID retractedBy) {

    /** The entry as served to a reader ({@link EntryJson}). */
    public String json(boolean canReadRestricted) {
        return EntryJson.of(entry, supersededBy, retractedBy, canReadRestricted);
    }
}
