package dev.tidemark.it;

import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster that asks every user but {@code postgres} for a password, for the
 * scenarios that test credentials: a stock server trusts local connections, and a test of a wrong
 * password proves nothing there. Made with {@code initdb} and {@code pg_ctl} of the local
 * installation (as the {@code postgres} operating-system user through {@code runuser} when the build
 * runs as root, since both refuse root), in a folder of the scenario, on the first free port of
 * {@code TIDEMARK_IT_PORTS} (default {@value #DEFAULT_PORTS}); {@link #stop} removes it, and so does
 * the end of the build if a script failed before. Nothing is left on any other server.
 */
public final class PasswordServer {

    /** The ports tried, {@code first-last}, unless {@code TIDEMARK_IT_PORTS} says otherwise. */
    public static final String DEFAULT_PORTS = "25440-25449";

    /** When set to {@code true}, a machine without the tools fails the scenario instead of skipping it. */
    public static final String REQUIRED = "TIDEMARK_IT_REQUIRE_PASSWORD_SERVER";

    private static final String OS_USER = "postgres";
    private static final String HBA = "# Written by the Tidemark integration tests.\n"
            + "host all postgres 127.0.0.1/32 trust\n"
            + "host all all 127.0.0.1/32 scram-sha-256\n";

    private final Path dataDirectory;
    private final int port;

    private PasswordServer(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    /**
     * Why no such server can be made on this machine, or null when one can: for a selector script,
     * which skips the scenario with this reason, unless {@value #REQUIRED} is {@code true}.
     */
    public static String unavailableReason() {
        String reason = reasonUnavailable();
        if (reason != null && "true".equalsIgnoreCase(System.getenv(REQUIRED))) {
            throw new IllegalStateException(reason + ", and " + REQUIRED + " is true");
        }
        return reason;
    }

    /**
     * For a selector script: whether the scenario can run; when not, prints one line saying why to
     * the build's console (Invoker sends a script's own output to the scenario's build.log, where
     * nobody would see it), and the scenario is skipped.
     */
    public static boolean availableFor(String scenario) {
        String reason = unavailableReason();
        if (reason == null) {
            return true;
        }
        PrintStream console = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        console.println("[WARNING] Skipping " + scenario + ": " + reason + ".");
        return false;
    }

    private static String reasonUnavailable() {
        if (binDirectory() == null) {
            return "no PostgreSQL server installation (initdb and pg_ctl) was found to start a cluster that asks"
                    + " for passwords; install the postgresql package, or set TIDEMARK_PG_BIN to its bin folder";
        }
        if (isRoot()
                && !Files.isExecutable(Path.of("/usr/sbin/runuser"))
                && !Files.isExecutable(Path.of("/sbin/runuser"))) {
            return "the build runs as root, and initdb refuses root, but runuser is missing";
        }
        if (isRoot()) {
            try {
                owner();
            } catch (IOException e) {
                return "the build runs as root, and initdb refuses root, but there is no operating-system user '"
                        + OS_USER + "' to run it as";
            }
        }
        return null;
    }

    /** Makes and starts a cluster in {@code dataDirectory}, which must not exist yet. */
    public static PasswordServer start(Path dataDirectory) throws IOException, InterruptedException {
        String reason = unavailableReason();
        if (reason != null) {
            throw new IllegalStateException(reason);
        }
        Path bin = binDirectory();
        Files.createDirectories(dataDirectory);
        if (isRoot()) {
            Files.setOwner(dataDirectory, owner());
        }
        run(List.of(
                bin.resolve("initdb").toString(),
                "--pgdata=" + dataDirectory,
                "--username=" + OS_USER,
                "--auth=trust",
                "--encoding=UTF8",
                "--no-locale",
                "--no-sync"));
        Files.writeString(dataDirectory.resolve("pg_hba.conf"), HBA, StandardCharsets.UTF_8);
        IOException lastFailure = null;
        for (int port : ports()) {
            if (!free(port)) {
                continue;
            }
            try {
                run(List.of(
                        bin.resolve("pg_ctl").toString(),
                        "--pgdata=" + dataDirectory,
                        "--log=" + dataDirectory.resolve("server.log"),
                        "--wait",
                        "--timeout=60",
                        "-o",
                        "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off",
                        "start"));
            } catch (IOException e) {
                // Another process took the port between the check and the start: try the next.
                lastFailure = e;
                continue;
            }
            PasswordServer server = new PasswordServer(dataDirectory, port);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stopQuietly, "tidemark-it-password-server"));
            return server;
        }
        delete(dataDirectory);
        throw new IOException("no port of " + portRange() + " (TIDEMARK_IT_PORTS) was free for a cluster", lastFailure);
    }

    /** The server's maintenance database as the superuser, who needs no password. */
    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=" + OS_USER;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Stops the cluster in {@code dataDirectory} and deletes it; does nothing when it is gone. */
    public static void stop(Path dataDirectory) throws IOException, InterruptedException {
        if (!Files.isDirectory(dataDirectory)) {
            return;
        }
        if (Files.exists(dataDirectory.resolve("postmaster.pid"))) {
            run(List.of(
                    binDirectory().resolve("pg_ctl").toString(),
                    "--pgdata=" + dataDirectory,
                    "--mode=immediate",
                    "--wait",
                    "stop"));
        }
        delete(dataDirectory);
    }

    private void stopQuietly() {
        try {
            stop(dataDirectory);
        } catch (IOException | InterruptedException | RuntimeException | LinkageError e) {
            // The build is ending and has no one to tell; the folder is under target/.
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", OS_USER, "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full)
                .redirectErrorStream(true)
                .directory(new File(System.getProperty("java.io.tmpdir")))
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", full) + " did not finish in 120 s");
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", full) + " exited with " + process.exitValue() + ":\n" + output);
        }
    }

    /** The folder of initdb and pg_ctl: TIDEMARK_PG_BIN, else the newest under /usr/lib/postgresql, else PATH. */
    static Path binDirectory() {
        String configured = System.getenv("TIDEMARK_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            Path bin = Path.of(configured);
            return hasTools(bin) ? bin : null;
        }
        Path installations = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(installations)) {
            try (Stream<Path> versions = Files.list(installations)) {
                Path newest = versions.map(version -> version.resolve("bin"))
                        .filter(PasswordServer::hasTools)
                        .max(Comparator.comparing(PasswordServer::majorVersion))
                        .orElse(null);
                if (newest != null) {
                    return newest;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(File.pathSeparator)) {
                if (!entry.isEmpty() && hasTools(Path.of(entry))) {
                    return Path.of(entry);
                }
            }
        }
        return null;
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean hasTools(Path bin) {
        return Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"));
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static UserPrincipal owner() throws IOException {
        return Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(OS_USER);
    }

    private static String portRange() {
        String range = System.getenv("TIDEMARK_IT_PORTS");
        return range == null || range.isBlank() ? DEFAULT_PORTS : range.trim();
    }

    private static List<Integer> ports() {
        String[] bounds = portRange().split("-");
        int first = Integer.parseInt(bounds[0].trim());
        int last = bounds.length > 1 ? Integer.parseInt(bounds[1].trim()) : first;
        List<Integer> ports = new ArrayList<>();
        for (int port = first; port <= last; port++) {
            ports.add(port);
        }
        return ports;
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    @Override
    public String toString() {
        return "PasswordServer[" + dataDirectory + ", port " + port + "]";
    }
}
