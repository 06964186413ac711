package org.rightsledger.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The container image, compose file and Kubernetes manifests under deploy/ hold what running the
 * service safely needs. No Docker or Kubernetes is required: the files are parsed and checked here
 * (and rendered with kustomize when it is on the PATH). The last factory breaks each manifest in
 * one way and shows that the checks notice.
 */
class DeploymentManifestsTest {

    static final Map<String, String> KNOWN = Manifests.knownConfigKeys();

    @Test
    void everyYamlFileUnderDeployParses() {
        List<Path> files = Manifests.yamlFiles();
        assertTrue(files.size() >= 10, "expected the compose file and the Kubernetes manifests, found " + files);
        for (Path file : files) {
            List<JsonNode> docs = Manifests.documents(file);
            assertFalse(docs.isEmpty(), Manifests.ROOT.relativize(file) + " holds no document");
            for (JsonNode doc : docs) {
                assertTrue(doc.isObject(), Manifests.ROOT.relativize(file) + ": a document is not a mapping");
                if (!file.equals(Manifests.COMPOSE)) {
                    assertTrue(doc.hasNonNull("apiVersion") && doc.hasNonNull("kind"),
                            Manifests.ROOT.relativize(file) + ": a document without apiVersion or kind");
                }
            }
        }
    }

    @Test
    void everyFileAKustomizationNamesExists() {
        List<Path> dirs = Manifests.kustomizationDirs();
        assertTrue(dirs.size() >= 3, "expected base, an overlay and components, found " + dirs);
        for (Path dir : dirs) {
            JsonNode k = Manifests.document(dir.resolve("kustomization.yaml"));
            List<String> paths = new ArrayList<>();
            k.path("resources").forEach(r -> paths.add(r.asText()));
            k.path("components").forEach(r -> paths.add(r.asText()));
            k.path("patches").forEach(p -> {
                if (p.has("path")) {
                    paths.add(p.path("path").asText());
                }
            });
            k.path("patchesStrategicMerge").forEach(p -> paths.add(p.asText()));
            for (String generator : List.of("configMapGenerator", "secretGenerator")) {
                k.path(generator).forEach(g -> {
                    g.path("envs").forEach(e -> paths.add(e.asText()));
                    g.path("files").forEach(f -> paths.add(f.asText().substring(f.asText().indexOf('=') + 1)));
                });
            }
            assertFalse(k.has("secretGenerator") && k.toString().contains("literals"),
                    dir + ": secrets must not be written into a kustomization");
            for (String p : paths) {
                Path target = dir.resolve(p).normalize();
                assertTrue(Files.isRegularFile(target) || Files.isRegularFile(target.resolve("kustomization.yaml")),
                        Manifests.ROOT.relativize(dir) + "/kustomization.yaml names " + p + ", which does not exist");
                assertFalse(target.getFileName().toString().endsWith(".example.yaml"),
                        Manifests.ROOT.relativize(dir) + " must not deploy the template " + p);
            }
        }
    }

    @Test
    void theBaseIsDeployable() {
        DeploymentChecks.kubernetes(Manifests.base(), KNOWN);
    }

    @TestFactory
    Stream<DynamicTest> everyRenderedBuildIsDeployable() {
        Optional<List<String>> kustomize = Manifests.kustomize();
        List<Path> builds = new ArrayList<>(List.of(Manifests.BASE));
        try (Stream<Path> overlays = Files.list(Manifests.KUBERNETES.resolve("overlays"))) {
            builds.addAll(overlays.filter(d -> Files.isRegularFile(d.resolve("kustomization.yaml"))).sorted()
                    .collect(Collectors.toList()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return builds.stream().map(dir -> dynamicTest(Manifests.ROOT.relativize(dir).toString(), () -> {
            assumeTrue(kustomize.isPresent(), "neither kustomize nor kubectl is on the PATH");
            List<JsonNode> docs = Manifests.render(kustomize.get(), dir);
            DeploymentChecks.kubernetes(docs, KNOWN);
        }));
    }

    @Test
    void secretTemplatesHoldNoSecrets() {
        Map<String, JsonNode> templates = SecretChecks.secretTemplates();
        assertTrue(templates.containsKey(DeploymentChecks.APP), "expected a template of the Secret " + DeploymentChecks.APP);
        templates.values().forEach(SecretChecks::secretTemplate);
        Manifests.envFile(Manifests.DEPLOY.resolve("ledger.env.example")).forEach((key, value) -> {
            if (key.matches(".*(PASSWORD|TOKEN|SECRET|SIGNING_KEY).*")) {
                SecretChecks.placeholder("ledger.env.example " + key, value);
            }
        });
        assertTrue(Manifests.read(Manifests.ROOT.resolve(".gitignore")).lines().anyMatch("deploy/ledger.env"::equals),
                "deploy/ledger.env (real values for compose) must be git-ignored");
    }

    @Test
    void theBackupComponentBacksUpTheCluster() {
        Path dir = Manifests.KUBERNETES.resolve("components/backups");
        String cluster = DeploymentChecks.clusterOf(Manifests.base()).path("metadata").path("name").asText();
        JsonNode store = Manifests.document(dir.resolve("objectstore.yaml"));
        JsonNode schedule = Manifests.document(dir.resolve("scheduledbackup.yaml"));
        JsonNode patch = Manifests.document(dir.resolve("cluster-plugin.yaml"));
        assertEquals(cluster, schedule.path("spec").path("cluster").path("name").asText(), "ScheduledBackup cluster");
        assertEquals(cluster, patch.path("metadata").path("name").asText(), "the patch must name the Cluster");
        JsonNode plugin = patch.path("spec").path("plugins").path(0);
        assertTrue(plugin.path("isWALArchiver").asBoolean(), "the plugin must archive WAL (point-in-time recovery)");
        assertEquals(store.path("metadata").path("name").asText(), plugin.path("parameters").path("barmanObjectName").asText(),
                "the Cluster must archive into the ObjectStore");
        assertEquals(plugin.path("name").asText(), schedule.path("spec").path("pluginConfiguration").path("name").asText(),
                "the ScheduledBackup must use the plugin");
    }

    @Test
    void theDockerfileRunsTheFastJarAsANonRootUser() {
        DockerfileChecks.dockerfile(Manifests.read(Manifests.DOCKERFILE));
        DockerfileChecks.dockerignore(Manifests.read(Manifests.ROOT.resolve(".dockerignore")));
    }

    @Test
    void composeStartsTheServiceAfterAHealthyDatabase() {
        ComposeChecks.compose(Manifests.document(Manifests.COMPOSE), Manifests.DEPLOY, KNOWN);
    }

    // ---------------------------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> everyCheckCatchesABrokenManifest() {
        List<DynamicTest> tests = new ArrayList<>();
        Consumer<List<JsonNode>> all = docs -> DeploymentChecks.kubernetes(docs, KNOWN);
        kube(tests, "one replica", "replicas must be at least 2", docs -> deploymentSpec(docs).put("replicas", 1), all);
        kube(tests, "readiness on /q/health", "readinessProbe path", docs -> probe(docs, "readinessProbe").put("path", "/q/health"), all);
        kube(tests, "liveness on /q/health/ready", "livenessProbe path", docs -> probe(docs, "livenessProbe").put("path", "/q/health/ready"), all);
        kube(tests, "liveness on another port", "livenessProbe must target the container port", docs -> probe(docs, "livenessProbe").put("port", 9000), all);
        kube(tests, "no startup probe", "startupProbe", docs -> container(docs).remove("startupProbe"), all);
        kube(tests, "no memory limit", "limits.memory", docs -> ((ObjectNode) container(docs).at("/resources/limits")).remove("memory"), all);
        kube(tests, "no requests", "resources.requests", docs -> ((ObjectNode) container(docs).at("/resources")).remove("requests"), all);
        kube(tests, "may run as root", "runAsNonRoot", docs -> {
            ((ObjectNode) podSpec(docs).at("/securityContext")).put("runAsNonRoot", false);
            ((ObjectNode) container(docs).at("/securityContext")).put("runAsNonRoot", false);
        }, all);
        kube(tests, "runs as uid 0", "runAsUser must not be 0", docs -> ((ObjectNode) podSpec(docs).at("/securityContext")).put("runAsUser", 0), all);
        kube(tests, "writable root filesystem", "readOnlyRootFilesystem", docs -> ((ObjectNode) container(docs).at("/securityContext"))
                .put("readOnlyRootFilesystem", false), all);
        kube(tests, "no /tmp volume", "/tmp must be a writable volume", docs -> container(docs).remove("volumeMounts"), all);
        kube(tests, "no preStop", "preStop sleep", docs -> container(docs).remove("lifecycle"), all);
        kube(tests, "grace period shorter than preStop + shutdown", "terminationGracePeriodSeconds", docs -> podSpec(docs).put("terminationGracePeriodSeconds", 15), all);
        kube(tests, "Service selects other pods", "Service must select", docs -> ((ObjectNode) one(docs, "Service").at("/spec/selector"))
                .put("app.kubernetes.io/component", "database"), all);
        kube(tests, "Service targets another port", "Service must target the container port", docs -> ((ObjectNode) one(docs, "Service").at("/spec/ports/0"))
                .put("targetPort", 8081), all);
        kube(tests, "PDB selects other pods", "PodDisruptionBudget must select", docs -> ((ObjectNode) one(docs, "PodDisruptionBudget").at("/spec/selector/matchLabels"))
                .put("app.kubernetes.io/name", "other"), all);
        kube(tests, "PDB minAvailable 0", "minAvailable must be at least 1", docs -> ((ObjectNode) one(docs, "PodDisruptionBudget").at("/spec")).put("minAvailable", 0), all);
        kube(tests, "PDB blocks every drain", "would block every node drain", docs -> ((ObjectNode) one(docs, "PodDisruptionBudget").at("/spec")).put("minAvailable", 2), all);
        kube(tests, "HPA min 1", "HPA minReplicas must be at least 2", docs -> ((ObjectNode) one(docs, "HorizontalPodAutoscaler").at("/spec")).put("minReplicas", 1), all);
        kube(tests, "HPA scales something else", "HPA must scale the Deployment", docs -> ((ObjectNode) one(docs, "HorizontalPodAutoscaler").at("/spec/scaleTargetRef"))
                .put("name", "other"), all);
        kube(tests, "2 database instances", "3 instances", docs -> cluster(docs).put("instances", 2), all);
        kube(tests, "no synchronous replication", "synchronous standby", docs -> ((ObjectNode) cluster(docs).at("/postgresql")).remove("synchronous"), all);
        kube(tests, "0 synchronous standbys", "synchronous standby", docs -> synchronous(docs).put("number", 0), all);
        kube(tests, "preferred durability", "dataDurability", docs -> synchronous(docs).put("dataDurability", "preferred"), all);
        kube(tests, "synchronous_commit local", "synchronous_commit", docs -> ((ObjectNode) cluster(docs).at("/postgresql/parameters"))
                .put("synchronous_commit", "local"), all);
        kube(tests, "PostgreSQL image not pinned", "pinned PostgreSQL 15", docs -> cluster(docs).put("imageName", "ghcr.io/cloudnative-pg/postgresql:latest"), all);
        kube(tests, "writes to the read-only service", "read-write service", docs -> config(docs).put("QUARKUS_DATASOURCE_JDBC_URL",
                "jdbc:postgresql://ledger-db-ro:5432/app?currentSchema=ledger"), all);
        kube(tests, "more pods than connections", "max_connections", docs -> ((ObjectNode) one(docs, "HorizontalPodAutoscaler").at("/spec"))
                .put("maxReplicas", 20), all);
        kube(tests, "forwarded addresses from anyone", "TRUSTED_PROXIES", docs -> config(docs).remove("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES"), all);
        kube(tests, "no forwarded addresses", "PROXY_ADDRESS_FORWARDING", docs -> config(docs).remove("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING"), all);
        kube(tests, "an unknown LEDGER_ key", "not a configuration key the service knows", docs -> config(docs).put("LEDGER_RATE_LIMIT_PER_HOUR", "1"), all);
        kube(tests, "a key of no known prefix", "not a QUARKUS_* or LEDGER_* key", docs -> config(docs).put("JAVA_TOOL_OPTIONS", "-Xmx1g"), all);
        kube(tests, "a Secret in the build", "created out of band", docs -> docs.add(Manifests.documents(Manifests.BASE.resolve("secret.example.yaml")).get(0)), all);
        kube(tests, "a secret without template", "no template", docs -> ((ObjectNode) container(docs).at("/env/0/valueFrom/secretKeyRef"))
                .put("name", "db-credentials"), all);

        JsonNode template = Manifests.document(Manifests.BASE.resolve("secret.example.yaml"));
        tests.add(breaks("a real-looking admin token in the template", "looks like a real value", () -> {
            ObjectNode t = template.deepCopy();
            ((ObjectNode) t.path("stringData")).put("LEDGER_ADMIN_TOKEN", "q8Zt3vW9xLm2Rk7Pd4Yh");
            SecretChecks.secretTemplate(t);
        }));

        String dockerfile = Manifests.read(Manifests.DOCKERFILE);
        text(tests, "USER root", "must be numeric", dockerfile, s -> s.replace("USER 185", "USER root"), DockerfileChecks::dockerfile);
        text(tests, "USER 0", "must not run as root", dockerfile, s -> s.replace("USER 185", "USER 0"), DockerfileChecks::dockerfile);
        text(tests, "no USER", "must set a USER", dockerfile, s -> s.replaceFirst("(?m)^USER .*$", ""), DockerfileChecks::dockerfile);
        text(tests, "base image :latest", "must be pinned", dockerfile, s -> s.replaceFirst("(?m)^ARG BASE_IMAGE=(\\S+):\\S+", "ARG BASE_IMAGE=$1:latest"), DockerfileChecks::dockerfile);
        text(tests, "a fixed base image", "ARG BASE_IMAGE", dockerfile, s -> s.replace("FROM ${BASE_IMAGE}", "FROM docker.io/library/eclipse-temurin:17-jre"), DockerfileChecks::dockerfile);
        text(tests, "no default base", "needs a default", dockerfile, s -> s.replaceFirst("(?m)^ARG BASE_IMAGE=\\S+", "ARG BASE_IMAGE"), DockerfileChecks::dockerfile);
        text(tests, "run-java.sh", "must run java itself", dockerfile, s -> s.replaceFirst("(?s)ENTRYPOINT \\[.*?\\]", "ENTRYPOINT [ \"/opt/jboss/container/java/run/run-java.sh\" ]"), DockerfileChecks::dockerfile);
        text(tests, "a shell-form ENTRYPOINT", "exec form", dockerfile, s -> s.replaceFirst("(?s)ENTRYPOINT \\[.*?\\]", "ENTRYPOINT java -jar /deployments/quarkus-run.jar"), DockerfileChecks::dockerfile);
        text(tests, "no MaxRAMPercentage", "MaxRAMPercentage", dockerfile, s -> s.replace("\"-XX:MaxRAMPercentage=75.0\",", ""), DockerfileChecks::dockerfile);
        text(tests, "lib/ not copied", "must copy target/quarkus-app/lib/", dockerfile, s -> s.replaceFirst("(?m)^COPY .*quarkus-app/lib/.*$", ""), DockerfileChecks::dockerfile);
        text(tests, "a HEALTHCHECK", "no HEALTHCHECK", dockerfile, s -> s + "\nHEALTHCHECK CMD curl -f http://localhost:8080/q/health\n", DockerfileChecks::dockerfile);
        text(tests, "no ExitOnOutOfMemoryError", "OutOfMemoryError", dockerfile, s -> s.replace("\"-XX:+ExitOnOutOfMemoryError\",", ""), DockerfileChecks::dockerfile);
        text(tests, ".dockerignore lets everything in", "excluding everything", Manifests.read(Manifests.ROOT.resolve(".dockerignore")),
                s -> s.replaceFirst("(?m)^\\*$", "src/"), DockerfileChecks::dockerignore);

        JsonNode compose = Manifests.document(Manifests.COMPOSE);
        composeCase(tests, "no healthcheck", "pg_isready", compose, c -> ((ObjectNode) c.at("/services/db")).remove("healthcheck"));
        composeCase(tests, "starts before the database is healthy", "healthy", compose,
                c -> ((ObjectNode) c.at("/services/ledger/depends_on/db")).put("condition", "service_started"));
        composeCase(tests, "a password in the file", "looks like a real value", compose,
                c -> ((ObjectNode) c.at("/services/db/environment")).put("POSTGRES_PASSWORD", "hunter2hunter2"));
        composeCase(tests, "a default admin token", "looks like a real value", compose,
                c -> ((ObjectNode) c.at("/services/ledger/environment")).put("LEDGER_ADMIN_TOKEN", "${LEDGER_ADMIN_TOKEN:-admin}"));
        composeCase(tests, "an unknown key", "not a configuration key the service knows", compose,
                c -> ((ObjectNode) c.at("/services/ledger/environment")).put("LEDGER_ADMIN_PASSWORD", "${X:?}"));
        composeCase(tests, "an unpinned database", "pinned 15.x", compose, c -> ((ObjectNode) c.at("/services/db")).put("image", "postgres:15"));
        return tests.stream();
    }

    private static void kube(List<DynamicTest> tests, String name, String expected, Consumer<List<JsonNode>> breakIt, Consumer<List<JsonNode>> check) {
        tests.add(breaks(name, expected, () -> {
            List<JsonNode> docs = Manifests.copy(Manifests.base());
            breakIt.accept(docs);
            check.accept(docs);
        }));
    }

    private static void text(List<DynamicTest> tests, String name, String expected, String original, UnaryOperator<String> breakIt, Consumer<String> check) {
        tests.add(breaks(name, expected, () -> {
            String broken = breakIt.apply(original);
            assertFalse(broken.equals(original), "the mutation changed nothing");
            check.accept(broken);
        }));
    }

    private static void composeCase(List<DynamicTest> tests, String name, String expected, JsonNode compose, Consumer<JsonNode> breakIt) {
        tests.add(breaks("compose: " + name, expected, () -> {
            JsonNode c = compose.deepCopy();
            breakIt.accept(c);
            ComposeChecks.compose(c, Manifests.DEPLOY, KNOWN);
        }));
    }

    /** The broken manifest fails the checks, and for the reason expected (not some other). */
    private static DynamicTest breaks(String name, String expected, Runnable brokenCheck) {
        return dynamicTest(name, () -> {
            AssertionError e = assertThrows(AssertionError.class, brokenCheck::run, "the checks did not notice: " + name);
            assertTrue(String.valueOf(e.getMessage()).contains(expected),
                    name + ": expected a failure about \"" + expected + "\", got: " + e.getMessage());
        });
    }

    private static ObjectNode one(List<JsonNode> docs, String kind) {
        return (ObjectNode) Manifests.all(docs, kind).get(0);
    }

    private static ObjectNode deploymentSpec(List<JsonNode> docs) {
        return (ObjectNode) one(docs, "Deployment").path("spec");
    }

    private static ObjectNode podSpec(List<JsonNode> docs) {
        return (ObjectNode) deploymentSpec(docs).at("/template/spec");
    }

    private static ObjectNode container(List<JsonNode> docs) {
        return (ObjectNode) ((ArrayNode) podSpec(docs).path("containers")).get(0);
    }

    private static ObjectNode probe(List<JsonNode> docs, String probe) {
        return (ObjectNode) container(docs).path(probe).path("httpGet");
    }

    private static ObjectNode cluster(List<JsonNode> docs) {
        return (ObjectNode) one(docs, "Cluster").path("spec");
    }

    private static ObjectNode synchronous(List<JsonNode> docs) {
        return (ObjectNode) cluster(docs).at("/postgresql/synchronous");
    }

    private static ObjectNode config(List<JsonNode> docs) {
        return (ObjectNode) one(docs, "ConfigMap").path("data");
    }
}
