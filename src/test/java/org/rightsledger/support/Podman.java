package org.rightsledger.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * podman as this machine kind needs it (docs/container-image.md): runc with cgroupfs when runc is
 * installed (crun and the systemd cgroup manager fail on hybrid-cgroup kernels), and ulimits no higher
 * than the machine's own hard limits.
 */
public final class Podman {

    private Podman() {
    }

    public static boolean installed() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "podman"))) {
                return true;
            }
        }
        return false;
    }

    static boolean runc() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "runc"))) {
                return true;
            }
        }
        return false;
    }

    /** podman with the global options; then the arguments. */
    public static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of("podman"));
        if (runc()) {
            command.addAll(List.of("--runtime", "runc", "--cgroup-manager=cgroupfs"));
        }
        command.addAll(List.of(args));
        return command;
    }

    /** --ulimit options at the machine's hard limits (podman's defaults may be above them). */
    public static List<String> ulimits() throws IOException, InterruptedException {
        String[] limits = run(List.of("bash", "-c", "ulimit -Hn; ulimit -Hu"), 10).output.strip().split("\\s+");
        List<String> options = new ArrayList<>(List.of("--ulimit", "nofile=" + limits[0] + ":" + limits[0]));
        if (!limits[1].equals("unlimited")) {
            long nproc = Math.min(Long.parseLong(limits[1]) / 2, 4096);
            options.addAll(List.of("--ulimit", "nproc=" + nproc + ":" + nproc));
        }
        return options;
    }

    public record Result(int exitCode, String output) {
        public Result orFail(String what) {
            if (exitCode != 0) {
                throw new AssertionError(what + " failed (exit " + exitCode + "):\n" + output);
            }
            return this;
        }
    }

    public static Result podman(long timeoutSeconds, String... args) throws IOException, InterruptedException {
        return run(command(args), timeoutSeconds);
    }

    public static Result run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Path output = Files.createTempFile("podman", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s:\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
