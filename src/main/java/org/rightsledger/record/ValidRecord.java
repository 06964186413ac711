package org.rightsledger.record;

import java.util.List;
import java.util.UUID;

import org.rightsledger.record.RecordDraft.ActorRef;
import org.rightsledger.record.RecordDraft.Confidentiality;

/** A draft that passed every field rule, with its details read into their type. */
public record ValidRecord(RecordDraft draft, Details details) {

    public RecordType type() {
        return draft.type();
    }

    public boolean restricted() {
        return draft.confidentiality() == Confidentiality.RESTRICTED;
    }

    public ReducedDate occurred() {
        return ReducedDate.parse(draft.occurredOn()).orElseThrow();
    }

    public List<UUID> actorIds() {
        return draft.actors() == null ? List.of() : draft.actors().stream().map(ActorRef::actorId).distinct().toList();
    }

    public List<String> tags() {
        return draft.tags() == null ? List.of() : draft.tags();
    }

    /** A fine's amount. */
    public Money fineAmount() {
        return details instanceof Details.Fine fine ? fine.amount() : null;
    }

    /**
     * Days of detention a ruling imposes: administrative detention or imprisonment, counting a
     * month as 30 days and a year as 365. Null for anything else.
     */
    public Integer sentenceDays() {
        if (details instanceof Details.Ruling ruling && ruling.sentence() != null
                && (ruling.sentence().kind() == Details.SentenceKind.ADMINISTRATIVE_DETENTION
                        || ruling.sentence().kind() == Details.SentenceKind.IMPRISONMENT)) {
            Details.Sentence s = ruling.sentence();
            long days = (s.days() == null ? 0L : s.days()) + 30L * (s.months() == null ? 0 : s.months())
                    + 365L * (s.years() == null ? 0 : s.years());
            return (int) Math.min(days, Integer.MAX_VALUE);
        }
        return null;
    }

    public Integer detainedCount() {
        return details instanceof Details.Detention detention ? detention.detainedCount() : null;
    }

    public UUID retracts() {
        return details instanceof Details.Retraction retraction ? retraction.retracts() : null;
    }

    /** The record this one supersedes or retracts, if any: at most one record may correct it. */
    public UUID correctionTarget() {
        return draft().supersedes() != null ? draft().supersedes() : retracts();
    }
}
