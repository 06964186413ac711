package org.rightsledger.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.rightsledger.support.PackagedService;
import org.rightsledger.support.PrivatePostgres;
import org.rightsledger.support.Records;
import org.rightsledger.support.SseClient;
import org.rightsledger.support.StoredLog;
import org.rightsledger.support.WriteLoad;
import org.rightsledger.support.WriteLoad.Outcome;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The database goes away under load and comes back: a private PostgreSQL cluster (never the
 * machine's shared one) is stopped with {@code pg_ctl stop -m immediate}, as in a crash, while
 * writers and readers keep going. Readiness must go DOWN; every request meanwhile must get an
 * answer, a 503 problem with Retry-After, not a 500 and not a hang; once the cluster is back,
 * readiness is UP, writes succeed, nothing acknowledged is lost and a feed stream resumes without a
 * gap. The service logs JSON here (QUARKUS_LOG_JSON_CONSOLE_ENABLED), with the request id.
 */
class DatabaseRestartIT {

    private static final String SCHEMA = "ledger_db_restart_it";
    private static final String ADMIN = "db-restart-it-admin";

    /** A read and how it was answered (status -1: no answer). */
    private record Read(String path, int status, String contentType, String retryAfter, String body, long millis,
            Exception failure) {
    }

    @Test
    void aDatabaseOutageIsA503ThatEndsWhenTheDatabaseIsBack() throws Exception {
        try (PrivatePostgres pg = PrivatePostgres.create();
                PackagedService service = PackagedService.start(pg.jdbcUrl(SCHEMA), PackagedService.port(8096), SCHEMA,
                        // Rate limits out of the way: reads answered from memory outrun 600 a minute, and this is about the database.
                        Map.of("LEDGER_ADMIN_TOKEN", ADMIN, "QUARKUS_LOG_JSON_CONSOLE_ENABLED", "true",
                                "LEDGER_RATE_LIMIT_ANONYMOUS_PER_MINUTE", "1000000000"))) {
            WriteLoad writes = new WriteLoad(service, WriteLoad.writerToken(service, ADMIN), "outage", 4);
            List<Read> reads = new CopyOnWriteArrayList<>();
            List<Thread> readers = new ArrayList<>();
            boolean[] reading = { true };
            for (String path : List.of("/v1/records?limit=5", "/v1/feed?after=0&limit=20")) {
                Thread reader = new Thread(() -> {
                    while (reading[0]) {
                        reads.add(read(writes, service, path));
                    }
                }, "reader " + path);
                reader.setDaemon(true);
                readers.add(reader);
            }
            try (SseClient stream = new SseClient(service.uri("/v1/feed/stream?after=0"), null)) {
                writes.start();
                readers.forEach(Thread::start);
                writes.awaitAcknowledged(30, Duration.ofSeconds(60));

                long stopped = System.nanoTime();
                pg.stop("immediate");
                long down = awaitReadiness(service, 503, Duration.ofSeconds(20));
                // While it is down, a request with an id of ours: a 503 problem that names it.
                String probeId = "db-outage-probe-" + UUID.randomUUID();
                HttpResponse<String> probe = service.get("/v1/log/head", "X-Request-Id", probeId);
                assertEquals(503, probe.statusCode(), probe.body());
                assertEquals("application/problem+json", probe.headers().firstValue("Content-Type").orElseThrow());
                assertEquals(probeId, Records.parse(probe.body()).get("requestId").asText());
                assertTrue(probe.headers().firstValue("Retry-After").isPresent());
                long outageBefore = writes.outcomes().stream().filter(o -> o.status() == 503).count();
                awaitOutageSeenByWriters(writes, outageBefore);

                long restarted = System.nanoTime();
                pg.start();
                long up = awaitReadiness(service, 200, Duration.ofSeconds(60));
                writes.awaitAcknowledged(10, Duration.ofSeconds(60));
                writes.stop();
                reading[0] = false;
                for (Thread reader : readers) {
                    reader.join(WriteLoad.REQUEST_TIMEOUT.toMillis() + 5000);
                }

                List<Outcome> outcomes = writes.outcomes();
                int unavailable = 0;
                long slowest503 = 0;
                for (Outcome outcome : outcomes) {
                    if (outcome.status() == 503) {
                        unavailable++;
                        slowest503 = Math.max(slowest503, outcome.millis());
                        assertOutageProblem(outcome.contentType(), outcome.retryAfter(), outcome.responseBody());
                    } else if (!outcome.acknowledged()) {
                        fail("a write got neither 201 nor 503: " + outcome);
                    }
                }
                int readsUnavailable = 0;
                for (Read read : reads) {
                    if (read.status() == 503) {
                        readsUnavailable++;
                        slowest503 = Math.max(slowest503, read.millis());
                        assertOutageProblem(read.contentType(), read.retryAfter(), read.body());
                    } else if (read.status() != 200) {
                        fail("a read got neither 200 nor 503: " + read);
                    }
                }
                assertTrue(unavailable > 0, "writers saw the outage");
                // Operators see it too: every 503 for the database is counted (the probe's as well).
                java.util.regex.Matcher counted = java.util.regex.Pattern.compile("(?m)^ledger_database_unavailable_total (\\S+)$")
                        .matcher(service.get("/q/metrics").body());
                assertTrue(counted.find());
                assertTrue(Double.parseDouble(counted.group(1)) >= unavailable + readsUnavailable + 1, counted.group());

                // Nothing acknowledged is lost; what got a 503 is decided by retrying it with its key.
                StoredLog stored = new StoredLog(pg.jdbcUrl(SCHEMA));
                Map<UUID, StoredLog.Stored> entries = stored.entries();
                List<Outcome> acknowledged = outcomes.stream().filter(Outcome::acknowledged).toList();
                for (Outcome outcome : acknowledged) {
                    JsonNode entry = outcome.entry();
                    StoredLog.Stored kept = entries.get(UUID.fromString(entry.get("id").asText()));
                    assertNotNull(kept, "acknowledged but lost: " + outcome);
                    assertEquals(entry.get("hash").asText(), kept.hash());
                }
                int replayed = 0;
                for (Outcome outcome : outcomes) {
                    if (!outcome.acknowledged()) {
                        Outcome retry = writes.send(outcome.key(), outcome.body());
                        assertEquals(201, retry.status(), retry.toString());
                        replayed += retry.replayed() ? 1 : 0;
                    }
                }
                Set<String> keys = new HashSet<>();
                outcomes.forEach(o -> keys.add(o.key()));
                assertEquals(keys, stored.idempotencyKeys().keySet());
                assertEquals(keys.size(), stored.entries().size(), "exactly one entry per key");
                String lastHash = stored.verify();

                // The stream waited out the outage and carries every entry, in order, without a gap.
                long head = Records.parse(service.get("/v1/log/head").body()).get("position").asLong();
                assertEquals(lastHash, Records.parse(service.get("/v1/log/head").body()).get("hash").asText());
                assertTrue(stream.awaitId(head, 30_000), "the stream reached the head");
                for (int i = 0; i < stream.events.size(); i++) {
                    assertEquals(i + 1, stream.events.get(i).id());
                }

                // JSON logs, with the request id of the probe in the MDC of the line about it.
                boolean logged = false;
                for (String line : service.log().split("\n")) {
                    if (line.startsWith("{") && line.contains(probeId)) {
                        JsonNode json = Records.parse(line);
                        logged |= probeId.equals(json.path("mdc").path("requestId").asText());
                    }
                }
                assertTrue(logged, "a JSON log line carries requestId " + probeId + " in its mdc");

                System.out.printf("DatabaseRestartIT: %d writes acknowledged, %d writes and %d reads answered 503 "
                        + "(slowest 503 in %d ms, none 500, none hung), readiness DOWN %d ms after the stop, cluster down "
                        + "%d ms, readiness UP %d ms after the start; %d retried writes had been stored (replayed), "
                        + "%d entries verified%n", acknowledged.size(), unavailable, readsUnavailable, slowest503,
                        (down - stopped) / 1_000_000, (restarted - stopped) / 1_000_000, (up - restarted) / 1_000_000,
                        replayed, keys.size());
            }
        }
    }

    private static Read read(WriteLoad writes, PackagedService service, String path) {
        long started = System.nanoTime();
        try {
            HttpResponse<String> answer = writes.http.send(HttpRequest.newBuilder(service.uri(path))
                    .timeout(WriteLoad.REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            return new Read(path, answer.statusCode(), answer.headers().firstValue("Content-Type").orElse(null),
                    answer.headers().firstValue("Retry-After").orElse(null), answer.body(),
                    (System.nanoTime() - started) / 1_000_000, null);
        } catch (IOException | InterruptedException e) {
            return new Read(path, -1, null, null, null, (System.nanoTime() - started) / 1_000_000, e);
        }
    }

    private static void assertOutageProblem(String contentType, String retryAfter, String body) {
        assertEquals("application/problem+json", contentType, body);
        assertNotNull(retryAfter, "a 503 says when to retry");
        JsonNode problem = Records.parse(body);
        assertEquals(503, problem.get("status").asInt());
        assertEquals("urn:rights-ledger:problem:unavailable", problem.get("type").asText());
        assertTrue(problem.hasNonNull("requestId"));
    }

    /** Polls readiness until it answers {@code status}; returns when (System.nanoTime()). */
    private static long awaitReadiness(PackagedService service, int status, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = service.get("/q/health/ready").statusCode();
            if (last == status) {
                return System.nanoTime();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("readiness did not answer " + status + " within " + timeout + " (last " + last + ")");
    }

    /** Bounded wait until the writers got a few more 503s: the outage lasted long enough to be seen. */
    private static void awaitOutageSeenByWriters(WriteLoad writes, long before) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (writes.outcomes().stream().filter(o -> o.status() == 503).count() < before + 8) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("writers saw no 503 while the database was down: " + writes.outcomes().stream()
                        .skip(Math.max(0, writes.outcomes().size() - 5)).toList());
            }
            Thread.sleep(50);
        }
    }
}
