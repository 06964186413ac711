package org.rightsledger.proof;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Go's own signed-note and transparency-log code (golang.org/x/mod/sumdb/note and sumdb/tlog)
 * as a second opinion: src/test/go/tlogcheck, built offline in GOPATH mode from Debian's
 * golang-go and golang-golang-x-mod-dev. Tests that need it are skipped, saying so, where Go is
 * missing (.ci/run installs both).
 */
final class GoTlog {

    static final Path GOPATH = Path.of("/usr/share/gocode");
    private static final Path BINARY = Path.of("target", "go", "tlogcheck");
    private static volatile Boolean built;

    private GoTlog() {
    }

    record Result(int exit, String out) {
    }

    /** Builds the checker once, or skips the calling test when Go or x/mod is not installed. */
    static synchronized void require() {
        if (built == null) {
            built = build();
        }
        assumeTrue(built, "skipped: Go (golang-go) or golang.org/x/mod (golang-golang-x-mod-dev) is not installed");
    }

    static Result run(String stdin, String... args) throws IOException, InterruptedException {
        require();
        List<String> command = new ArrayList<>(List.of(BINARY.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("tlogcheck did not finish");
        }
        return new Result(process.exitValue(), out);
    }

    private static boolean build() {
        String go = onPath("go");
        if (go == null || !Files.isDirectory(GOPATH.resolve("src/golang.org/x/mod/sumdb/note"))) {
            System.out.println("GoTlog: go or golang.org/x/mod not found; tests against Go's implementation are skipped");
            return false;
        }
        try {
            Files.createDirectories(BINARY.getParent());
            ProcessBuilder builder = new ProcessBuilder(go, "build", "-o", BINARY.toAbsolutePath().toString(),
                    "./src/test/go/tlogcheck").redirectErrorStream(true);
            builder.environment().put("GO111MODULE", "off");
            builder.environment().put("GOPATH", GOPATH.toString());
            builder.environment().put("GOFLAGS", "");
            builder.environment().put("GOPROXY", "off");
            builder.environment().put("GOCACHE", Path.of("target", "go", "cache").toAbsolutePath().toString());
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("building src/test/go/tlogcheck failed: " + out);
            }
            return true;
        } catch (IOException e) {
            throw new IllegalStateException("building src/test/go/tlogcheck failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File candidate = new File(dir, name);
            if (candidate.canExecute()) {
                return candidate.getAbsolutePath();
            }
        }
        File debian = new File("/usr/lib/go/bin/" + name);
        return debian.canExecute() ? debian.getAbsolutePath() : null;
    }
}
