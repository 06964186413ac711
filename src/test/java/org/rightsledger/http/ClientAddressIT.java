package org.rightsledger.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rightsledger.support.LoopbackClient;
import org.rightsledger.support.LoopbackClient.Answer;
import org.rightsledger.support.PackagedService;

/**
 * Anonymous rate limits key on the client address: the packaged service behind a proxy it trusts
 * (127.0.0.2, as deploy/ trusts the ingress), reached from many loopback addresses.
 */
class ClientAddressIT {

    private static final String PROXY = "127.0.0.2";
    private static final int CROWD = 120_000;
    private static final int SAMPLE = 400;
    private static PackagedService service;

    @BeforeAll
    static void start() throws Exception {
        service = PackagedService.start(PackagedService.port(8092), "ledger_client_address_it", Map.of(
                "LEDGER_RATE_LIMIT_ANONYMOUS_PER_MINUTE", "5",
                "QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "true",
                "QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED", "true",
                "QUARKUS_HTTP_PROXY_TRUSTED_PROXIES", PROXY));
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    private static Answer head(String from, String... headers) throws Exception {
        return LoopbackClient.get(from, service.port, "/v1/log/head", headers);
    }

    @Test
    void twoClientsBehindTheTrustedProxyHaveTheirOwnBuckets() throws Exception {
        for (int left = 4; left >= 0; left--) {
            Answer answer = head(PROXY, "X-Forwarded-For", "203.0.113.7");
            assertEquals(200, answer.status(), answer.body());
            assertEquals(Integer.toString(left), answer.header("RateLimit-Remaining"));
        }
        assertEquals(429, head(PROXY, "X-Forwarded-For", "203.0.113.7").status());
        Answer other = head(PROXY, "X-Forwarded-For", "203.0.113.8");
        assertEquals(200, other.status(), other.body());
        assertEquals("4", other.header("RateLimit-Remaining"));
    }

    @Test
    void anUntrustedXForwardedForChangesNothing() throws Exception {
        // 203.0.113.99 is not anyone this service heard of through its proxy: the claim is ignored,
        // and the bucket is that of the address the request came from.
        String untrusted = "127.0.0.3";
        assertEquals("4", head(untrusted, "X-Forwarded-For", "203.0.113.99").header("RateLimit-Remaining"));
        assertEquals("3", head(untrusted, "X-Forwarded-For", "203.0.113.100").header("RateLimit-Remaining"));
        assertEquals("2", head(untrusted).header("RateLimit-Remaining"));
        assertEquals("1", head(untrusted, "Forwarded", "for=203.0.113.101").header("RateLimit-Remaining"));
    }

    @Test
    void aCrowdOfDistinctAddressesCostsNoMorePerRequestAtTheEndAndMemoryStaysBounded() throws Exception {
        long maxBuckets = 100_000; // ledger.rate-limit.max-buckets, as shipped
        AtomicInteger next = new AtomicInteger();
        crowd(next, 2_000); // warm-up: JIT, connection handling
        double before = medianMillis(next);
        crowd(next, CROWD - next.get() - SAMPLE);
        double after = medianMillis(next);
        assertTrue(next.get() >= CROWD, "distinct client addresses: " + next.get());
        long buckets = gauge("ledger_rate_limit_buckets");
        assertTrue(buckets <= maxBuckets, "buckets held: " + buckets);
        assertTrue(buckets >= 1_000, "the buckets of the last minute's clients are kept: " + buckets);
        // Generous: only a cost that grows with the crowd (a scan per request) gets near it.
        assertTrue(after < 3 * before + 1, String.format("median %.2f ms at the start, %.2f ms after %d clients", before,
                after, next.get()));
        System.out.printf("ClientAddressIT: median %.2f ms at the start, %.2f ms after %d clients; %d buckets held%n",
                before, after, next.get(), buckets);
    }

    /** Requests from {@code count} new addresses, on a few threads. */
    private static void crowd(AtomicInteger next, int count) throws Exception {
        int end = next.get() + count;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                workers.add(pool.submit(() -> {
                    for (int n = next.getAndIncrement(); n < end; n = next.getAndIncrement()) {
                        Answer answer = LoopbackClient.get(LoopbackClient.address(n), service.port, "/v1/unknown");
                        if (answer.status() != 404) {
                            throw new AssertionError(answer.status() + " " + answer.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdown();
        }
        next.set(end);
    }

    /** One request at a time from {@value #SAMPLE} new addresses: the median time of one. */
    private static double medianMillis(AtomicInteger next) throws Exception {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < SAMPLE; i++) {
            String from = LoopbackClient.address(next.getAndIncrement());
            long start = System.nanoTime();
            assertEquals(404, LoopbackClient.get(from, service.port, "/v1/unknown").status());
            millis.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(millis);
        return millis.get(SAMPLE / 2);
    }

    private static long gauge(String name) throws Exception {
        String metrics = service.get("/q/metrics").body();
        Matcher sample = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? (\\S+)$").matcher(metrics);
        assertTrue(sample.find(), name + " in " + metrics);
        return (long) Double.parseDouble(sample.group(1));
    }
}
