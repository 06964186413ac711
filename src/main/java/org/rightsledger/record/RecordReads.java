package org.rightsledger.record;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.rightsledger.cache.AnswerCache;
import org.rightsledger.cache.AnswerCache.Answer;
import org.rightsledger.http.Cursor;
import org.rightsledger.log.EntryJson;
import org.rightsledger.ops.ReadDataSource;

/**
 * The answers of {@code GET /v1/records/{id}} and {@code GET /v1/records}, rendered from stored
 * bytes ({@link EntryJson}) and kept for as long as the log head stays put ({@link AnswerCache}).
 */
@ApplicationScoped
public class RecordReads {

    private record One(UUID id, boolean canReadRestricted) {
    }

    private record Page(RecordQuery query, boolean canReadRestricted) {
    }

    private final RecordRepository records;
    private final AnswerCache answers;
    private final boolean pagesFromReplica;

    RecordReads(RecordRepository records, AnswerCache answers, ReadDataSource reads) {
        this.records = records;
        this.answers = answers;
        // A replica lags the head this instance knows: a page read from it could outlive its lag.
        this.pagesFromReplica = reads.replica();
    }

    /** The record's answer if it is in memory for the current head (never blocks); else empty. */
    public Optional<Answer> recordInMemory(UUID id, boolean canReadRestricted) {
        return answers.rendered(new One(id, canReadRestricted));
    }

    /** The page's answer if it is in memory for the current head (never blocks); else empty. */
    public Optional<Answer> pageInMemory(RecordQuery query, boolean canReadRestricted) {
        return pagesFromReplica ? Optional.empty() : answers.rendered(new Page(query, canReadRestricted));
    }

    /** A record as this reader may see it, or empty when there is none they may see. */
    public Optional<Answer> record(UUID id, boolean canReadRestricted) {
        return answers.get(new One(id, canReadRestricted),
                () -> records.find(id, canReadRestricted).map(row -> Answer.of(row.json(canReadRestricted), null)));
    }

    /** One page of the listing, newest first; the answer's {@code next} is the next page's cursor, or null. */
    public Answer page(RecordQuery query, boolean canReadRestricted) {
        if (pagesFromReplica) {
            return render(query, canReadRestricted);
        }
        return answers.get(new Page(query, canReadRestricted), () -> Optional.of(render(query, canReadRestricted)))
                .orElseThrow();
    }

    private Answer render(RecordQuery query, boolean canReadRestricted) {
        // One row more than asked tells whether there is a next page.
        List<RecordRow> rows = records.list(query.withLimit(query.limit() + 1), canReadRestricted);
        boolean more = rows.size() > query.limit();
        String next = more ? Cursor.encode(rows.get(query.limit() - 1).entry().position(), query.fingerprint()) : null;
        String page = EntryJson.page(rows.stream().limit(query.limit()).map(row -> row.json(canReadRestricted)).toList(),
                EntryJson.cursor(next));
        return Answer.of(page, next);
    }
}
