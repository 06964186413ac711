package org.rightsledger.access;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.rightsledger.http.BearerToken;
import org.rightsledger.log.Chain;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The identity a presented key stands for: its partner as principal, its scopes as roles
 * ({@code write}, {@code restricted:read}); the operator's {@code ledger.admin-token} is the
 * identity "admin" with role {@code admin}.
 *
 * <p>Keys are resolved from a bounded cache ({@code ledger.api-keys.cache-size}), the database
 * asked only on a miss. A revocation empties the cache of every instance: {@link KeyRevocations}
 * LISTENs for the notification each revocation commits. While that listener is not connected (it
 * could miss a revocation), nothing is cached and every request asks the database. Entries also
 * expire after {@code ledger.api-keys.cache-ttl}, a backstop only.
 */
@ApplicationScoped
public class ApiKeyIdentities implements IdentityProvider<KeyPresented> {

    /** The identity's attribute that holds the API key's id (a UUID); absent for the admin token. */
    static final String KEY_ID = "rights-ledger.api-key-id";

    /** What a key allows; empty when it stands for nobody (unknown or revoked). */
    private record Resolved(Optional<Caller> caller) {
    }

    private final ApiKeyService keys;
    private final Optional<byte[]> adminTokenHash;
    private final Cache<String, Resolved> cache;
    /** Bumped by every invalidation: a lookup that overlapped one does not cache what it read. */
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean listening;
    private final Counter invalidations;

    ApiKeyIdentities(ApiKeyService keys, @ConfigProperty(name = "ledger.admin-token") Optional<String> adminToken,
            @ConfigProperty(name = "ledger.api-keys.cache-size", defaultValue = "10000") long cacheSize,
            @ConfigProperty(name = "ledger.api-keys.cache-ttl", defaultValue = "10M") Duration ttl, MeterRegistry metrics) {
        this.keys = keys;
        this.adminTokenHash = adminToken.filter(t -> !t.isBlank()).map(BearerToken::hash);
        this.cache = Caffeine.newBuilder().maximumSize(cacheSize).expireAfterWrite(ttl).build();
        this.invalidations = Counter.builder("ledger.api.keys.invalidations")
                .description("Times the cache of resolved API keys was emptied (revocations, listener reconnects)")
                .register(metrics);
    }

    @Override
    public Class<KeyPresented> getRequestType() {
        return KeyPresented.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(KeyPresented request, AuthenticationRequestContext context) {
        byte[] presented = request.tokenHash();
        // Constant-time comparison: the admin token must not leak through timing.
        if (adminTokenHash.isPresent() && MessageDigest.isEqual(adminTokenHash.get(), presented)) {
            return Uni.createFrom().item(identity(new Caller("admin", Set.of(Scope.ADMIN), null)));
        }
        String id = Chain.hex(presented);
        Resolved cached = listening ? cache.getIfPresent(id) : null;
        if (cached != null) {
            return answer(cached);
        }
        // A miss asks the database: off the event loop.
        return context.runBlocking(() -> {
            long before = generation.get();
            Resolved resolved = new Resolved(keys.lookUp(presented));
            if (listening && generation.get() == before) {
                cache.put(id, resolved);
            }
            return resolved.caller().map(ApiKeyIdentities::identity).orElse(null);
        }).onItem().ifNull().failWith(ApiKeyIdentities::unknown);
    }

    private static Uni<SecurityIdentity> answer(Resolved resolved) {
        return resolved.caller().map(c -> Uni.createFrom().item(identity(c))).orElseGet(() -> Uni.createFrom().failure(unknown()));
    }

    private static AuthenticationFailedException unknown() {
        return new AuthenticationFailedException("Unknown or revoked API key");
    }

    private static SecurityIdentity identity(Caller caller) {
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(caller.partner()));
        caller.scopes().forEach(s -> identity.addRole(s.value));
        if (caller.key() != null) {
            identity.addAttribute(KEY_ID, caller.key());
        }
        return identity.build();
    }

    /** Forgets every resolved key: called for each revocation, here and (by notification) on every instance. */
    public void invalidateAll() {
        generation.incrementAndGet();
        cache.invalidateAll();
        invalidations.increment();
    }

    /** The listener is connected (true) or lost (false); either way what is cached may be stale. */
    void listening(boolean connected) {
        listening = connected;
        invalidateAll();
    }

    long cached() {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
