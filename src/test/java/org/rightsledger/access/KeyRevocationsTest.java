package org.rightsledger.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rightsledger.support.Api.as;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.rightsledger.support.Api;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Keys are resolved from a cache, and a revocation made on any instance reaches this one through
 * the notification it commits: from then on, the next request with the key is a 401.
 */
@QuarkusTest
class KeyRevocationsTest {

    @Inject
    DataSource dataSource;

    @Inject
    ApiKeyIdentities identities;

    @Inject
    MeterRegistry metrics;

    @Test
    void aRevocationOnAnotherInstanceReachesThisOneByItsNotification() throws Exception {
        String token = Api.issueKey("Another Replica's Partner", "write").path("token");
        as(token).get("/v1/log/head").then().statusCode(200);
        assertTrue(identities.cached() >= 1, "the key is cached after its first use");

        // Another instance revokes it: the same UPDATE, and the NOTIFY in the same transaction, as ApiKeyService.revoke.
        double invalidations = invalidations();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement revoke = c.prepareStatement(
                    "UPDATE api_key SET revoked_at = now() WHERE partner = 'Another Replica''s Partner'")) {
                assertEquals(1, revoke.executeUpdate());
            }
            // Not yet committed: nothing is announced, the key still works.
            as(token).get("/v1/log/head").then().statusCode(200);
            KeyRevocations.notifyRevoked(c);
            c.commit();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (invalidations() == invalidations && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(invalidations() > invalidations, "the notification reached this instance");
        as(token).get("/v1/log/head").then().statusCode(401).header("WWW-Authenticate", "Bearer realm=\"rights-ledger\"");
    }

    @Test
    void revokingThroughTheApiCountsFromTheNextRequestOnTheRevokingInstance() {
        var issued = Api.issueKey("Revoked Right Away", "write");
        String token = issued.path("token");
        UUID id = UUID.fromString(issued.path("id"));
        as(token).get("/v1/log/head").then().statusCode(200);
        as(Api.ADMIN_TOKEN).delete("/v1/admin/api-keys/" + id).then().statusCode(204);
        as(token).get("/v1/log/head").then().statusCode(401);
    }

    @Test
    void aKeyIsLookedUpOnceNotOnEveryRequest() throws Exception {
        String token = Api.issueKey("Frequent Reader", "restricted:read").path("token");
        as(token).get("/v1/log/head").then().statusCode(200);
        Thread.sleep(2_500); // PostgreSQL publishes a backend's table statistics within about a second
        long before = lookups();
        for (int i = 0; i < 20; i++) {
            as(token).get("/v1/log/head").then().statusCode(200);
        }
        Thread.sleep(2_500);
        // Other tests' keys may be looked up meanwhile, never twenty times over.
        assertTrue(lookups() - before < 20, "api_key lookups: " + (lookups() - before));
    }

    private double invalidations() {
        return metrics.counter("ledger.api.keys.invalidations").count();
    }

    /** How often PostgreSQL ran the key lookup (pg_stat_statements is not assumed: a scan count of the table). */
    private long lookups() throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement(
                        "SELECT coalesce(idx_scan, 0) + coalesce(seq_scan, 0) FROM pg_stat_user_tables "
                                + "WHERE relname = 'api_key' AND schemaname = current_schema()");
                ResultSet row = query.executeQuery()) {
            return row.next() ? row.getLong(1) : 0;
        }
    }
}
