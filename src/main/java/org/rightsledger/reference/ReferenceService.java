package org.rightsledger.reference;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.rightsledger.ledger.Append;
import org.rightsledger.ledger.EntryDraft;
import org.rightsledger.ledger.HashedDraft;
import org.rightsledger.ledger.Ledger;
import org.rightsledger.ledger.LedgerConflict;
import org.rightsledger.log.LogEntry;
import org.rightsledger.problem.ProblemException;
import org.rightsledger.problem.ProblemType;
import org.rightsledger.reference.ReferenceRepository.Revision;
import org.rightsledger.reference.ReferenceRepository.RevisionRow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Creating and revising actors, bills and cases. Every change is a new revision entry in the
 * log, appended through the {@link Ledger}; a revision is written only on top of the revision
 * the writer last saw ({@link Revisions}).
 */
@ApplicationScoped
public class ReferenceService {

    private final Ledger ledger;
    private final ReferenceRepository references;
    private final ObjectMapper json;

    ReferenceService(Ledger ledger, ReferenceRepository references, ObjectMapper json) {
        this.ledger = ledger;
        this.references = references;
        this.json = json;
    }

    public Revision create(ReferenceKind kind, ReferenceDraft draft, String partner) {
        checkActors(draft, Map.of());
        UUID entityId = UUID.randomUUID();
        LogEntry entry = ledger.append(creation(kind, entityId, draft, partner)).entry();
        return new Revision(entityId, kind, 1, entry);
    }

    /**
     * What the ledger appends to create an entity with a given id (the import of datasets whose
     * records already name their entities): its first revision. Check it first ({@link #checkActors}).
     */
    public Append creation(ReferenceKind kind, UUID entityId, ReferenceDraft draft, String partner) {
        return revision(kind, entityId, 1, draft, partner, true);
    }

    /** Appends revision n+1 when the latest is n, else 412: a partner never overwrites what it has not seen. */
    public Revision revise(ReferenceKind kind, UUID entityId, int seenRevision, ReferenceDraft draft, String partner) {
        Revision latest = latest(kind, entityId);
        if (latest.revision() != seenRevision) {
            throw Revisions.stale(entityId, latest.revision());
        }
        checkActors(draft, Map.of());
        Append next = revision(kind, entityId, seenRevision + 1, draft, partner, false)
                .guardedBy(List.of(Revisions.guard(entityId, seenRevision)));
        try {
            return new Revision(entityId, kind, seenRevision + 1, ledger.append(next).entry());
        } catch (LedgerConflict e) {
            if (e.uniqueViolation()) {
                throw Revisions.stale(entityId, seenRevision + 1); // a concurrent revision of the same one won
            }
            throw e;
        }
    }

    public Revision latest(ReferenceKind kind, UUID entityId) {
        return references.latest(entityId).filter(r -> r.kind() == kind)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No " + kind.value + " " + entityId));
    }

    /**
     * 422 unless every actor the draft names exists; {@code alsoKnown}: entities an import
     * creates on earlier lines.
     */
    public void checkActors(ReferenceDraft draft, Map<UUID, ReferenceKind> alsoKnown) {
        List<UUID> actors = draft.referencedActors();
        for (int i = 0; i < actors.size(); i++) {
            UUID id = actors.get(i);
            if (alsoKnown.get(id) != ReferenceKind.ACTOR
                    && references.latest(id).filter(r -> r.kind() == ReferenceKind.ACTOR).isEmpty()) {
                throw ProblemException.invalid("/initiators/" + i, "no " + ReferenceKind.ACTOR.value + " " + id);
            }
        }
    }

    private Append revision(ReferenceKind kind, UUID entityId, int revision, ReferenceDraft draft, String partner,
            boolean creates) {
        ObjectNode content = json.createObjectNode();
        content.put(kind.idField, entityId.toString());
        content.put("revision", revision);
        content.setAll((ObjectNode) json.valueToTree(draft));
        HashedDraft entry = HashedDraft.of(EntryDraft.of(UUID.randomUUID(), kind.entryType, content, draft.restricted(),
                partner));
        return Append.of(entry, List.of(new Append.Row<>(ReferenceRepository.REVISIONS,
                new RevisionRow(entry.id(), entityId, creates ? kind : null, revision, draft))));
    }
}
