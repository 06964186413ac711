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

    public UUID retracts() {
        return details instanceof Details.Retraction retraction ? retraction.retracts() : null;
    }
}
