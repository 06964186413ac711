package org.rightsledger.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.rightsledger.support.PackagedService;

/**
 * The packaged service started the way the image and the Kubernetes base start it: the JVM options of
 * the Dockerfile's ENTRYPOINT and every key of the base ConfigMap.
 * Quarkus must recognize every key, the probe paths must answer, and after SIGTERM the process must
 * be gone within terminationGracePeriodSeconds minus the preStop sleep, even with a long-poll open.
 */
class DeploymentConfigIT {

    static final String SCHEMA = "ledger_deploy_it";

    @Test
    void thePackagedServiceRunsWithTheDeploymentsConfiguration() throws Exception {
        List<JsonNode> base = Manifests.base();
        JsonNode deployment = DeploymentChecks.deploymentOf(base);
        JsonNode container = DeploymentChecks.containerOf(deployment);
        Map<String, String> config = DeploymentChecks.config(base, deployment);
        Map<String, String> known = Manifests.knownConfigKeys();

        List<String> jvm = new ArrayList<>(DockerfileChecks.jvmOptions(Manifests.read(Manifests.DOCKERFILE)));
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : config.entrySet()) {
            String key = e.getKey();
            if (key.equals("QUARKUS_DATASOURCE_JDBC_URL")) {
                // The local database and a schema of our own, with the deployment's driver options.
                String options = Arrays.stream(e.getValue().substring(e.getValue().indexOf('?') + 1).split("&"))
                        .filter(o -> !o.startsWith("currentSchema=")).collect(Collectors.joining("&"));
                env.put(key, PackagedService.jdbcUrl(SCHEMA) + (options.isEmpty() ? "" : "&" + options));
            } else if (key.equals("QUARKUS_HTTP_PORT")) {
                continue; // the test's own port
            } else if (key.startsWith("QUARKUS_")) {
                // As system properties, so that Quarkus reports any key it does not know.
                assertNotNull(known.get(key), key);
                // The schema is ours, as in the URL above: never the one `./mvnw quarkus:dev` fills.
                jvm.add("-D" + known.get(key) + "=" + (key.equals("QUARKUS_FLYWAY_SCHEMAS") ? SCHEMA : e.getValue()));
            } else {
                env.put(key, e.getValue());
            }
        }

        PackagedService service = PackagedService.start(PackagedService.port(8099), SCHEMA, env, jvm.toArray(String[]::new));
        boolean closed = false;
        try {
            for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                String path = container.path(probe).path("httpGet").path("path").asText();
                assertEquals(200, service.get(path).statusCode(), probe + " " + path);
            }
            // A long-poll keeps a request open, as partners' feeds do: shutdown cannot wait for it.
            CompletableFuture<HttpResponse<String>> longPoll = HttpClient.newHttpClient().sendAsync(
                    HttpRequest.newBuilder(service.uri("/v1/feed?after=0&wait=30")).build(), HttpResponse.BodyHandlers.ofString());
            Thread.sleep(500);
            assertFalse(longPoll.isDone(), "the long-poll should be waiting");

            long started = System.nanoTime();
            service.close();
            closed = true;
            Duration stop = Duration.ofNanos(System.nanoTime() - started);
            long grace = deployment.path("spec").path("template").path("spec").path("terminationGracePeriodSeconds").asLong(30);
            int preStop = DeploymentChecks.preStopSeconds(container);
            assertTrue(preStop + stop.toMillis() / 1000.0 < grace, "after SIGTERM the service took " + stop.toMillis()
                    + " ms to stop; with the " + preStop + " s preStop sleep that is over terminationGracePeriodSeconds " + grace);
        } finally {
            if (!closed) {
                service.close();
            }
        }
        String log = Files.readString(Path.of("target/" + SCHEMA + ".log"));
        assertFalse(log.contains("Unrecognized configuration key"), "Quarkus does not know a key of the deployment:\n"
                + log.lines().filter(l -> l.contains("Unrecognized configuration key")).collect(Collectors.joining("\n")));
    }
}
