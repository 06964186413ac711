package org.rightsledger.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The append path. Canonicalizes the content (RFC 8785), hashes it, and hands it to the
 * {@code append_entry} SQL function (V1__log.sql), which locks the head, assigns the next
 * position and chains the hash. Must run inside the caller's transaction: the head stays
 * locked until that transaction commits, which is what keeps positions gapless and in
 * commit order.
 */
@ApplicationScoped
public class LogAppender {

    private final DataSource dataSource;

    LogAppender(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Appends an entry whose content is {@code fields} plus what every entry carries:
     * its {@code id}, {@code type}, {@code recordedAt} (now, to the millisecond) and {@code recordedBy}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public LogEntry append(UUID id, String type, ObjectNode fields, boolean restricted, String recordedBy) {
        Instant recordedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ObjectNode content = fields.deepCopy();
        content.put("id", id.toString());
        content.put("type", type);
        content.put("recordedAt", DateTimeFormatter.ISO_INSTANT.format(recordedAt));
        content.put("recordedBy", recordedBy);
        return append(new EntryDraft(id, type, content.toString(), restricted, recordedAt));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public LogEntry append(EntryDraft draft) {
        String canonical = Chain.canonicalize(draft.contentJson());
        byte[] contentHash = Chain.contentHash(canonical);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement append = connection.prepareStatement(
                        "SELECT entry_position, entry_hash FROM append_entry(?, ?, ?, ?, ?, ?)")) {
            append.setObject(1, draft.id());
            append.setString(2, draft.type());
            append.setString(3, canonical);
            append.setBytes(4, contentHash);
            append.setBoolean(5, draft.restricted());
            append.setTimestamp(6, Timestamp.from(draft.recordedAt()));
            try (ResultSet appended = append.executeQuery()) {
                appended.next();
                return new LogEntry(appended.getLong(1), draft.id(), draft.type(), canonical, contentHash,
                        appended.getBytes(2), draft.restricted(), draft.recordedAt());
            }
        } catch (SQLException e) {
            throw new LogAccessException("append failed", e);
        }
    }
}
