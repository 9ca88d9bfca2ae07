package dev.tidemark;

import static dev.tidemark.MigrateTest.threeMigrations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tidemark.testing.NeedsPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Messages for a server that asks for a password: none given versus a wrong one. The shared test
 * server trusts everyone, so these tests start a throwaway cluster of their own (initdb and pg_ctl
 * as the {@code postgres} OS user, on a port of 25450-25459, scram-sha-256 for TCP), stopped and
 * deleted afterwards; where it cannot start, they are skipped with the reason.
 */
@NeedsPostgres
class PasswordPromptTest {

    private static final String ROLE = "tidemark_pw_app";
    private static final String RIGHT = "Right-Password-3vX";
    private static final String WRONG = "Wrong-Password-8qL";
    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

    private static Path directory;
    private static int port;
    private static String unavailable;

    @BeforeAll
    static void startCluster() {
        try {
            port = freePort();
            directory = Files.createTempDirectory("tidemark-password-");
            run("chown", "postgres", directory.toString());
            Path data = directory.resolve("data");
            runAsPostgres(BIN.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "-A", "trust");
            Files.writeString(
                    data.resolve("pg_hba.conf"),
                    "local all all trust\n"
                            + "host all postgres 127.0.0.1/32 trust\n"
                            + "host all all 127.0.0.1/32 scram-sha-256\n",
                    StandardCharsets.UTF_8);
            runAsPostgres(
                    BIN.resolve("pg_ctl").toString(),
                    "-D",
                    data.toString(),
                    "-l",
                    directory.resolve("log").toString(),
                    "-o",
                    "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1",
                    "-w",
                    "-t",
                    "60",
                    "start");
            try (Connection admin = DriverManager.getConnection(url("postgres"), "postgres", null);
                    Statement statement = admin.createStatement()) {
                statement.execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + RIGHT + "'");
            }
        } catch (IOException | SQLException | RuntimeException e) {
            unavailable = "no throwaway PostgreSQL cluster to ask for a password (" + e.getMessage() + ")";
            System.out.println("PasswordPromptTest skipped: " + unavailable);
        }
    }

    @AfterAll
    static void stopCluster() throws IOException {
        if (directory == null) {
            return;
        }
        try {
            runAsPostgres(
                    BIN.resolve("pg_ctl").toString(),
                    "-D",
                    directory.resolve("data").toString(),
                    "-m",
                    "immediate",
                    "stop");
        } catch (RuntimeException e) {
            // Not running: nothing to stop.
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Test
    void noPassword_saysTheServerAskedForOneAndNoneWasGiven() {
        TidemarkException failure = failure(Tidemark.configure().url(url(ROLE)));
        assertThat(failure.code()).isEqualTo(ErrorCode.AUTHENTICATION_FAILED);
        assertThat(failure.getMessage())
                .startsWith("[TM-R011] The database at 127.0.0.1:" + port + ", database postgres asks user " + ROLE
                        + " for a password, but none was given (SQLSTATE 08004: ")
                .endsWith("\nGive the password: the password setting, or user:password in the URL.");
    }

    @Test
    void wrongPassword_saysThePasswordOrUserIsWrong() {
        TidemarkException failure = failure(Tidemark.configure().url(url(ROLE)).password(WRONG));
        assertThat(failure.code()).isEqualTo(ErrorCode.AUTHENTICATION_FAILED);
        assertThat(failure.getMessage())
                .startsWith("[TM-R011] The database at 127.0.0.1:" + port + ", database postgres refused user " + ROLE
                        + " with the password given: the password is wrong, or there is no such user (PostgreSQL does"
                        + " not say which; SQLSTATE 28P01: ")
                .endsWith("\nCheck the user and the password (the settings, or user:password in the URL).")
                .doesNotContain(WRONG)
                .doesNotContain(RIGHT);
    }

    @Test
    void sslTheServerLacks_isNotCalledAMissingPassword() {
        TidemarkException failure =
                failure(Tidemark.configure().url(url(ROLE) + "&sslmode=require").password(RIGHT));
        assertThat(failure.code()).isEqualTo(ErrorCode.AUTHENTICATION_FAILED);
        assertThat(failure.getMessage())
                .startsWith("[TM-R011] The database at 127.0.0.1:" + port + ", database postgres refused the"
                        + " connection of user " + ROLE + " (SQLSTATE 08004: ")
                .endsWith("\nCheck the URL's connection parameters (such as sslmode) and the server's pg_hba.conf.")
                .doesNotContain(RIGHT);
    }

    @Test
    void rightPassword_connects() {
        Assumptions.assumeTrue(unavailable == null, unavailable);
        assertThat(Tidemark.configure()
                        .url(url(ROLE))
                        .password(RIGHT)
                        .manifests(threeMigrations())
                        .load()
                        .info()
                        .migrations())
                .hasSize(3);
    }

    private static TidemarkException failure(Configuration configuration) {
        Assumptions.assumeTrue(unavailable == null, unavailable);
        return catchThrowableOfType(
                TidemarkException.class,
                () -> configuration.manifests(threeMigrations()).load().info());
    }

    private static String url(String user) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=" + user;
    }

    /** The first port of 25450-25459 nothing listens on. */
    private static int freePort() throws IOException {
        for (int candidate = 25450; candidate <= 25459; candidate++) {
            try (ServerSocket socket = new ServerSocket(candidate, 1, InetAddress.getLoopbackAddress())) {
                return candidate;
            } catch (IOException taken) {
                // Try the next one.
            }
        }
        throw new IOException("every port of 25450-25459 is taken");
    }

    private static void runAsPostgres(String... command) {
        List<String> line = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        line.addAll(List.of(command));
        run(line.toArray(String[]::new));
    }

    private static void run(String... command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(command[command.length > 4 ? 4 : 0] + " failed: " + output.strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
