package dev.tidemark.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PgBouncer, started by a test on a port of its own in front of the test server: the Debian
 * package's {@code /usr/sbin/pgbouncer}, run as the {@code postgres} OS user when the tests run as
 * root, with {@code auth_type = any} and every database forwarded to the test server as the test
 * server's user. Where PgBouncer is not installed, the test is skipped with the reason.
 */
public final class PgBouncer implements AutoCloseable {

    private static final String PROGRAM = "/usr/sbin/pgbouncer";

    private static volatile boolean skipReported;

    private final Process process;
    private final Path directory;
    private final int port;

    private PgBouncer(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    /**
     * Starts PgBouncer on 127.0.0.1:{@code port} with {@code pool_mode = poolMode} and {@code
     * poolSize} server connections per database, in front of the server of {@code TIDEMARK_TEST_URL},
     * and any further {@code settings} lines of its {@code [pgbouncer]} section.
     */
    public static PgBouncer start(int port, String poolMode, int poolSize, String... settings) throws Exception {
        String why = !Files.isExecutable(Path.of(PROGRAM))
                ? PROGRAM + " is not installed (apt-get install pgbouncer)"
                : ServiceUser.unavailable();
        if (why != null) {
            if (!skipReported) {
                skipReported = true;
                System.out.println("[pgbouncer] pooling-proxy tests skipped: " + why);
            }
            Assumptions.abort("PgBouncer cannot run here: " + why);
        }
        Server server = Server.of(PostgresExtension.serverUrl());
        Path directory = ServiceUser.directory("tidemark-pgbouncer-" + port);
        Path ini = directory.resolve("pgbouncer.ini");
        ServiceUser.write(
                ini,
                String.join(
                        "\n",
                        "[databases]",
                        "* = host=" + server.host() + " port=" + server.port() + " user=" + server.user(),
                        "[pgbouncer]",
                        "listen_addr = 127.0.0.1",
                        "listen_port = " + port,
                        "unix_socket_dir =",
                        "auth_type = any",
                        "pool_mode = " + poolMode,
                        "default_pool_size = " + poolSize,
                        "max_client_conn = 100",
                        // The JDBC driver sends this at start-up; PgBouncer refuses unknown ones.
                        "ignore_startup_parameters = extra_float_digits,options",
                        "logfile = " + directory.resolve("pgbouncer.log"),
                        String.join("\n", settings),
                        ""));
        Process process = new ProcessBuilder(ServiceUser.command(List.of(PROGRAM, ini.toString())))
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("stdout.log").toFile())
                .start();
        PgBouncer bouncer = new PgBouncer(process, directory, port);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return bouncer;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() - deadline > 0) {
                    String log = Files.exists(directory.resolve("stdout.log"))
                            ? Files.readString(directory.resolve("stdout.log"))
                            : "";
                    bouncer.close();
                    throw new IllegalStateException("PgBouncer did not start on port " + port + ":\n" + log);
                }
                Thread.sleep(50);
            }
        }
    }

    /**
     * Makes the pooler open {@code count} server connections to {@code database}, by holding that
     * many transactions open at once, and lets them go back to the pool.
     */
    public void openServers(String database, int count) throws SQLException {
        List<Connection> clients = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                Connection client = DriverManager.getConnection(url(database));
                clients.add(client);
                client.setAutoCommit(false);
                try (Statement statement = client.createStatement()) {
                    statement.execute("SELECT 1");
                }
            }
            for (Connection client : clients) {
                // A client that leaves inside a transaction takes its server connection with it.
                client.commit();
            }
        } finally {
            for (Connection client : clients) {
                client.close();
            }
        }
    }

    /** A JDBC URL for {@code database} through this PgBouncer. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    @Override
    public void close() throws InterruptedException {
        // runuser passes the TERM on; PgBouncer's children are its own.
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        ServiceUser.delete(directory);
    }
}
