package org.rightsledger.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rightsledger.support.PackagedService;

/**
 * Rate limits and CORS, on the packaged service configured as an operator would:
 * LEDGER_RATE_LIMIT_ANONYMOUS_PER_MINUTE, LEDGER_RATE_LIMIT_KEY_PER_MINUTE, QUARKUS_HTTP_CORS_ORIGINS.
 */
class RateLimitIT {

    private static final String ORIGIN = "https://dashboard.example.org";
    private static PackagedService service;

    @BeforeAll
    static void start() throws Exception {
        service = PackagedService.start(PackagedService.port(8094), "ledger_rate_limit_it", Map.of(
                "LEDGER_RATE_LIMIT_ANONYMOUS_PER_MINUTE", "5",
                "LEDGER_RATE_LIMIT_KEY_PER_MINUTE", "8",
                "LEDGER_ADMIN_TOKEN", "it-admin-token",
                "QUARKUS_HTTP_CORS_ORIGINS", ORIGIN));
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    @Test
    void anAnonymousAddressGetsItsQuotaThenA429WithRetryAfter() throws Exception {
        // Other tests' preflights may have used some of this address's 5 already: count down from what is left.
        HttpResponse<String> ok = service.get("/v1/records?limit=1");
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("5", ok.headers().firstValue("RateLimit-Limit").orElseThrow());
        long remaining = Long.parseLong(ok.headers().firstValue("RateLimit-Remaining").orElseThrow());
        assertTrue(remaining <= 4);
        for (long left = remaining - 1; left >= 0; left--) {
            ok = service.get("/v1/records?limit=1");
            assertEquals(200, ok.statusCode(), ok.body());
            assertEquals(Long.toString(left), ok.headers().firstValue("RateLimit-Remaining").orElseThrow());
        }
        HttpResponse<String> limited = service.get("/v1/records?limit=1");
        assertEquals(429, limited.statusCode());
        assertEquals("application/problem+json", limited.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(limited.body().contains("\"status\":429"), limited.body());
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertEquals("0", limited.headers().firstValue("RateLimit-Remaining").orElseThrow());
        // Health and the contract are not rate limited: probes must keep working.
        assertEquals(200, service.get("/q/health/ready").statusCode());
        // Operators see rejections: the counter of the address buckets counts this one.
        assertTrue(rejections("address") >= 1);
    }

    private static double rejections(String bucket) throws Exception {
        String metrics = service.get("/q/metrics").body();
        java.util.regex.Matcher sample = java.util.regex.Pattern
                .compile("(?m)^ledger_rate_limit_rejections_total\\{bucket=\"" + bucket + "\"\\} (\\S+)$").matcher(metrics);
        assertTrue(sample.find(), metrics);
        return Double.parseDouble(sample.group(1));
    }

    @Test
    void eachKeyHasItsOwnBucket() throws Exception {
        for (int i = 0; i < 8; i++) {
            assertEquals(200, service.get("/v1/admin/audit", "Authorization", "Bearer it-admin-token").statusCode());
        }
        HttpResponse<String> limited = service.get("/v1/admin/audit", "Authorization", "Bearer it-admin-token");
        assertEquals(429, limited.statusCode());
        assertEquals("8", limited.headers().firstValue("RateLimit-Limit").orElseThrow());
        assertTrue(rejections("key") >= 1);
        // Another bearer token is another bucket (and a bad token is still answered 401, not 429).
        assertEquals(401, service.get("/v1/log/head", "Authorization", "Bearer some-other-token").statusCode());
    }

    @Test
    void browsersFromTheAllowedOriginSeeTheHeadersAFrontendNeeds() throws Exception {
        HttpResponse<String> preflight = service.http.send(HttpRequest.newBuilder(service.uri("/v1/records"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key").build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(preflight.statusCode() < 300, "preflight " + preflight.statusCode());
        assertEquals(ORIGIN, preflight.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Credentials").map("false"::equals).orElse(true),
                "never credentials");

        HttpResponse<String> read = service.get("/v1/log/head", "Origin", ORIGIN, "Authorization", "Bearer x");
        String exposed = read.headers().firstValue("Access-Control-Expose-Headers").orElse("");
        for (String header : new String[] { "Link", "ETag", "Location", "RateLimit-Remaining", "Retry-After" }) {
            assertTrue(exposed.contains(header), exposed);
        }
        assertEquals(ORIGIN, read.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertTrue(read.headers().allValues("Access-Control-Allow-Origin").stream().noneMatch("*"::equals));

        HttpResponse<String> stranger = service.get("/v1/log/head", "Origin", "https://evil.example",
                "Authorization", "Bearer y");
        assertTrue(stranger.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), "no CORS for other origins");
        // Served like any request (CorsGate): what is wrong here is the key, not the origin.
        assertEquals(401, stranger.statusCode(), stranger.body());

        HttpResponse<String> strangePreflight = service.http.send(HttpRequest.newBuilder(service.uri("/v1/records"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, strangePreflight.statusCode());
        assertEquals("application/problem+json", strangePreflight.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(strangePreflight.body().contains("urn:rights-ledger:problem:origin-not-allowed"), strangePreflight.body());
    }

    @Test
    void everyAnswerCarriesSecurityHeaders() throws Exception {
        HttpResponse<String> answer = service.get("/v1/nothing-here", "Authorization", "Bearer z");
        assertEquals("nosniff", answer.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertEquals("DENY", answer.headers().firstValue("X-Frame-Options").orElseThrow());
        assertEquals("no-referrer", answer.headers().firstValue("Referrer-Policy").orElseThrow());
        assertTrue(answer.headers().firstValue("Content-Security-Policy").orElseThrow().contains("default-src 'none'"));
    }
}
