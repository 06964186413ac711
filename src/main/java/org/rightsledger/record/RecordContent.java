package org.rightsledger.record;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import org.rightsledger.record.RecordDraft.ActorRef;
import org.rightsledger.record.RecordDraft.Confidentiality;
import org.rightsledger.record.RecordDraft.Source;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A record entry's content: exactly what is hashed and served (the log fields and
 * {@code derived} come on top). Defaults are written out, so the hash covers them too.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecordContent(
        UUID id,
        RecordType type,
        String occurredOn,
        boolean approximate,
        String country,
        String place,
        String summary,
        String language,
        List<ActorRef> actors,
        UUID caseId,
        UUID billId,
        List<String> tags,
        List<Source> sources,
        Confidentiality confidentiality,
        UUID supersedes,
        Details details,
        String recordedAt,
        String recordedBy) {

    public static RecordContent of(UUID id, ValidRecord record, Instant recordedAt, String recordedBy) {
        RecordDraft d = record.draft();
        return new RecordContent(id, d.type(), d.occurredOn(), Boolean.TRUE.equals(d.approximate()), d.country(),
                d.place(), d.summary(), d.language() == null ? "en" : d.language(),
                d.actors() == null ? List.of() : d.actors(), d.caseId(), d.billId(), record.tags(), d.sources(),
                d.confidentiality() == null ? Confidentiality.PUBLIC : d.confidentiality(), d.supersedes(),
                record.details(), DateTimeFormatter.ISO_INSTANT.format(recordedAt), recordedBy);
    }
}
