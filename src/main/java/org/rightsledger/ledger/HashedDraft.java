package org.rightsledger.ledger;

import java.time.Instant;
import java.util.UUID;

import org.rightsledger.log.Chain;

/**
 * A draft in the form that is hashed and stored: its RFC 8785 canonical content and that
 * content's hash. Made before the append (by {@link #of}), so the CPU work stays off the
 * log's serialization.
 */
public record HashedDraft(UUID id, String type, String canonicalContent, byte[] contentHash, boolean restricted,
        Instant recordedAt) {

    public static HashedDraft of(EntryDraft draft) {
        String canonical = Chain.canonicalize(draft.contentJson());
        return new HashedDraft(draft.id(), draft.type(), canonical, Chain.contentHash(canonical), draft.restricted(),
                draft.recordedAt());
    }
}
