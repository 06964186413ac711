package org.rightsledger.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster of the tests' own, which they may stop and start (the machine's
 * cluster on 5432 serves other checkouts and must never be stopped). It lives in
 * /tmp/rights-ledger-pg-PORT (initdb refuses root, so as root it runs as user postgres, which
 * must be able to write there), listens on localhost only, PORT = 5439 + LEDGER_TEST_PORT_OFFSET / 100
 * so that checkouts testing side by side do not collide, and is deleted by {@link #close()}.
 */
public final class PrivatePostgres implements AutoCloseable {

    public final int port;
    private final Path dir;
    private final Path data;
    private final String bin;
    private final Thread cleanup = new Thread(this::destroy, "private-postgres-cleanup");

    private PrivatePostgres(int port) throws Exception {
        this.port = port;
        this.dir = Path.of(System.getProperty("java.io.tmpdir"), "rights-ledger-pg-" + port);
        this.data = dir.resolve("data");
        this.bin = binDir();
    }

    /** initdb and start a new cluster (after removing what a crashed earlier run may have left). */
    public static PrivatePostgres create() throws Exception {
        int port = 5439 + Integer.parseInt(System.getenv().getOrDefault("LEDGER_TEST_PORT_OFFSET", "0")) / 100;
        PrivatePostgres pg = new PrivatePostgres(port);
        pg.destroy();
        Files.createDirectories(pg.dir);
        if (root()) {
            run("chown", "postgres", pg.dir.toString());
        }
        try (ServerSocket probe = new ServerSocket(port)) {
            probe.setReuseAddress(true);
        } catch (IOException taken) {
            throw new IllegalStateException("port " + port + " for the private PostgreSQL cluster is taken", taken);
        }
        pg.pg("initdb", "-D", pg.data.toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync");
        Runtime.getRuntime().addShutdownHook(pg.cleanup);
        pg.start();
        return pg;
    }

    public String jdbcUrl(String schema) {
        return "jdbc:postgresql://localhost:" + port + "/postgres?currentSchema=" + schema;
    }

    public void start() throws Exception {
        pg("pg_ctl", "-D", data.toString(), "-l", dir.resolve("server.log").toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -c listen_addresses=localhost -c unix_socket_directories=" + dir
                        + " -c fsync=on",
                "start");
    }

    /** {@code pg_ctl stop -m <mode>}: {@code fast} (sessions ended cleanly) or {@code immediate} (as a crash). */
    public void stop(String mode) throws Exception {
        pg("pg_ctl", "-D", data.toString(), "-m", mode, "-w", "-t", "60", "stop");
    }

    private void destroy() {
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                pg("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
            }
        } catch (Exception e) {
            // not running
        }
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() {
        destroy();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running
        }
    }

    /** A PostgreSQL program, as user postgres when we are root (initdb and postgres refuse root). */
    private void pg(String program, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        if (root()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin + "/" + program);
        command.addAll(List.of(args));
        run(command.toArray(String[]::new));
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static String binDir() throws Exception {
        Process process = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
        String dir = new String(process.getInputStream().readAllBytes()).strip();
        if (process.waitFor() == 0 && Files.isExecutable(Path.of(dir, "pg_ctl"))) {
            return dir;
        }
        return "/usr/lib/postgresql/15/bin";
    }
}
