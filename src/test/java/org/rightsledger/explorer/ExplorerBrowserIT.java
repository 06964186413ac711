package org.rightsledger.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rightsledger.support.PackagedService;

/**
 * The explorer in a real browser against the packaged service with the demo data:
 * src/test/explorer/explorer.test.mjs (playwright-core driving Debian's chromium, axe-core)
 * covers every page, the filters, paging, a live entry, the protected person, the verify
 * control with tampered answers, Russian, a 390-px phone and the console. Needs node, npm and
 * /usr/bin/chromium (.ci/run installs it); npm ci runs when node_modules is missing.
 */
class ExplorerBrowserIT {

    private static final String ADMIN = "explorer-it-admin-token";
    private static final File DIR = new File("src/test/explorer");
    private static PackagedService service;

    @BeforeAll
    static void start() throws Exception {
        assertTrue(new File(chromium()).canExecute(),
                chromium() + " is missing: apt-get install -y chromium (.ci/run does), or set CHROMIUM");
        if (!new File(DIR, "node_modules/playwright-core").isDirectory()
                || !new File(DIR, "node_modules/axe-core").isDirectory()) {
            assertEquals(0, run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), 5), "npm ci failed");
        }
        service = PackagedService.start(PackagedService.port(8120), "explorer_it",
                Map.of("LEDGER_DEMO_LOAD", "true", "LEDGER_ADMIN_TOKEN", ADMIN));
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void theCanonicalJsonAndHashesAgreeWithTheRfcAndTheReadme() throws Exception {
        assertEquals(0, run(List.of("node", "jcs.test.mjs"), Map.of(), 1), "jcs.test.mjs failed; see the output above");
    }

    @Test
    void everyPageWorksInARealBrowser() throws Exception {
        int exit = run(List.of("node", "explorer.test.mjs", "http://localhost:" + service.port),
                Map.of("EXPLORER_ADMIN_TOKEN", ADMIN, "CHROMIUM", chromium(),
                        "EXPLORER_SCREENSHOT", new File("target/explorer.png").getAbsolutePath()), 8);
        assertEquals(0, exit, "explorer.test.mjs failed; its output is in target/explorer-browser.log");
    }

    private static String chromium() {
        return System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
    }

    /** Runs a command in src/test/explorer, its output appended to target/explorer-browser.log and echoed. */
    private static int run(List<String> command, Map<String, String> env, int minutes) throws Exception {
        Path log = Path.of("target/explorer-browser.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(DIR).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        long before = Files.exists(log) ? Files.size(log) : 0;
        Process process = builder.start();
        boolean done = process.waitFor(minutes, TimeUnit.MINUTES);
        if (!done) {
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(log);
        System.out.println(output.substring((int) Math.min(before, output.length())));
        return done ? process.exitValue() : -1;
    }
}
