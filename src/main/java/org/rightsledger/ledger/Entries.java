package org.rightsledger.ledger;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.rightsledger.log.LogEntry;

/**
 * The log's two statements, and the only Java that sends them: the head lock and the append
 * function ({@code append_entries}, db/migration/R__log_functions.sql), which assigns the next
 * positions and chains the hashes.
 */
final class Entries {

    private Entries() {
    }

    /**
     * Takes the log's serialization for the transaction: the head row stays locked until it
     * ends, which keeps positions gapless and in commit order. A group takes it before it
     * writes anything, so it never waits for a lock while holding one another writer needs.
     */
    static final Pipeline.Step LOCK_HEAD = Pipeline.Step.of("SELECT position FROM log_head FOR UPDATE");

    /** Appends drafts at consecutive positions, in their order, in one statement; read its result with {@link #appended}. */
    static Pipeline.Step appendAll(List<HashedDraft> drafts) {
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
    static List<LogEntry> appended(List<HashedDraft> drafts, Pipeline.Result result) {
        if (result.rows().size() != drafts.size()) {
            throw new IllegalStateException("append_entries returned " + result.rows().size() + " of " + drafts.size());
        }
        List<LogEntry> entries = new ArrayList<>(drafts.size());
        for (int i = 0; i < drafts.size(); i++) {
            HashedDraft draft = drafts.get(i);
            List<Object> row = result.rows().get(i);
            entries.add(new LogEntry((Long) row.get(0), draft.id(), draft.type(), draft.canonicalContent(),
                    draft.contentHash(), (byte[]) row.get(1), draft.restricted(), draft.recordedAt()));
        }
        return entries;
    }
}
