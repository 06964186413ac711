package org.rightsledger.proof;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.rightsledger.log.LogAccessException;
import org.rightsledger.proof.Subtrees.Node;

/**
 * The stored tree: {@code merkle_tree.size} and the complete subtrees of {@code merkle_node}
 * (leaves are read from {@code log_entry.content_hash}). {@link #extend} appends the nodes of
 * the next leaves in one transaction under an advisory lock, so replicas take turns and a
 * node is computed once.
 */
@ApplicationScoped
public class MerkleStore {

    /** pg_advisory_xact_lock key of the tree's writer: "merkle" in ASCII. */
    static final long WRITER_LOCK = 0x6d65726b6c65L;

    private final DataSource dataSource;

    MerkleStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** How many leaves the stored tree covers. */
    public long size() {
        try (Connection connection = dataSource.getConnection()) {
            return size(connection);
        } catch (SQLException e) {
            throw new LogAccessException("reading the Merkle tree size failed", e);
        }
    }

    /** The size of the log: how far the tree may grow. */
    public long logSize() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT position FROM log_head")) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new LogAccessException("reading the log head failed", e);
        }
    }

    /**
     * Adds the next (at most {@code maxLeaves}) leaves of the log to the stored tree; returns the
     * stored size afterwards. Bounded work: one transaction, one read of the leaves, one insert.
     */
    public long extend(int maxLeaves) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                long size = extend(connection, maxLeaves);
                connection.commit();
                return size;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new LogAccessException("extending the Merkle tree failed", e);
        }
    }

    private long extend(Connection connection, int maxLeaves) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, WRITER_LOCK);
            lock.execute();
        }
        long size = size(connection);
        long target;
        try (Statement statement = connection.createStatement();
                ResultSet head = statement.executeQuery("SELECT position FROM log_head")) {
            head.next();
            target = Math.min(head.getLong(1), size + maxLeaves);
        }
        if (target <= size) {
            return size;
        }
        // The right border of the tree of `size`: its complete subtrees, largest (leftmost) first.
        List<Node> border = new ArrayList<>();
        for (int level = 62; level >= 0; level--) {
            if ((size >>> level & 1) == 1) {
                border.add(new Node(level, (size >>> level) - 1));
            }
        }
        Map<Node, byte[]> known = read(connection, border);
        Deque<Stored> stack = new ArrayDeque<>();
        for (Node node : border) {
            stack.push(new Stored(node, known.get(node)));
        }
        List<Stored> added = new ArrayList<>();
        try (PreparedStatement leaves = connection.prepareStatement(
                "SELECT position, content_hash FROM log_entry WHERE position > ? AND position <= ? ORDER BY position")) {
            leaves.setLong(1, size);
            leaves.setLong(2, target);
            leaves.setFetchSize(10_000);
            try (ResultSet rows = leaves.executeQuery()) {
                long expected = size + 1;
                while (rows.next()) {
                    if (rows.getLong(1) != expected) {
                        throw new IllegalStateException("log position " + expected + " is missing");
                    }
                    stack.push(new Stored(new Node(0, expected - 1), rows.getBytes(2)));
                    // Two neighbours of one level make a complete subtree one level up.
                    while (stack.size() >= 2 && stack.peek().node().level() == secondLevel(stack)) {
                        Stored right = stack.pop();
                        Stored left = stack.pop();
                        Stored parent = new Stored(new Node(right.node().level() + 1, right.node().index() >>> 1),
                                TreeHashes.node(left.hash(), right.hash()));
                        added.add(parent);
                        stack.push(parent);
                    }
                    expected++;
                }
                if (expected != target + 1) {
                    throw new IllegalStateException("the log ends at " + (expected - 1) + " below its head " + target);
                }
            }
        }
        insert(connection, added);
        try (PreparedStatement grow = connection.prepareStatement("UPDATE merkle_tree SET size = ?")) {
            grow.setLong(1, target);
            grow.executeUpdate();
        }
        return target;
    }

    private static int secondLevel(Deque<Stored> stack) {
        var iterator = stack.iterator();
        iterator.next();
        return iterator.next().node().level();
    }

    /** Hashes of stored complete subtrees (level 0: the entries' content hashes). */
    public Map<Node, byte[]> read(Collection<Node> nodes) {
        try (Connection connection = dataSource.getConnection()) {
            return read(connection, nodes);
        } catch (SQLException e) {
            throw new LogAccessException("reading Merkle tree nodes failed", e);
        }
    }

    private static Map<Node, byte[]> read(Connection connection, Collection<Node> nodes) throws SQLException {
        Map<Node, byte[]> found = new HashMap<>();
        List<Long> positions = new ArrayList<>();
        List<Short> levels = new ArrayList<>();
        List<Long> indexes = new ArrayList<>();
        for (Node node : nodes) {
            if (node.level() == 0) {
                positions.add(node.index() + 1);
            } else {
                levels.add((short) node.level());
                indexes.add(node.index());
            }
        }
        if (!positions.isEmpty()) {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT position, content_hash FROM log_entry WHERE position = ANY (?)")) {
                query.setArray(1, connection.createArrayOf("int8", positions.toArray()));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        found.put(new Node(0, rows.getLong(1) - 1), rows.getBytes(2));
                    }
                }
            }
        }
        if (!levels.isEmpty()) {
            try (PreparedStatement query = connection.prepareStatement("SELECT n.level, n.index, n.hash FROM merkle_node n"
                    + " JOIN unnest(?::smallint[], ?::bigint[]) AS wanted (level, index)"
                    + " ON n.level = wanted.level AND n.index = wanted.index")) {
                query.setArray(1, connection.createArrayOf("int2", levels.toArray()));
                query.setArray(2, connection.createArrayOf("int8", indexes.toArray()));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        found.put(new Node(rows.getInt(1), rows.getLong(2)), rows.getBytes(3));
                    }
                }
            }
        }
        for (Node node : nodes) {
            if (!found.containsKey(node)) {
                throw new IllegalStateException("the Merkle tree has no node " + node);
            }
        }
        return found;
    }

    private static void insert(Connection connection, List<Stored> nodes) throws SQLException {
        if (nodes.isEmpty()) {
            return;
        }
        Short[] levels = new Short[nodes.size()];
        Long[] indexes = new Long[nodes.size()];
        byte[][] hashes = new byte[nodes.size()][];
        for (int i = 0; i < nodes.size(); i++) {
            levels[i] = (short) nodes.get(i).node().level();
            indexes[i] = nodes.get(i).node().index();
            hashes[i] = nodes.get(i).hash();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO merkle_node (level, index, hash) SELECT * FROM unnest(?::smallint[], ?::bigint[], ?::bytea[])")) {
            Array levelArray = connection.createArrayOf("int2", levels);
            Array indexArray = connection.createArrayOf("int8", indexes);
            Array hashArray = connection.createArrayOf("bytea", hashes);
            insert.setArray(1, levelArray);
            insert.setArray(2, indexArray);
            insert.setArray(3, hashArray);
            insert.executeUpdate();
        }
    }

    private static long size(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT size FROM merkle_tree")) {
            row.next();
            return row.getLong(1);
        }
    }

    private record Stored(Node node, byte[] hash) {
    }
}
