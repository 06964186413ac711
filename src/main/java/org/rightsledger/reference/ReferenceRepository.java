package org.rightsledger.reference;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.rightsledger.ledger.Append;
import org.rightsledger.ledger.Pipeline.Step;
import org.rightsledger.log.LogAccessException;
import org.rightsledger.log.LogEntry;
import org.rightsledger.log.LogRepository;
import org.rightsledger.sql.KeysetPage;

/** The projection of actor, bill and case revisions. */
@ApplicationScoped
public class ReferenceRepository {

    private static final String ENTRY = "e.position, e.id, e.type, e.content, e.content_hash, e.hash, e.restricted, e.recorded_at";

    private final DataSource dataSource;

    ReferenceRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A revision of an entity: its number and the entry that holds it. */
    public record Revision(UUID entityId, ReferenceKind kind, int revision, LogEntry entry) {
    }

    /**
     * The projection row of a revision entry; {@code createdKind} is set for the first revision,
     * which also creates the entity.
     */
    public record RevisionRow(UUID entryId, UUID entityId, ReferenceKind createdKind, int revision,
            ReferenceDraft draft) {
    }

    /** Revisions as the ledger writes them, with their entries: the entities they create first, in one statement. */
    static final Append.Table<RevisionRow> REVISIONS = ReferenceRepository::insertAll;

    private static Step insertAll(List<RevisionRow> rows) {
        return new Step("""
                WITH g AS (SELECT g.*, e.position
                             FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::int[], ?::boolean[], ?::text[], ?::text[],
                                         ?::text[]) AS g (entry_id, entity_id, created_kind, revision, restricted,
                                                          country, public_text, full_text)
                             JOIN log_entry e ON e.id = g.entry_id),
                     created AS (INSERT INTO reference_entity (entity_id, kind, created_position)
                                 SELECT entity_id, created_kind, position FROM g WHERE created_kind IS NOT NULL)
                INSERT INTO reference_revision (entity_id, revision, position, restricted, country, public_search,
                                                full_search)
                SELECT entity_id, revision, position, restricted, country, to_tsvector('simple', public_text),
                       to_tsvector('simple', full_text)
                  FROM g""", (statement, first) -> {
            Connection c = statement.getConnection();
            statement.setArray(first, c.createArrayOf("uuid", rows.stream().map(RevisionRow::entryId).toArray()));
            statement.setArray(first + 1, c.createArrayOf("uuid", rows.stream().map(RevisionRow::entityId).toArray()));
            statement.setArray(first + 2, c.createArrayOf("text",
                    rows.stream().map(r -> r.createdKind() == null ? null : r.createdKind().value).toArray()));
            statement.setArray(first + 3, c.createArrayOf("int4", rows.stream().map(RevisionRow::revision).toArray()));
            statement.setArray(first + 4,
                    c.createArrayOf("boolean", rows.stream().map(r -> r.draft().restricted()).toArray()));
            statement.setArray(first + 5, c.createArrayOf("text", rows.stream().map(r -> r.draft().country()).toArray()));
            statement.setArray(first + 6,
                    c.createArrayOf("text", rows.stream().map(r -> r.draft().publicText()).toArray()));
            statement.setArray(first + 7, c.createArrayOf("text", rows.stream().map(r -> r.draft().fullText()).toArray()));
            return first + 8;
        });
    }

    /** Whether an entity with this id exists (of any kind). */
    public boolean exists(UUID entityId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement("SELECT 1 FROM reference_entity WHERE entity_id = ?")) {
            query.setObject(1, entityId);
            try (ResultSet found = query.executeQuery()) {
                return found.next();
            }
        } catch (SQLException e) {
            throw new LogAccessException("looking up an entity failed", e);
        }
    }

    /** The kind of an entity and its latest revision number. */
    public Optional<Revision> latest(UUID entityId) {
        List<Revision> found = query("""
                SELECT r.entity_id, n.kind, r.revision, %s
                  FROM reference_entity n
                  JOIN reference_revision r ON r.entity_id = n.entity_id
                  JOIN log_entry e ON e.position = r.position
                 WHERE n.entity_id = ?
                 ORDER BY r.revision DESC LIMIT 1""".formatted(ENTRY), entityId);
        return found.stream().findFirst();
    }

    /** The kind of each of the ids that names an entity, in one query (for reference checks). */
    public static Map<UUID, ReferenceKind> kinds(Connection c, Collection<UUID> ids) throws SQLException {
        Map<UUID, ReferenceKind> kinds = new HashMap<>();
        if (ids.isEmpty()) {
            return kinds;
        }
        try (PreparedStatement query = c.prepareStatement(
                "SELECT entity_id, kind FROM reference_entity WHERE entity_id = ANY (?)")) {
            query.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    kinds.put(rows.getObject(1, UUID.class), ReferenceKind.of(rows.getString(2)));
                }
            }
        }
        return kinds;
    }

    public List<Revision> revisions(UUID entityId) {
        return query("""
                SELECT r.entity_id, n.kind, r.revision, %s
                  FROM reference_entity n
                  JOIN reference_revision r ON r.entity_id = n.entity_id
                  JOIN log_entry e ON e.position = r.position
                 WHERE n.entity_id = ?
                 ORDER BY r.revision""".formatted(ENTRY), entityId);
    }

    /**
     * The latest revisions of one kind, newest entity first, before a creation position.
     * {@code text} searches what the reader may find entities by.
     */
    public List<Page> list(ReferenceKind kind, String country, String text, boolean canReadRestricted,
            Long beforeCreated, int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT r.entity_id, n.kind, r.revision, %s, n.created_position
                  FROM reference_entity n
                  JOIN LATERAL (SELECT * FROM reference_revision x WHERE x.entity_id = n.entity_id
                                 ORDER BY x.revision DESC LIMIT 1) r ON true
                  JOIN log_entry e ON e.position = r.position
                 WHERE n.kind = ?""".formatted(ENTRY));
        List<Object> params = new ArrayList<>(List.of(kind.value));
        if (country != null) {
            sql.append(" AND r.country = ?");
            params.add(country);
        }
        if (text != null) {
            sql.append(canReadRestricted ? " AND r.full_search" : " AND r.public_search")
                    .append(" @@ websearch_to_tsquery('simple', ?)");
            params.add(text);
        }
        KeysetPage.newestFirst(sql, params, "n.created_position", beforeCreated, limit);
        try (Connection c = dataSource.getConnection(); PreparedStatement statement = c.prepareStatement(sql.toString())) {
            bind(statement, params.toArray());
            List<Page> page = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    page.add(new Page(revision(rows), rows.getLong("created_position")));
                }
            }
            return page;
        } catch (SQLException e) {
            throw new LogAccessException("listing reference data failed", e);
        }
    }

    public record Page(Revision revision, long createdPosition) {
    }

    private List<Revision> query(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement statement = c.prepareStatement(sql)) {
            bind(statement, params);
            List<Revision> found = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(revision(rows));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new LogAccessException("reading reference data failed", e);
        }
    }

    private static void bind(PreparedStatement statement, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, params[i]);
        }
    }

    private static Revision revision(ResultSet rows) throws SQLException {
        return new Revision(rows.getObject("entity_id", UUID.class), ReferenceKind.of(rows.getString("kind")),
                rows.getInt("revision"), LogRepository.entry(rows));
    }
}
