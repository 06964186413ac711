package org.rightsledger.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.rightsledger.log.LogAccessException;
import org.rightsledger.ledger.Pipeline.Step;

/**
 * Claims on {@code Idempotency-Key}s: one per (partner, key), written in the transaction of
 * the entry it stands for, so it exists exactly when the entry does.
 */
@ApplicationScoped
public class IdempotencyClaims {

    /** A key's first request: the hash of its body and the record it appended. */
    public record Claim(byte[] requestHash, UUID recordId) {
    }

    /** A claim to write: the record {@code recordId} is about to be appended for this key. */
    public record NewClaim(String partner, String key, byte[] requestHash, UUID recordId) {
    }

    private final DataSource dataSource;

    IdempotencyClaims(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The committed claim of a key, if any. */
    public Optional<Claim> find(String partner, String key) {
        try (Connection c = dataSource.getConnection()) {
            return find(c, partner, key);
        } catch (SQLException e) {
            throw new LogAccessException("reading an idempotency key failed", e);
        }
    }

    /** Empty when the claim was written; else the earlier claim of the key, as this transaction sees it. */
    static Optional<Claim> claim(Connection c, NewClaim claim) throws SQLException {
        return Pipeline.run(c, List.of(claimAll(List.of(claim)))).get(0).updateCount() == 1 ? Optional.empty() : find(c, claim.partner(), claim.key());
    }

    /**
     * Writes the claims in one statement; a key claimed already (committed, or earlier in this
     * transaction) is left as it is. Its update count is how many were written.
     */
    static Step claimAll(List<NewClaim> claims) {
        return new Step("""
                INSERT INTO idempotency_key (partner, key, request_hash, record_id)
                SELECT * FROM unnest(?::text[], ?::text[], ?::bytea[], ?::uuid[])
                ON CONFLICT (partner, key) DO NOTHING""", (statement, first) -> {
            Connection c = statement.getConnection();
            statement.setArray(first, c.createArrayOf("text", claims.stream().map(NewClaim::partner).toArray()));
            statement.setArray(first + 1, c.createArrayOf("text", claims.stream().map(NewClaim::key).toArray()));
            statement.setObject(first + 2, claims.stream().map(NewClaim::requestHash).toArray(byte[][]::new));
            statement.setArray(first + 3, c.createArrayOf("uuid", claims.stream().map(NewClaim::recordId).toArray()));
            return first + 4;
        });
    }


    private static Optional<Claim> find(Connection c, String partner, String key) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT request_hash, record_id FROM idempotency_key WHERE partner = ? AND key = ?")) {
            select.setString(1, partner);
            select.setString(2, key);
            try (ResultSet earlier = select.executeQuery()) {
                return earlier.next() ? Optional.of(new Claim(earlier.getBytes(1), earlier.getObject(2, UUID.class)))
                        : Optional.empty();
            }
        }
    }
}
