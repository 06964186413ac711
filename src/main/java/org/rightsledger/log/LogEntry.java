package org.rightsledger.log;

import java.time.Instant;
import java.util.UUID;

/** One stored entry of the log: its canonical content and its place in the chain. */
public record LogEntry(long position, UUID id, String type, String content, byte[] contentHash, byte[] hash,
        boolean restricted, Instant recordedAt) {
}
