package org.rightsledger.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.rightsledger.deploy.DeploymentChecks.*;
import static org.rightsledger.deploy.SecretChecks.*;
import static org.rightsledger.deploy.ComposeChecks.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
/** What the Dockerfile and .dockerignore must satisfy (split out of DeploymentChecks). */
final class DockerfileChecks {

    private DockerfileChecks() {
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
}
