package org.rightsledger.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.rightsledger.deploy.SecretChecks.*;
import static org.rightsledger.deploy.DockerfileChecks.*;
import static org.rightsledger.deploy.ComposeChecks.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
/**
 * What a deployable set of manifests must satisfy. Each check throws an AssertionError naming what
 * is wrong; DeploymentManifestsTest runs them on the base, on every rendered overlay, and on
 * deliberately broken copies (to show that each one can fail).
 */
final class DeploymentChecks {

    static final String APP = "rights-ledger";
    static final Set<String> CNPG_APP_SECRET_KEYS = Set.of("username", "user", "password", "uri", "jdbc-uri",
            "host", "port", "dbname", "pgpass");

    private DeploymentChecks() {
    }

    /** Everything about the Kubernetes manifests of one build (the base, or an overlay). */
    static void kubernetes(List<JsonNode> docs, Map<String, String> knownKeys) {
        deployment(docs);
        service(docs);
        autoscaler(docs);
        podDisruptionBudget(docs);
        database(docs);
        connections(docs);
        forwardedAddresses(docs);
        secretReferences(docs);
        configKeys(docs, knownKeys);
        noSecrets(docs);
    }

    static JsonNode deploymentOf(List<JsonNode> docs) {
        return Manifests.one(docs, "Deployment", APP);
    }

    static JsonNode containerOf(JsonNode deployment) {
        JsonNode containers = deployment.path("spec").path("template").path("spec").path("containers");
        for (JsonNode c : containers) {
            if (APP.equals(c.path("name").asText())) {
                return c;
            }
        }
        throw new AssertionError("the Deployment has no container named " + APP);
    }

    static JsonNode podLabels(JsonNode deployment) {
        return deployment.path("spec").path("template").path("metadata").path("labels");
    }

    /** The container's HTTP port: its name and number. */
    static JsonNode httpPort(JsonNode container) {
        for (JsonNode port : container.path("ports")) {
            if (port.path("containerPort").asInt() == 8080) {
                return port;
            }
        }
        throw new AssertionError("the container does not declare port 8080");
    }

    static boolean isPort(JsonNode ref, JsonNode port) {
        return ref.isInt() ? ref.asInt() == port.path("containerPort").asInt()
                : !ref.asText().isEmpty() && ref.asText().equals(port.path("name").asText());
    }

    static void deployment(List<JsonNode> docs) {
        JsonNode deployment = deploymentOf(docs);
        JsonNode spec = deployment.path("spec");
        assertTrue(spec.path("replicas").asInt(1) >= 2, "Deployment replicas must be at least 2, is " + spec.path("replicas"));
        JsonNode selector = spec.path("selector").path("matchLabels");
        assertTrue(selector.size() > 0, "the Deployment needs a selector");
        assertTrue(selects(selector, podLabels(deployment)), "the Deployment's selector must match its pod labels");
        for (String label : List.of("app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/component")) {
            assertTrue(podLabels(deployment).has(label), "pods should carry the recommended label " + label);
        }

        JsonNode pod = spec.path("template").path("spec");
        JsonNode container = containerOf(deployment);
        JsonNode port = httpPort(container);
        probe(container, "readinessProbe", "/q/health/ready", port);
        probe(container, "livenessProbe", "/q/health/live", port);
        assertTrue(container.has("startupProbe"), "the container needs a startupProbe (Flyway migrates before the port opens)");
        assertTrue(isPort(container.path("startupProbe").path("httpGet").path("port"), port)
                || container.path("startupProbe").has("tcpSocket"), "the startupProbe must target the container port");

        for (String kind : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                assertFalse(container.path("resources").path(kind).path(resource).asText().isEmpty(),
                        "the container needs resources." + kind + "." + resource);
            }
        }

        JsonNode podSecurity = pod.path("securityContext");
        JsonNode containerSecurity = container.path("securityContext");
        assertTrue(containerSecurity.path("runAsNonRoot").asBoolean(podSecurity.path("runAsNonRoot").asBoolean(false)),
                "runAsNonRoot must be true");
        assertTrue(containerSecurity.path("runAsUser").asInt(podSecurity.path("runAsUser").asInt(1)) != 0,
                "runAsUser must not be 0");
        assertTrue(containerSecurity.path("readOnlyRootFilesystem").asBoolean(false), "readOnlyRootFilesystem must be true");
        assertFalse(containerSecurity.path("allowPrivilegeEscalation").asBoolean(true), "allowPrivilegeEscalation must be false");
        String tmpVolume = null;
        for (JsonNode mount : container.path("volumeMounts")) {
            if ("/tmp".equals(mount.path("mountPath").asText())) {
                tmpVolume = mount.path("name").asText();
            }
        }
        assertNotNull(tmpVolume, "/tmp must be a writable volume (the root filesystem is read-only)");
        boolean emptyDir = false;
        for (JsonNode volume : pod.path("volumes")) {
            emptyDir |= tmpVolume.equals(volume.path("name").asText()) && volume.has("emptyDir");
        }
        assertTrue(emptyDir, "/tmp must be an emptyDir");

        int preStop = preStopSeconds(container);
        assertTrue(preStop > 0, "a preStop sleep must let the load balancer drain the pod before SIGTERM");
        Duration shutdown = Duration.ZERO;
        String timeout = config(docs, deployment).get("QUARKUS_SHUTDOWN_TIMEOUT");
        if (timeout != null) {
            shutdown = Manifests.quarkusDuration(timeout);
        }
        long grace = pod.path("terminationGracePeriodSeconds").asLong(30);
        assertTrue(grace > preStop + shutdown.toSeconds(), "terminationGracePeriodSeconds (" + grace
                + ") must exceed the preStop sleep (" + preStop + " s) plus QUARKUS_SHUTDOWN_TIMEOUT (" + shutdown.toSeconds() + " s)");
    }

    private static void probe(JsonNode container, String name, String path, JsonNode port) {
        JsonNode get = container.path(name).path("httpGet");
        assertEquals(path, get.path("path").asText(), name + " path");
        assertTrue(isPort(get.path("port"), port), name + " must target the container port, targets " + get.path("port"));
    }

    /** The seconds a preStop hook sleeps: the sleep action, or an exec of sleep. 0 without one. */
    static int preStopSeconds(JsonNode container) {
        JsonNode preStop = container.path("lifecycle").path("preStop");
        if (preStop.has("sleep")) {
            return preStop.path("sleep").path("seconds").asInt();
        }
        List<String> command = new ArrayList<>();
        preStop.path("exec").path("command").forEach(c -> command.add(c.asText()));
        Matcher m = Pattern.compile("(?:^|\\s|/)sleep\\s+(\\d+)").matcher(String.join(" ", command));
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** The environment the container gets from ConfigMaps (envFrom) and plain env values. */
    static Map<String, String> config(List<JsonNode> docs, JsonNode deployment) {
        JsonNode container = containerOf(deployment);
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            if (from.has("configMapRef")) {
                JsonNode configMap = Manifests.one(docs, "ConfigMap", from.path("configMapRef").path("name").asText());
                configMap.path("data").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
            }
        }
        for (JsonNode e : container.path("env")) {
            if (e.has("value")) {
                env.put(e.path("name").asText(), e.path("value").asText());
            }
        }
        return env;
    }

    static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector.size() == 0) {
            return false;
        }
        Iterator<Map.Entry<String, JsonNode>> it = selector.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    static void service(List<JsonNode> docs) {
        JsonNode deployment = deploymentOf(docs);
        JsonNode service = Manifests.one(docs, "Service", APP);
        assertTrue(selects(service.path("spec").path("selector"), podLabels(deployment)),
                "the Service must select the Deployment's pods");
        JsonNode port = httpPort(containerOf(deployment));
        assertTrue(service.path("spec").path("ports").size() > 0, "the Service needs a port");
        for (JsonNode p : service.path("spec").path("ports")) {
            JsonNode target = p.has("targetPort") ? p.path("targetPort") : p.path("port");
            assertTrue(isPort(target, port), "the Service must target the container port, targets " + target);
        }
    }

    static void podDisruptionBudget(List<JsonNode> docs) {
        JsonNode deployment = deploymentOf(docs);
        JsonNode pdb = Manifests.one(docs, "PodDisruptionBudget", APP);
        assertTrue(selects(pdb.path("spec").path("selector").path("matchLabels"), podLabels(deployment)),
                "the PodDisruptionBudget must select the Deployment's pods");
        JsonNode spec = pdb.path("spec");
        if (spec.has("minAvailable")) {
            JsonNode min = spec.path("minAvailable");
            assertTrue(min.isInt() ? min.asInt() >= 1 : min.asText().matches("[1-9]\\d*%"), "minAvailable must be at least 1");
            if (min.isInt()) {
                int floor = Math.min(deployment.path("spec").path("replicas").asInt(1),
                        Manifests.one(docs, "HorizontalPodAutoscaler", APP).path("spec").path("minReplicas").asInt(1));
                assertTrue(min.asInt() < floor, "minAvailable " + min + " would block every node drain with "
                        + floor + " replicas");
            }
        } else {
            assertTrue(spec.has("maxUnavailable"), "the PodDisruptionBudget needs minAvailable or maxUnavailable");
        }
    }

    static void autoscaler(List<JsonNode> docs) {
        JsonNode hpa = Manifests.one(docs, "HorizontalPodAutoscaler", APP);
        assertEquals("autoscaling/v2", hpa.path("apiVersion").asText(), "HPA apiVersion");
        JsonNode target = hpa.path("spec").path("scaleTargetRef");
        assertEquals("Deployment", target.path("kind").asText(), "the HPA must scale the Deployment");
        assertEquals(APP, target.path("name").asText(), "the HPA must scale the Deployment");
        int min = hpa.path("spec").path("minReplicas").asInt(1);
        assertTrue(min >= 2, "HPA minReplicas must be at least 2, is " + min);
        assertTrue(hpa.path("spec").path("maxReplicas").asInt() >= min, "HPA maxReplicas below minReplicas");
        assertTrue(hpa.path("spec").path("metrics").size() > 0, "the HPA needs a metric");
    }

    static JsonNode clusterOf(List<JsonNode> docs) {
        List<JsonNode> clusters = Manifests.all(docs, "Cluster");
        assertEquals(1, clusters.size(), "expected one CloudNativePG Cluster");
        JsonNode cluster = clusters.get(0);
        assertEquals("postgresql.cnpg.io/v1", cluster.path("apiVersion").asText(), "Cluster apiVersion");
        return cluster;
    }

    /** Three instances, and an acknowledged commit is on a standby too: it survives the loss of the primary. */
    static void database(List<JsonNode> docs) {
        JsonNode spec = clusterOf(docs).path("spec");
        int instances = spec.path("instances").asInt();
        assertEquals(3, instances, "the Cluster must have 3 instances");
        assertTrue(spec.path("imageName").asText().matches(".*postgresql:15\\.\\d+.*"),
                "the Cluster must run a pinned PostgreSQL 15 image, runs " + spec.path("imageName"));
        JsonNode sync = spec.path("postgresql").path("synchronous");
        int standbys;
        if (sync.isObject() && sync.size() > 0) {
            assertTrue(Set.of("any", "first").contains(sync.path("method").asText()), "synchronous.method must be any or first");
            standbys = sync.path("number").asInt();
            assertEquals("required", sync.path("dataDurability").asText("required"),
                    "synchronous.dataDurability must be required: 'preferred' acknowledges commits with no standby");
        } else {
            standbys = spec.path("minSyncReplicas").asInt();
        }
        assertTrue(standbys >= 1, "at least one synchronous standby must confirm every commit");
        assertTrue(standbys < instances, "more synchronous standbys than standbys");
        String commit = spec.path("postgresql").path("parameters").path("synchronous_commit").asText("on");
        assertTrue(Set.of("on", "remote_apply").contains(commit),
                "synchronous_commit " + commit + " does not wait for the standby to have the commit on disk");
        assertFalse(spec.path("storage").path("size").asText().isEmpty(), "the Cluster needs storage.size");
    }

    /**
     * Behind the ingress, rate limits key on the address it forwards (else every anonymous reader shares
     * the ingress' bucket), and only the ingress may forward one (else any client claims any address).
     */
    static void forwardedAddresses(List<JsonNode> docs) {
        Map<String, String> env = config(docs, deploymentOf(docs));
        assertEquals("true", env.get("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING"),
                "QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING must be true: the client address comes from the ingress");
        assertEquals("true", env.get("QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED"),
                "QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED must be true: ingress controllers send X-Forwarded-For");
        assertFalse(env.getOrDefault("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES", "").isBlank(),
                "QUARKUS_HTTP_PROXY_TRUSTED_PROXIES must name the ingress: unset, Quarkus trusts forwarded addresses from anyone");
    }

    /** Writes go to the primary, and the pods' connection pools fit in max_connections at full scale. */
    static void connections(List<JsonNode> docs) {
        JsonNode cluster = clusterOf(docs);
        JsonNode deployment = deploymentOf(docs);
        Map<String, String> env = config(docs, deployment);
        String url = env.get("QUARKUS_DATASOURCE_JDBC_URL");
        assertNotNull(url, "the service needs QUARKUS_DATASOURCE_JDBC_URL");
        assertTrue(url.startsWith("jdbc:postgresql://"), "not a PostgreSQL JDBC URL: " + url);
        String host = URI.create(url.substring("jdbc:".length())).getHost();
        assertEquals(cluster.path("metadata").path("name").asText() + "-rw", host,
                "writes must go to the Cluster's read-write service");

        int pool = Integer.parseInt(env.getOrDefault("QUARKUS_DATASOURCE_JDBC_MAX_SIZE", applicationProperty("quarkus.datasource.jdbc.max-size", "20")));
        int maxReplicas = Manifests.one(docs, "HorizontalPodAutoscaler", APP).path("spec").path("maxReplicas").asInt();
        JsonNode surge = deployment.path("spec").path("strategy").path("rollingUpdate").path("maxSurge");
        int extra = surge.isInt() ? surge.asInt()
                : (int) Math.ceil(maxReplicas * Integer.parseInt(surge.asText("25%").replace("%", "")) / 100.0);
        int maxConnections = Integer.parseInt(cluster.path("spec").path("postgresql").path("parameters")
                .path("max_connections").asText("100"));
        int needed = (maxReplicas + extra) * (pool + 1);
        assertTrue(needed <= maxConnections - 10, "(" + maxReplicas + " pods + " + extra + " surge) x (" + pool
                + " pooled + 1 listener) = " + needed + " connections do not fit in max_connections " + maxConnections
                + " minus 10 reserved");
    }

    static String applicationProperty(String key, String otherwise) {
        for (String line : Manifests.read(Manifests.ROOT.resolve("src/main/resources/application.properties")).split("\n")) {
            if (line.startsWith(key + "=")) {
                return line.substring(key.length() + 1).strip();
            }
        }
        return otherwise;
    }
}
