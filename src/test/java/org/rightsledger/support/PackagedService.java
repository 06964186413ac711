package org.rightsledger.support;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged service (target/quarkus-app/quarkus-run.jar) as a separate process, in a schema
 * of its own, configured like an operator would: environment variables and JVM options.
 * For the *IT tests, which failsafe runs after packaging. The operational tests also kill it
 * ({@link #kill()}, kill -9), stop it ({@link #terminate()}, SIGTERM) and start it again on the
 * same schema ({@link #restart()}).
 */
public final class PackagedService implements AutoCloseable {

    public final int port;
    public final String schema;
    public final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ProcessBuilder builder;
    private Process process;

    private PackagedService(int port, String schema, ProcessBuilder builder) throws java.io.IOException {
        this.port = port;
        this.schema = schema;
        this.builder = builder;
        this.process = builder.start();
    }

    /** The database the tests use: LEDGER_TEST_DATABASE, so that two checkouts can test side by side. */
    public static String database() {
        return System.getenv().getOrDefault("LEDGER_TEST_DATABASE", "postgres");
    }

    public static String jdbcUrl(String schema) {
        return "jdbc:postgresql://localhost:5432/" + database() + "?currentSchema=" + schema;
    }

    /** A port for a packaged service: the given one, shifted by LEDGER_TEST_PORT_OFFSET. */
    public static int port(int port) {
        return port + Integer.parseInt(System.getenv().getOrDefault("LEDGER_TEST_PORT_OFFSET", "0"));
    }

    /** Starts the service on a fresh schema of the test database and waits until it is ready. */
    public static PackagedService start(int port, String schema, Map<String, String> env, String... jvmOptions)
            throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://localhost:5432/" + database(), "postgres", "");
                Statement sql = db.createStatement()) {
            sql.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
        return start(jdbcUrl(schema), port, schema, env, jvmOptions);
    }

    /** Starts the service on the database at {@code jdbcUrl} (schema {@code schema}, as found) and waits until it is ready. */
    public static PackagedService start(String jdbcUrl, int port, String schema, Map<String, String> env,
            String... jvmOptions) throws Exception {
        List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java"));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-jar", "target/quarkus-app/quarkus-run.jar"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        builder.environment().put("QUARKUS_FLYWAY_SCHEMAS", schema);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().putAll(env);
        File log = new File("target/" + schema + ".log");
        log.delete();
        // Appended to: a restarted service writes after what the earlier process wrote.
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        PackagedService service = new PackagedService(port, schema, builder);
        service.awaitReady();
        return service;
    }

    /** The output of every process of this service so far. */
    public String log() throws java.io.IOException {
        return java.nio.file.Files.readString(java.nio.file.Path.of("target/" + schema + ".log"));
    }

    /** kill -9: no shutdown hook runs, nothing is flushed or closed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, as an orchestrator sends it; waits for the process to exit and returns its exit code. */
    public int terminate() throws InterruptedException {
        process.destroy();
        return process.waitFor();
    }

    /** Starts the service again, same configuration, same schema (nothing is dropped), and waits until it is ready. */
    public void restart() throws Exception {
        if (process.isAlive()) {
            throw new IllegalStateException("stop the service first");
        }
        process = builder.start();
        awaitReady();
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    public HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public boolean alive() {
        return process.isAlive();
    }

    private void awaitReady() throws Exception {
        // Generous: on a machine shared with other builds, a start has been seen to take over a minute.
        Instant deadline = Instant.now().plusSeconds(150);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("the service exited; see target/" + schema + ".log");
            }
            try {
                if (get("/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // starting
            }
            Thread.sleep(250);
        }
        // Not left behind on the port: a later run would talk to it.
        process.destroyForcibly().waitFor();
        throw new AssertionError("the service did not become ready; see target/" + schema + ".log");
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(40, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
