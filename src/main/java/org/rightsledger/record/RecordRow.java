package org.rightsledger.record;

import java.util.UUID;

import org.rightsledger.log.LogEntry;

/** A record's entry with what later entries say about it. */
public record RecordRow(LogEntry entry, UUID supersededBy, UUID retractedBy) {
}
