package org.rightsledger.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rightsledger.support.PackagedService;
import org.rightsledger.support.Podman;
import org.rightsledger.support.Records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The container image as an operator gets it: built by deploy/image/build on a JRE base made from
 * Debian packages (no registry needed), run with podman against the local PostgreSQL through a plain
 * JDBC URL (no currentSchema), ready, appending, not root, and stopped by SIGTERM with nothing lost.
 * .ci/run installs podman; without it this test is skipped, saying so.
 */
class ContainerImageIT {

    private static final String SCHEMA = "ledger_image_it";
    private static final String ADMIN = "image-it-admin";
    private static final String IMAGE = "localhost/rights-ledger:it";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theImageRunsTheServiceAsANonRootUserAndStopsCleanlyOnSigterm() throws Exception {
        assumeTrue(Podman.installed(), "SKIPPED: podman is not installed, so the container image was neither built nor run"
                + " (apt-get install podman runc mmdebstrap, or run .ci/run, which installs them)");
        Podman.run(List.of("deploy/image/build", "--local-base", "--tag", IMAGE), 900).orFail("deploy/image/build");
        long size = Long.parseLong(Podman.podman(30, "image", "inspect", "--format", "{{.Size}}", IMAGE)
                .orFail("podman image inspect").output().strip());
        System.out.printf("ContainerImageIT: %s is %d MB%n", IMAGE, size / 1_000_000);

        try (Connection db = DriverManager.getConnection("jdbc:postgresql://localhost:5432/" + PackagedService.database(),
                "postgres", ""); Statement sql = db.createStatement()) {
            sql.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
        int port = PackagedService.port(8110);
        String name = "rights-ledger-it-" + port;
        Podman.podman(60, "rm", "--force", name);
        List<String> run = new ArrayList<>(List.of("run", "--detach", "--name", name, "--network=host", "--read-only",
                "--tmpfs", "/tmp", "--memory", "768m"));
        run.addAll(Podman.ulimits());
        run.addAll(List.of(
                "--env", "QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://localhost:5432/" + PackagedService.database(),
                "--env", "QUARKUS_DATASOURCE_USERNAME=postgres",
                "--env", "QUARKUS_FLYWAY_SCHEMAS=" + SCHEMA,
                "--env", "QUARKUS_HTTP_PORT=" + port,
                "--env", "LEDGER_ADMIN_TOKEN=" + ADMIN,
                IMAGE));
        Podman.podman(120, run.toArray(String[]::new)).orFail("podman run");
        try {
            awaitReady(name, port);

            String token = JSON.readTree(send(port, "POST", "/v1/admin/api-keys", ADMIN,
                    "{\"partner\": \"Image test\", \"scopes\": [\"write\"]}", 201)).path("token").asText();
            JsonNode entry = JSON.readTree(send(port, "POST", "/v1/records", token, Records.fine().toString(), 201));
            assertEquals(1, entry.path("position").asLong(), "the first append of a fresh schema");
            assertEquals(1, JSON.readTree(send(port, "GET", "/v1/log/head", null, null, 200)).path("position").asLong());

            String uid = Podman.podman(30, "exec", name, "sh", "-c", "awk '/^Uid:/ {print $2}' /proc/1/status")
                    .orFail("podman exec").output().strip();
            assertNotEquals("0", uid, "the service (PID 1) must not run as root");
            String command = Podman.podman(30, "exec", name, "sh", "-c", "tr '\\0' ' ' < /proc/1/cmdline")
                    .orFail("podman exec").output();
            assertTrue(command.startsWith("java ") && command.contains("-XX:MaxRAMPercentage="),
                    "java itself is PID 1, with the image's memory flags: " + command);

            // podman stop sends SIGTERM (the image's stop signal) and waits up to -t seconds before SIGKILL.
            Instant signalled = Instant.now();
            Podman.podman(60, "stop", "--time", "40", name).orFail("podman stop");
            Duration stopping = Duration.between(signalled, Instant.now());
            String state = Podman.podman(30, "inspect", "--format", "{{.State.ExitCode}} {{.State.OOMKilled}}", name)
                    .orFail("podman inspect").output().strip();
            String log = Podman.podman(30, "logs", name).output();
            System.out.printf("ContainerImageIT: uid %s, stopped in %d ms, exit code and OOM-killed: %s%n", uid,
                    stopping.toMillis(), state);
            // 143 = 128 + SIGTERM: the JVM ran its shutdown hooks and exited on the signal, as it does outside a container.
            assertTrue(state.equals("143 false") || state.equals("0 false"), "exit after SIGTERM: " + state + "\n" + log);
            assertTrue(stopping.toSeconds() < 30, "SIGTERM took " + stopping + " (SIGKILL comes at 40 s)");
            assertTrue(log.contains("rights-ledger stopped in"), "Quarkus did not report a clean stop:\n" + log);
        } finally {
            Podman.podman(60, "rm", "--force", name);
        }
        try (Connection db = DriverManager.getConnection(PackagedService.jdbcUrl(SCHEMA), "postgres", "");
                Statement sql = db.createStatement();
                ResultSet head = sql.executeQuery("SELECT position FROM log_head")) {
            head.next();
            assertEquals(1, head.getLong(1), "the acknowledged append is in the database after the container stopped");
        }
    }

    private void awaitReady(String name, int port) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(uri(port, "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // starting
            }
            String running = Podman.podman(30, "inspect", "--format", "{{.State.Running}}", name).output().strip();
            if (!running.equals("true")) {
                throw new AssertionError("the container exited:\n" + Podman.podman(30, "logs", name).output());
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the container did not become ready:\n" + Podman.podman(30, "logs", name).output());
    }

    private String send(int port, String method, String path, String token, String body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(port, path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(expected, response.statusCode(), method + " " + path + ": " + response.body());
        return response.body();
    }

    private static URI uri(int port, String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
