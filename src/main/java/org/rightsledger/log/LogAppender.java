package org.rightsledger.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
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
        HashedDraft hashed = HashedDraft.of(draft);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement append = connection.prepareStatement(
                        "SELECT entry_position, entry_hash FROM append_entry(?, ?, ?, ?, ?, ?)")) {
            append.setObject(1, hashed.id());
            append.setString(2, hashed.type());
            append.setString(3, hashed.canonicalContent());
            append.setBytes(4, hashed.contentHash());
            append.setBoolean(5, hashed.restricted());
            append.setTimestamp(6, Timestamp.from(hashed.recordedAt()));
            try (ResultSet appended = append.executeQuery()) {
                appended.next();
                return entry(hashed, appended.getLong(1), appended.getBytes(2));
            }
        } catch (SQLException e) {
            throw new LogAccessException("append failed", e);
        }
    }

    /**
     * Takes the log's serialization for a JDBC transaction that the caller runs itself (a
     * group commit): the head row stays locked until that transaction ends. A group takes it
     * before it writes anything, so it never waits for a lock while holding one another
     * writer needs.
     */
    public static final Pipeline.Step LOCK_HEAD = Pipeline.Step.of("SELECT position FROM log_head FOR UPDATE");

    public static void lockHead(Connection transaction) throws SQLException {
        Pipeline.run(transaction, List.of(LOCK_HEAD));
    }

    /**
     * Appends drafts at consecutive positions, in their order, in one statement
     * ({@code append_entries}, V6__group_commit.sql), inside a transaction that holds the head
     * lock ({@link #LOCK_HEAD}). Its result goes to {@link #appended}.
     */
    public static Pipeline.Step appendAll(List<HashedDraft> drafts) {
        return new Pipeline.Step("""
                SELECT appended_position, appended_hash
                  FROM append_entries(?, ?, ?, ?, ?, ?::timestamptz[]) ORDER BY appended_position""",
                (statement, first) -> {
                    int n = drafts.size();
                    UUID[] ids = new UUID[n];
                    String[] types = new String[n];
                    String[] contents = new String[n];
                    byte[][] contentHashes = new byte[n][];
                    Boolean[] restricted = new Boolean[n];
                    // As ISO-8601 text: the driver would render java.sql.Timestamp array elements in local time.
                    String[] recordedAt = new String[n];
                    for (int i = 0; i < n; i++) {
                        HashedDraft draft = drafts.get(i);
                        ids[i] = draft.id();
                        types[i] = draft.type();
                        contents[i] = draft.canonicalContent();
                        contentHashes[i] = draft.contentHash();
                        restricted[i] = draft.restricted();
                        recordedAt[i] = draft.recordedAt().toString();
                    }
                    Connection c = statement.getConnection();
                    statement.setArray(first, c.createArrayOf("uuid", ids));
                    statement.setArray(first + 1, c.createArrayOf("text", types));
                    statement.setArray(first + 2, c.createArrayOf("text", contents));
                    statement.setObject(first + 3, contentHashes);
                    statement.setArray(first + 4, c.createArrayOf("boolean", restricted));
                    statement.setArray(first + 5, c.createArrayOf("text", recordedAt));
                    return first + 6;
                });
    }

    /** The entries {@link #appendAll} appended, in the drafts' order. */
    public static List<LogEntry> appended(List<HashedDraft> drafts, Pipeline.Result result) {
        if (result.rows().size() != drafts.size()) {
            throw new IllegalStateException("append_entries returned " + result.rows().size() + " of " + drafts.size());
        }
        List<LogEntry> entries = new ArrayList<>(drafts.size());
        for (int i = 0; i < drafts.size(); i++) {
            List<Object> row = result.rows().get(i);
            entries.add(entry(drafts.get(i), (Long) row.get(0), (byte[]) row.get(1)));
        }
        return entries;
    }

    private static LogEntry entry(HashedDraft draft, long position, byte[] hash) {
        return new LogEntry(position, draft.id(), draft.type(), draft.canonicalContent(), draft.contentHash(), hash,
                draft.restricted(), draft.recordedAt());
    }
}
