package org.rightsledger.log;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/** API model of {@code GET /v1/log/head}. recordedAt is null while the log is empty. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record LogHead(long position, String hash, Instant recordedAt) {
}
