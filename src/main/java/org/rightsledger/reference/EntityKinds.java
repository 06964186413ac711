package org.rightsledger.reference;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The kinds of the actors, cases and bills that records name, kept once read. An entity is never
 * deleted and never changes kind ({@code reference_entity} is append-only, V4), so a kind read
 * once stays true, and a writer naming known entities asks the database nothing. An id not found
 * is not kept: it may be created the next moment.
 */
@ApplicationScoped
public class EntityKinds {

    /** About 100 bytes an entry: ten megabytes at most. */
    private static final int MAX_KEPT = 100_000;

    private final Cache<UUID, ReferenceKind> kept = Caffeine.newBuilder().maximumSize(MAX_KEPT).build();

    /** The kinds kept for these ids; those not kept are absent. */
    public Map<UUID, ReferenceKind> kept(Collection<UUID> ids) {
        Map<UUID, ReferenceKind> kinds = new HashMap<>();
        for (UUID id : ids) {
            ReferenceKind kind = kept.getIfPresent(id);
            if (kind != null) {
                kinds.put(id, kind);
            }
        }
        return kinds;
    }

    /** The kinds of those ids that exist, read on the caller's connection and kept. */
    public Map<UUID, ReferenceKind> read(Connection c, Collection<UUID> ids) throws SQLException {
        Map<UUID, ReferenceKind> kinds = ReferenceRepository.kinds(c, ids);
        kept.putAll(kinds);
        return kinds;
    }
}
