package dev.tidemark.testing;

import dev.tidemark.testsupport.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL cluster of a test's own, on a port of its own, made with {@code initdb} and run
 * with {@code pg_ctl} (as the {@code postgres} OS user when the tests run as root), so that a test
 * may crash it, stop it and start it again without disturbing anything else. Where that cannot be
 * done (no PostgreSQL binaries, root without runuser), {@link #start} skips the test with the
 * reason, printed once on one line.
 */
public final class ThrowawayCluster implements AutoCloseable {

    private static volatile boolean skipReported;

    private final Path bin;
    private final Path directory;
    private final int port;

    private ThrowawayCluster(Path bin, Path directory, int port) {
        this.bin = bin;
        this.directory = directory;
        this.port = port;
    }

    /** Makes a new cluster and starts it on 127.0.0.1:{@code port}. */
    public static ThrowawayCluster start(int port) throws IOException, InterruptedException {
        Path bin = binaries();
        String why = bin == null ? "no initdb and pg_ctl under /usr/lib/postgresql" : ServiceUser.unavailable();
        if (why != null) {
            if (!skipReported) {
                skipReported = true;
                System.out.println("[fault-injection] skipped: cannot start a throwaway PostgreSQL cluster: " + why);
            }
            Assumptions.abort("cannot start a throwaway PostgreSQL cluster: " + why);
        }
        Path directory = ServiceUser.directory("tidemark-cluster-" + port);
        ThrowawayCluster cluster = new ThrowawayCluster(bin, directory, port);
        ServiceUser.run(List.of(
                bin.resolve("initdb").toString(),
                "-D",
                cluster.data().toString(),
                "-U",
                "postgres",
                "--auth=trust",
                "--no-sync",
                "-E",
                "UTF8",
                "--locale=C"));
        cluster.start();
        return cluster;
    }

    /** The newest PostgreSQL's bin directory, or null. */
    private static Path binaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (var versions = Files.list(root)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin ->
                            Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
                    .max((a, b) -> Integer.compare(major(a), major(b)))
                    .orElse(null);
        }
    }

    private static int major(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private Path data() {
        return directory.resolve("data");
    }

    /** Starts the stopped cluster (after a crash, PostgreSQL recovers from its WAL first). */
    public void start() throws IOException, InterruptedException {
        ServiceUser.run(List.of(
                bin.resolve("pg_ctl").toString(),
                "-D",
                data().toString(),
                "-l",
                directory.resolve("server.log").toString(),
                "-w",
                "-t",
                "60",
                "-o",
                "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + directory
                        + " -c fsync=off -c max_connections=60 -c shared_buffers=16MB",
                "start"));
    }

    /** Stops the cluster cleanly. */
    public void stop() throws IOException, InterruptedException {
        pgCtlStop("fast");
    }

    /**
     * Crashes the cluster: {@code pg_ctl stop -m immediate} ends every server process at once,
     * without a checkpoint, as a power cut would end the server (but not the OS's file cache).
     */
    public void crash() throws IOException, InterruptedException {
        pgCtlStop("immediate");
    }

    private void pgCtlStop(String mode) throws IOException, InterruptedException {
        ServiceUser.run(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", mode, "-w", "stop"));
    }

    /** The port the cluster listens on. */
    public int port() {
        return port;
    }

    /** A JDBC URL for {@code database} on this cluster. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    /** A new database with a random name, as {@link PostgresExtension} makes on the shared server. */
    public TestDatabase createDatabase() throws SQLException {
        String name = TestServer.uniqueName("fault_");
        return new TestDatabase(name, TestServer.createDatabase(url("postgres"), name, ""));
    }

    /** The server's log so far, for a failing test's message. */
    public String log() {
        try {
            return Files.readString(directory.resolve("server.log"));
        } catch (IOException e) {
            return "";
        }
    }

    /** Stops the cluster at once and deletes it. */
    @Override
    public void close() {
        try {
            crash();
        } catch (IOException | InterruptedException e) {
            // Already stopped.
        }
        ServiceUser.delete(directory);
    }
}
