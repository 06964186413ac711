package org.rightsledger.record;

import java.util.UUID;

/**
 * The filters of {@code GET /v1/records}, already checked. {@code from}/{@code to} select
 * records whose occurredOn period overlaps theirs.
 */
public record RecordQuery(RecordType type, String country, ReducedDate from, ReducedDate to, UUID actor,
        UUID caseId, UUID billId, String tag, String text, boolean includeSuperseded, int limit, Long before) {

    /** All records naming an actor, a case or a bill: what a timeline shows. */
    public static RecordQuery naming(UUID actor, UUID caseId, UUID billId, boolean includeSuperseded, int limit) {
        return new RecordQuery(null, null, null, null, actor, caseId, billId, null, null, includeSuperseded, limit, null);
    }

    /** Identifies the filters (not the page), so a cursor cannot be replayed on another query. */
    public String fingerprint() {
        return String.join("|", String.valueOf(type), String.valueOf(country),
                from == null ? "" : from.first().toString(), to == null ? "" : to.last().toString(),
                String.valueOf(actor), String.valueOf(caseId), String.valueOf(billId), String.valueOf(tag),
                String.valueOf(text), String.valueOf(includeSuperseded));
    }

    public RecordQuery withLimit(int rows) {
        return new RecordQuery(type, country, from, to, actor, caseId, billId, tag, text, includeSuperseded, rows,
                before);
    }

    public RecordQuery before(Long position) {
        return new RecordQuery(type, country, from, to, actor, caseId, billId, tag, text, includeSuperseded, limit,
                position);
    }
}
