package org.rightsledger.reference;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.rightsledger.log.LogAccessException;
import org.rightsledger.log.LogAppender;
import org.rightsledger.log.LogEntry;
import org.rightsledger.problem.ProblemException;
import org.rightsledger.problem.ProblemType;
import org.rightsledger.reference.ReferenceRepository.Revision;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Creating and revising actors, bills and cases. Every change is a new revision entry in the
 * log; a revision is written only on top of the revision the writer last saw (If-Match).
 */
@ApplicationScoped
public class ReferenceService {

    private final LogAppender log;
    private final ReferenceRepository references;
    private final ObjectMapper json;

    ReferenceService(LogAppender log, ReferenceRepository references, ObjectMapper json) {
        this.log = log;
        this.references = references;
        this.json = json;
    }

    @Transactional
    public Revision create(ReferenceKind kind, ReferenceDraft draft, String partner) {
        return create(kind, UUID.randomUUID(), draft, partner);
    }

    /** Creation with a given id: the import of datasets whose records already name their entities. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Revision create(ReferenceKind kind, UUID entityId, ReferenceDraft draft, String partner) {
        checkActors(draft);
        Revision first = append(kind, entityId, 1, draft, partner);
        references.insertEntity(entityId, kind, first.entry().position());
        references.insertRevision(entityId, 1, first.entry().position(), draft);
        return first;
    }

    /** Appends revision n+1 when the latest is n, else 412: a partner never overwrites what it has not seen. */
    @Transactional
    public Revision revise(ReferenceKind kind, UUID entityId, int seenRevision, ReferenceDraft draft, String partner) {
        Revision latest = latest(kind, entityId);
        if (latest.revision() != seenRevision) {
            throw stale(entityId, latest.revision());
        }
        checkActors(draft);
        Revision next = append(kind, entityId, seenRevision + 1, draft, partner);
        try {
            references.insertRevision(entityId, next.revision(), next.entry().position(), draft);
        } catch (LogAccessException e) {
            if ("23505".equals(e.sqlState())) {
                throw stale(entityId, seenRevision + 1); // a concurrent revision of the same one won
            }
            throw e;
        }
        return next;
    }

    public Revision latest(ReferenceKind kind, UUID entityId) {
        return references.latest(entityId).filter(r -> r.kind() == kind)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No " + kind.value + " " + entityId));
    }

    /** 422 unless the id names an entity of this kind; pointer into the referring request. */
    public void requireExists(ReferenceKind kind, UUID id, String pointer) {
        if (references.latest(id).filter(r -> r.kind() == kind).isEmpty()) {
            throw ProblemException.invalid(pointer, "no " + kind.value + " " + id);
        }
    }

    private void checkActors(ReferenceDraft draft) {
        List<UUID> actors = draft.referencedActors();
        for (int i = 0; i < actors.size(); i++) {
            requireExists(ReferenceKind.ACTOR, actors.get(i), "/initiators/" + i);
        }
    }

    private Revision append(ReferenceKind kind, UUID entityId, int revision, ReferenceDraft draft, String partner) {
        ObjectNode content = json.createObjectNode();
        content.put(kind.idField, entityId.toString());
        content.put("revision", revision);
        content.setAll((ObjectNode) json.valueToTree(draft));
        LogEntry entry = log.append(UUID.randomUUID(), kind.entryType, content, draft.restricted(), partner);
        return new Revision(entityId, kind, revision, entry);
    }

    private static ProblemException stale(UUID entityId, int latest) {
        return new ProblemException(ProblemType.PRECONDITION_FAILED,
                entityId + " is at revision " + latest + "; fetch it, apply your change to that revision, and send "
                        + "If-Match: \"" + latest + "\"");
    }
}
