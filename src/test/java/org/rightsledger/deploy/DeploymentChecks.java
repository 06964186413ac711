package org.rightsledger.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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

    /** Secrets the pods use: CloudNativePG's application secret, or one with a template in deploy/. */
    static void secretReferences(List<JsonNode> docs) {
        JsonNode container = containerOf(deploymentOf(docs));
        String cnpgSecret = clusterOf(docs).path("metadata").path("name").asText() + "-app";
        Map<String, JsonNode> templates = secretTemplates();
        for (JsonNode e : container.path("env")) {
            JsonNode ref = e.path("valueFrom").path("secretKeyRef");
            if (ref.isMissingNode()) {
                continue;
            }
            String name = ref.path("name").asText();
            String key = ref.path("key").asText();
            if (name.equals(cnpgSecret)) {
                assertTrue(CNPG_APP_SECRET_KEYS.contains(key), cnpgSecret + " has no key " + key);
            } else {
                assertTrue(templates.containsKey(name), "no template (secret.example.yaml) for Secret " + name);
                assertTrue(templates.get(name).path("stringData").has(key) || templates.get(name).path("data").has(key),
                        "the template of " + name + " has no key " + key);
            }
        }
        for (JsonNode from : container.path("envFrom")) {
            if (from.has("secretRef")) {
                String name = from.path("secretRef").path("name").asText();
                assertTrue(templates.containsKey(name), "no template (secret.example.yaml) for Secret " + name);
            }
        }
    }

    static Map<String, JsonNode> secretTemplates() {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (var file : Manifests.yamlFiles()) {
            if (file.getFileName().toString().endsWith(".example.yaml")) {
                for (JsonNode doc : Manifests.documents(file)) {
                    if ("Secret".equals(doc.path("kind").asText())) {
                        out.put(doc.path("metadata").path("name").asText(), doc);
                    }
                }
            }
        }
        return out;
    }

    /** Every variable the container gets is a key the service knows (docs/operations.md, application.properties, code). */
    static void configKeys(List<JsonNode> docs, Map<String, String> knownKeys) {
        JsonNode deployment = deploymentOf(docs);
        List<String> names = new ArrayList<>(config(docs, deployment).keySet());
        containerOf(deployment).path("env").forEach(e -> names.add(e.path("name").asText()));
        for (JsonNode from : containerOf(deployment).path("envFrom")) {
            if (from.has("secretRef")) {
                JsonNode template = secretTemplates().get(from.path("secretRef").path("name").asText());
                if (template != null) {
                    template.path("stringData").fieldNames().forEachRemaining(names::add);
                    template.path("data").fieldNames().forEachRemaining(names::add);
                }
            }
        }
        assertTrue(names.size() > 0, "the container gets no configuration");
        for (String name : names) {
            assertTrue(name.matches("(QUARKUS|LEDGER)_[A-Z0-9_]+"), name + " is not a QUARKUS_* or LEDGER_* key");
            assertTrue(knownKeys.containsKey(name), name + " is not a configuration key the service knows");
        }
    }

    /** No Secret with values is part of a build: secrets are created out of band. */
    static void noSecrets(List<JsonNode> docs) {
        for (JsonNode secret : Manifests.all(docs, "Secret")) {
            fail("the manifests contain the Secret " + secret.path("metadata").path("name").asText()
                    + "; secrets are created out of band (secret.example.yaml)");
        }
    }

    /** A template's values are empty or <placeholders>, never something that could be a real secret. */
    static void secretTemplate(JsonNode secret) {
        assertEquals("Secret", secret.path("kind").asText());
        List<Map.Entry<String, JsonNode>> values = new ArrayList<>();
        secret.path("stringData").fields().forEachRemaining(values::add);
        secret.path("data").fields().forEachRemaining(values::add);
        assertTrue(values.size() > 0, "the template lists no keys");
        for (Map.Entry<String, JsonNode> e : values) {
            placeholder(e.getKey(), e.getValue().asText());
        }
    }

    static void placeholder(String key, String value) {
        String v = value.strip();
        assertTrue(v.isEmpty() || v.matches("<[^<>]*>") || v.matches("\\$\\{[A-Z0-9_]+(:?\\?[^}]*|:?-)?}"),
                key + " holds something that looks like a real value: " + v);
    }

    /** Instructions of a Dockerfile: continuation lines joined, comments left out. */
    static List<String[]> instructions(String dockerfile) {
        List<String[]> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : dockerfile.split("\n")) {
            String l = line.strip();
            if (l.startsWith("#") || (l.isEmpty() && current.length() == 0)) {
                continue;
            }
            if (l.endsWith("\\")) {
                current.append(l, 0, l.length() - 1).append(' ');
                continue;
            }
            current.append(l);
            String instruction = current.toString().strip();
            current.setLength(0);
            if (!instruction.isEmpty()) {
                String[] parts = instruction.split("\\s+", 2);
                out.add(new String[] {parts[0].toUpperCase(java.util.Locale.ROOT), parts.length > 1 ? parts[1] : ""});
            }
        }
        return out;
    }

    /**
     * The image runs the fast-jar with {@code java} itself (any JRE 17 base, given as ARG BASE_IMAGE with a
     * pinned default), as a numeric non-root user, with the heap following the container's memory limit.
     */
    static void dockerfile(String dockerfile) {
        List<String[]> instructions = instructions(dockerfile);
        List<String> from = new ArrayList<>();
        List<String> copied = new ArrayList<>();
        Map<String, String> args = new LinkedHashMap<>();
        String user = null;
        String entrypoint = null;
        boolean exposes8080 = false;
        for (String[] i : instructions) {
            switch (i[0]) {
                case "ARG":
                    String[] arg = i[1].strip().split("=", 2);
                    args.put(arg[0], arg.length > 1 ? arg[1].replace("\"", "") : "");
                    break;
                case "FROM": from.add(i[1]); break;
                case "USER": user = i[1].strip(); break;
                case "EXPOSE": exposes8080 |= List.of(i[1].split("\\s+")).contains("8080") || i[1].contains("8080/tcp"); break;
                case "ENTRYPOINT": entrypoint = i[1].strip(); break;
                case "CMD":
                    fail("no CMD: arguments given to the container (verify, sync …) go to the jar");
                    break;
                case "COPY":
                case "ADD":
                    for (String a : i[1].split("\\s+")) {
                        if (!a.startsWith("--")) {
                            copied.add(a);
                        }
                    }
                    break;
                case "HEALTHCHECK":
                    fail("no HEALTHCHECK: the orchestrator probes /q/health over HTTP");
                    break;
                default:
                    break;
            }
        }
        assertFalse(from.isEmpty(), "the Dockerfile has no FROM");
        String base = from.get(from.size() - 1).split("\\s+")[0];
        assertEquals("${BASE_IMAGE}", base, "the base image must be ARG BASE_IMAGE (a local JRE base can replace it)");
        String defaultBase = args.getOrDefault("BASE_IMAGE", "");
        assertFalse(defaultBase.isEmpty(), "ARG BASE_IMAGE needs a default: a public JRE 17 image");
        assertTrue(defaultBase.contains("@sha256:") || defaultBase.matches("[^@]+:[^:/]+") && !defaultBase.endsWith(":latest"),
                "the base image must be pinned (a tag other than latest, or a digest): " + defaultBase);
        assertTrue(defaultBase.contains("17"), "the default base must be a Java 17 runtime: " + defaultBase);
        assertNotNull(user, "the Dockerfile must set a USER");
        String uid = user.split(":")[0];
        assertTrue(uid.matches("\\d+"), "USER must be numeric, so that runAsNonRoot can be checked: USER " + user);
        assertFalse(uid.equals("0"), "the image must not run as root: USER " + user);
        for (String part : List.of("target/quarkus-app/lib/", "target/quarkus-app/*.jar", "target/quarkus-app/app/",
                "target/quarkus-app/quarkus/")) {
            assertTrue(copied.contains(part), "the Dockerfile must copy " + part + " (the fast-jar, in layers)");
        }
        int lib = copied.indexOf("target/quarkus-app/lib/");
        int app = copied.indexOf("target/quarkus-app/app/");
        assertTrue(lib < app, "the dependencies layer (lib/) must come before the application layer (app/)");
        assertTrue(exposes8080, "the Dockerfile must EXPOSE 8080");
        List<String> command = entrypoint(entrypoint);
        assertTrue(command.get(0).equals("java") || command.get(0).endsWith("/bin/java"),
                "the ENTRYPOINT must run java itself (no run-java.sh, no shell: java gets SIGTERM), runs " + command.get(0));
        assertTrue(command.stream().anyMatch(o -> o.startsWith("-XX:MaxRAMPercentage=")),
                "the JVM heap must follow the container's memory limit (MaxRAMPercentage)");
        assertTrue(command.contains("-XX:+ExitOnOutOfMemoryError"), "the JVM must exit on OutOfMemoryError");
        assertFalse(command.contains("-XX:-UseContainerSupport"), "container support must stay on");
        int jar = command.indexOf("-jar");
        assertTrue(jar > 0 && jar + 1 < command.size() && command.get(jar + 1).endsWith("/quarkus-run.jar"),
                "the ENTRYPOINT must run -jar …/quarkus-run.jar");
    }

    /** An exec-form ENTRYPOINT as its words; a shell form fails (the shell, not java, would get SIGTERM). */
    static List<String> entrypoint(String entrypoint) {
        assertNotNull(entrypoint, "the Dockerfile must set an ENTRYPOINT");
        assertTrue(entrypoint.startsWith("["), "the ENTRYPOINT must be in exec form (JSON array): " + entrypoint);
        List<String> words = new ArrayList<>();
        try {
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(entrypoint).forEach(w -> words.add(w.asText()));
        } catch (java.io.IOException e) {
            throw new AssertionError("the ENTRYPOINT is not a JSON array: " + entrypoint);
        }
        assertFalse(words.isEmpty(), "the ENTRYPOINT is empty");
        return words;
    }

    /** The JVM options the image's ENTRYPOINT gives java (between java and -jar). */
    static List<String> jvmOptions(String dockerfile) {
        String entrypoint = null;
        for (String[] i : instructions(dockerfile)) {
            if (i[0].equals("ENTRYPOINT")) {
                entrypoint = i[1].strip();
            }
        }
        List<String> command = entrypoint(entrypoint);
        return command.subList(1, command.indexOf("-jar"));
    }

    /** .dockerignore excludes everything, then lets the fast-jar in. */
    static void dockerignore(String dockerignore) {
        List<String> patterns = new ArrayList<>();
        for (String line : dockerignore.split("\n")) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                patterns.add(l);
            }
        }
        assertTrue(!patterns.isEmpty() && (patterns.get(0).equals("*") || patterns.get(0).equals("**")),
                ".dockerignore must start by excluding everything");
        assertTrue(patterns.stream().anyMatch(p -> p.matches("!/?target/quarkus-app/?(\\*\\*)?")),
                ".dockerignore must let target/quarkus-app in");
    }

    /** PostgreSQL with a pg_isready healthcheck, and the service built from the Dockerfile starting after it. */
    static void compose(JsonNode compose, java.nio.file.Path composeDir, Map<String, String> knownKeys) {
        JsonNode services = compose.path("services");
        String db = null;
        String app = null;
        for (Iterator<String> it = services.fieldNames(); it.hasNext();) {
            String name = it.next();
            JsonNode service = services.path(name);
            if (service.path("image").asText().startsWith("postgres:")) {
                db = name;
            }
            if (service.has("build")) {
                app = name;
            }
        }
        assertNotNull(db, "compose needs a postgres service");
        assertNotNull(app, "compose needs the service built from the Dockerfile");
        JsonNode postgres = services.path(db);
        assertTrue(postgres.path("image").asText().matches("postgres:15\\.\\d+.*"),
                "PostgreSQL must be a pinned 15.x image, is " + postgres.path("image"));
        assertTrue(postgres.path("healthcheck").path("test").toString().contains("pg_isready"),
                "the postgres service needs a pg_isready healthcheck");
        assertTrue(postgres.path("volumes").size() > 0, "the database needs a volume");
        JsonNode service = services.path(app);
        assertEquals("service_healthy", service.path("depends_on").path(db).path("condition").asText(),
                "the service must wait until the database is healthy");
        JsonNode build = service.path("build");
        java.nio.file.Path context = composeDir.resolve(build.path("context").asText(".")).normalize();
        assertTrue(java.nio.file.Files.isRegularFile(context.resolve(build.path("dockerfile").asText("Dockerfile"))),
                "compose builds from a Dockerfile that does not exist: " + build);
        assertTrue(service.path("ports").toString().contains("8080"), "the service must publish port 8080");
        Map<String, String> env = composeEnvironment(service);
        assertTrue(env.containsKey("QUARKUS_DATASOURCE_JDBC_URL"), "the service needs QUARKUS_DATASOURCE_JDBC_URL");
        assertTrue(env.get("QUARKUS_DATASOURCE_JDBC_URL").contains("//" + db + ":"), "the service must connect to the " + db + " service");
        assertTrue(env.containsKey("LEDGER_ADMIN_TOKEN"), "the service should take LEDGER_ADMIN_TOKEN from the environment");
        for (Map.Entry<String, String> e : env.entrySet()) {
            assertTrue(knownKeys.containsKey(e.getKey()), e.getKey() + " is not a configuration key the service knows");
        }
        for (String name : List.of(db, app)) {
            composeEnvironment(services.path(name)).forEach((key, value) -> {
                if (key.matches(".*(PASSWORD|TOKEN|SECRET|SIGNING_KEY).*")) {
                    placeholder(name + "." + key, value);
                }
            });
        }
    }

    static Map<String, String> composeEnvironment(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode environment = service.path("environment");
        if (environment.isArray()) {
            for (JsonNode e : environment) {
                String s = e.asText();
                env.put(s.contains("=") ? s.substring(0, s.indexOf('=')) : s, s.contains("=") ? s.substring(s.indexOf('=') + 1) : "");
            }
        } else {
            environment.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        }
        return env;
    }
}
