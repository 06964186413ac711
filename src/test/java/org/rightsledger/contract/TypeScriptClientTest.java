package org.rightsledger.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The contract makes a good TypeScript client: openapi-typescript generates the types from
 * openapi/openapi.yaml, and clients/typescript/src/mirror.ts (paging the feed with
 * {@code {after: data.next}}, narrowing the entry kinds, typed filters) must pass {@code tsc --strict}.
 * Versions are pinned in clients/typescript/package.json and package-lock.json. Skipped, saying so,
 * where Node.js is not installed.
 */
class TypeScriptClientTest {

    private static final Path CLIENT = Path.of("clients/typescript");

    @Test
    void theGeneratedTypeScriptClientTypeChecksUnderStrict() throws Exception {
        assumeTrue(onPath("node") && onPath("npm"), "SKIPPED: Node.js (node, npm) is not installed, so the TypeScript"
                + " client generated from the contract was not type-checked");
        if (!Files.isDirectory(CLIENT.resolve("node_modules/openapi-typescript"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund"), 600);
        }
        run(List.of("npm", "run", "--silent", "check"), 300);
    }

    private static void run(List<String> command, long seconds) throws Exception {
        File log = File.createTempFile("npm", ".log");
        try {
            Process npm = new ProcessBuilder(command).directory(CLIENT.toFile()).redirectErrorStream(true)
                    .redirectOutput(log).start();
            if (!npm.waitFor(seconds, TimeUnit.SECONDS)) {
                npm.destroyForcibly().waitFor();
            }
            assertEquals(0, npm.exitValue(), String.join(" ", command) + " in " + CLIENT + ":\n" + Files.readString(log.toPath()));
        } finally {
            log.delete();
        }
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
