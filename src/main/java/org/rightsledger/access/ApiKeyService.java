package org.rightsledger.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.rightsledger.log.Chain;
import org.rightsledger.log.LogAccessException;
import org.rightsledger.problem.ProblemException;
import org.rightsledger.problem.ProblemType;

/** Issues, resolves and revokes API keys; resolves the admin token from configuration. */
@ApplicationScoped
public class ApiKeyService {

    private static final String TOKEN_PREFIX = "rl_";
    private final SecureRandom random = new SecureRandom();
    private final Optional<byte[]> adminTokenHash;
    private final AdminAudit audit;
    private final DataSource dataSource;

    ApiKeyService(@ConfigProperty(name = "ledger.admin-token") Optional<String> adminToken, AdminAudit audit,
            DataSource dataSource) {
        this.audit = audit;
        this.dataSource = dataSource;
        this.adminTokenHash = adminToken.filter(t -> !t.isBlank()).map(ApiKeyService::hash);
    }

    /**
     * The caller a bearer token stands for; 401 when it stands for nobody. Asked on every
     * request with a key (so a revocation counts from the next one): one indexed query over
     * plain JDBC, no ORM session or transaction.
     */
    public Caller resolve(String token) {
        byte[] presented = hash(token);
        // Constant-time comparison: the admin token must not leak through timing.
        if (adminTokenHash.isPresent() && MessageDigest.isEqual(adminTokenHash.get(), presented)) {
            return new Caller("admin", Set.of(Scope.ADMIN));
        }
        // Looked up by its hash, so the token is never compared (or stored) in clear.
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement(
                        "SELECT partner, scopes FROM api_key WHERE token_hash = ? AND revoked_at IS NULL")) {
            query.setBytes(1, presented);
            try (ResultSet key = query.executeQuery()) {
                if (!key.next()) {
                    throw new ProblemException(ProblemType.UNAUTHORIZED, "Unknown or revoked API key");
                }
                return new Caller(key.getString(1), Arrays.stream((String[]) key.getArray(2).getArray())
                        .map(s -> Scope.of(s).orElseThrow()).collect(Collectors.toUnmodifiableSet()));
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
        key.tokenHash = hash(token);
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
        }
        return true;
    }

    static byte[] hash(String token) {
        return Chain.sha256().digest(token.getBytes(StandardCharsets.UTF_8));
    }

    public record IssuedKey(UUID id, String partner, Set<Scope> scopes, Instant createdAt, String token) {
    }
}
