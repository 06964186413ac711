package org.rightsledger.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Reading what deploy/ holds: YAML documents, kustomizations, env files, and the config keys the service knows. */
final class Manifests {

    static final Path ROOT = Path.of("").toAbsolutePath();
    static final Path DEPLOY = ROOT.resolve("deploy");
    static final Path KUBERNETES = DEPLOY.resolve("kubernetes");
    static final Path BASE = KUBERNETES.resolve("base");
    static final Path DOCKERFILE = ROOT.resolve("src/main/docker/Dockerfile.jvm");
    static final Path COMPOSE = DEPLOY.resolve("compose.yaml");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /**
     * Standard Quarkus keys the deployment sets that neither application.properties nor docs/operations.md's
     * configuration table name. DeploymentConfigIT starts the packaged service with each of them and
     * fails on Quarkus' "Unrecognized configuration key" warning, so a typo here cannot hide.
     */
    static final Map<String, String> EXTRA_QUARKUS_KEYS = Map.of(
            "quarkus.shutdown.timeout", "graceful shutdown after SIGTERM",
            "quarkus.http.proxy.proxy-address-forwarding", "client address from the load balancer (rate limits)",
            "quarkus.http.proxy.allow-x-forwarded", "ingress controllers send X-Forwarded-For",
            "quarkus.http.proxy.trusted-proxies", "only the ingress may set forwarded headers",
            "quarkus.datasource.jdbc.acquisition-timeout", "fail fast when the pool is exhausted");

    private Manifests() {
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of a (multi-document) YAML file; empty documents are left out. */
    static List<JsonNode> documents(Path file) {
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            List<JsonNode> out = new ArrayList<>();
            while (docs.hasNextValue()) {
                JsonNode doc = docs.nextValue();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    out.add(doc);
                }
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError(ROOT.relativize(file) + " is not valid YAML: " + e.getMessage(), e);
        }
    }

    static JsonNode document(Path file) {
        List<JsonNode> docs = documents(file);
        assertEquals(1, docs.size(), ROOT.relativize(file) + " should hold one document");
        return docs.get(0);
    }

    static List<Path> yamlFiles() {
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> kustomizationDirs() {
        return yamlFiles().stream().filter(p -> p.getFileName().toString().equals("kustomization.yaml"))
                .map(Path::getParent).collect(Collectors.toList());
    }

    /** KEY=VALUE lines (docker/kustomize env files); comments and blank lines are skipped. */
    static Map<String, String> envFile(Path file) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : read(file).split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int eq = l.indexOf('=');
            assertTrue(eq > 0, ROOT.relativize(file) + ": not KEY=VALUE: " + l);
            out.put(l.substring(0, eq), l.substring(eq + 1));
        }
        return out;
    }

    /**
     * The base as kustomize would build it, for what the checks need: its resources plus the
     * ConfigMaps of its configMapGenerator (without the hash suffix, which kustomize also puts on
     * the references).
     */
    static List<JsonNode> base() {
        JsonNode kustomization = document(BASE.resolve("kustomization.yaml"));
        List<JsonNode> docs = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            docs.addAll(documents(BASE.resolve(resource.asText())));
        }
        for (JsonNode generator : kustomization.path("configMapGenerator")) {
            ObjectNode configMap = YAML.createObjectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
            configMap.putObject("metadata").put("name", generator.path("name").asText());
            ObjectNode data = configMap.putObject("data");
            for (JsonNode env : generator.path("envs")) {
                envFile(BASE.resolve(env.asText())).forEach(data::put);
            }
            for (JsonNode literal : generator.path("literals")) {
                String l = literal.asText();
                data.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1));
            }
            docs.add(configMap);
        }
        return docs;
    }

    /** `kustomize build` or `kubectl kustomize`, when either is on the PATH. */
    static Optional<List<String>> kustomize() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "kustomize"))) {
                return Optional.of(List.of(Path.of(dir, "kustomize").toString(), "build"));
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "kubectl"))) {
                return Optional.of(List.of(Path.of(dir, "kubectl").toString(), "kustomize"));
            }
        }
        return Optional.empty();
    }

    static List<JsonNode> render(List<String> kustomize, Path dir) throws Exception {
        List<String> command = new ArrayList<>(kustomize);
        command.add(dir.toString());
        Path out = Files.createTempFile("kustomize", ".yaml");
        Path err = Files.createTempFile("kustomize", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(String.join(" ", command) + " did not finish in 2 minutes");
            }
            assertEquals(0, p.exitValue(), String.join(" ", command) + " failed: " + read(err));
            return documents(out);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Quarkus' environment-variable form of a property name. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /**
     * The configuration keys the service knows, environment form to property name: the
     * {@code @ConfigProperty} names in src/main/java, the keys of application.properties, docs/operations.md's
     * configuration table, and {@link #EXTRA_QUARKUS_KEYS}.
     */
    static Map<String, String> knownConfigKeys() {
        Map<String, String> known = new LinkedHashMap<>();
        Pattern configProperty = Pattern.compile("@ConfigProperty\\(\\s*name\\s*=\\s*\"([^\"]+)\"");
        try (Stream<Path> sources = Files.walk(ROOT.resolve("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList())) {
                Matcher m = configProperty.matcher(read(source));
                while (m.find()) {
                    known.put(envName(m.group(1)), m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String line : read(ROOT.resolve("src/main/resources/application.properties")).split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#") || !l.contains("=")) {
                continue;
            }
            String key = l.substring(0, l.indexOf('=')).strip();
            if (key.startsWith("%")) {
                key = key.substring(key.indexOf('.') + 1);
            }
            known.put(envName(key), key);
        }
        Matcher row = Pattern.compile("(?m)^\\|\\s*`([^`]+)`\\s*\\|\\s*`([A-Z0-9_]+)`\\s*\\|").matcher(read(ROOT.resolve("docs/operations.md")));
        while (row.find()) {
            known.put(row.group(2), row.group(1));
        }
        EXTRA_QUARKUS_KEYS.keySet().forEach(k -> known.put(envName(k), k));
        return known;
    }

    /** A Quarkus duration: seconds as a bare number, 10s / 500ms / 2m, or ISO-8601 (PT10S). */
    static Duration quarkusDuration(String value) {
        String v = value.strip();
        if (v.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        Matcher m = Pattern.compile("(?i)(\\d+)(ms|s|m|h|d)").matcher(v);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "ms": return Duration.ofMillis(n);
                case "s": return Duration.ofSeconds(n);
                case "m": return Duration.ofMinutes(n);
                case "h": return Duration.ofHours(n);
                default: return Duration.ofDays(n);
            }
        }
        return Duration.parse(v.toUpperCase(Locale.ROOT));
    }

    /** The one document of a kind (and name, when given) in a set of manifests. */
    static JsonNode one(List<JsonNode> docs, String kind, String name) {
        List<JsonNode> found = docs.stream()
                .filter(d -> kind.equals(d.path("kind").asText()))
                .filter(d -> name == null || name.equals(d.path("metadata").path("name").asText()))
                .collect(Collectors.toList());
        assertEquals(1, found.size(), "expected exactly one " + kind + (name == null ? "" : " " + name)
                + ", found " + found.size());
        return found.get(0);
    }

    static List<JsonNode> all(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText())).collect(Collectors.toList());
    }

    /** Deep copies, so that a test can break a manifest without touching the others' view. */
    static List<JsonNode> copy(List<JsonNode> docs) {
        return docs.stream().<JsonNode>map(JsonNode::deepCopy).collect(Collectors.toCollection(ArrayList::new));
    }
}
