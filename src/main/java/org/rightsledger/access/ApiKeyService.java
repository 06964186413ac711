package org.rightsledger.access;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.rightsledger.http.BearerToken;
import org.rightsledger.log.LogAccessException;

/** Issues, looks up and revokes API keys. */
@ApplicationScoped
public class ApiKeyService {

    private static final String TOKEN_PREFIX = "rl_";
    private final SecureRandom random = new SecureRandom();
    private final AdminAudit audit;
    private final DataSource dataSource;

    ApiKeyService(AdminAudit audit, DataSource dataSource) {
        this.audit = audit;
        this.dataSource = dataSource;
    }

    /**
     * What the key with this token hash allows; empty when it is unknown or revoked. One indexed
     * query over plain JDBC, no ORM session or transaction; {@link ApiKeyIdentities} caches it.
     * Looked up by its hash, so the token is never compared (or stored) in clear.
     */
    public Optional<Caller> lookUp(byte[] tokenHash) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement(
                        "SELECT partner, scopes, id FROM api_key WHERE token_hash = ? AND revoked_at IS NULL")) {
            query.setBytes(1, tokenHash);
            try (ResultSet key = query.executeQuery()) {
                if (!key.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Caller(key.getString(1), Arrays.stream((String[]) key.getArray(2).getArray())
                        .map(s -> Scope.of(s).orElseThrow()).collect(Collectors.toUnmodifiableSet()), key.getObject(3, UUID.class)));
            }
        } catch (SQLException e) {
            throw new LogAccessException("looking up an API key failed", e);
        }
    }

    @Transactional
    public IssuedKey issue(String partner, Set<Scope> scopes) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        ApiKey key = new ApiKey();
        key.id = UUID.randomUUID();
        key.partner = partner;
        key.scopes = scopes.stream().map(s -> s.value).sorted().toArray(String[]::new);
        key.tokenHash = BearerToken.hash(token);
        key.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        key.persist();
        audit.record("api_key.issued", key);
        return new IssuedKey(key.id, key.partner, EnumSet.copyOf(scopes), key.createdAt, token);
    }

    /** @return false when there is no such key (revoking twice is fine). */
    @Transactional
    public boolean revoke(UUID id) {
        ApiKey key = ApiKey.findById(id);
        if (key == null) {
            return false;
        }
        if (key.revokedAt == null) {
            key.revokedAt = Instant.now();
            audit.record("api_key.revoked", key);
            // Every instance empties its cache of resolved keys once this commits.
            try (Connection c = dataSource.getConnection()) {
                KeyRevocations.notifyRevoked(c);
            } catch (SQLException e) {
                throw new LogAccessException("announcing a revocation failed", e);
            }
        }
        return true;
    }

    public record IssuedKey(UUID id, String partner, Set<Scope> scopes, Instant createdAt, String token) {
    }
}
