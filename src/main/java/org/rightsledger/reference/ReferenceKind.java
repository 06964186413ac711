package org.rightsledger.reference;

import org.rightsledger.actor.ActorDraft;
import org.rightsledger.bill.BillDraft;
import org.rightsledger.courtcase.CaseDraft;

/** The kinds of reference entity, and how each travels in the log. */
public enum ReferenceKind {
    ACTOR("actor", "actor_revision", "actorId", ActorDraft.class),
    BILL("bill", "bill_revision", "billId", BillDraft.class),
    CASE("case", "case_revision", "caseId", CaseDraft.class);

    public final String value;
    /** The log entry type of a revision. */
    public final String entryType;
    /** The content field naming the entity a revision belongs to. */
    public final String idField;
    public final Class<? extends ReferenceDraft> draft;

    ReferenceKind(String value, String entryType, String idField, Class<? extends ReferenceDraft> draft) {
        this.value = value;
        this.entryType = entryType;
        this.idField = idField;
        this.draft = draft;
    }

    public static ReferenceKind of(String value) {
        for (ReferenceKind kind : values()) {
            if (kind.value.equals(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException(value);
    }
}
