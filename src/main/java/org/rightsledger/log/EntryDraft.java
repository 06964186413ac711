package org.rightsledger.log;

import java.time.Instant;
import java.util.UUID;

/**
 * An entry about to be appended: its id, type and content as a JSON object that already
 * holds every field that will be hashed (including id, type, recordedAt and recordedBy).
 */
public record EntryDraft(UUID id, String type, String contentJson, boolean restricted, Instant recordedAt) {
}
