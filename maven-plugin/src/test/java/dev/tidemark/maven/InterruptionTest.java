package dev.tidemark.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.MigrationContext;
import dev.tidemark.Tidemark;
import dev.tidemark.TidemarkException;
import dev.tidemark.spi.MigrationEntry;
import dev.tidemark.spi.MigrationManifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * SIGINT (Ctrl-C) or SIGTERM sent to a real JVM in the middle of a migration: the hook cancels the
 * statement and prints one sentence that the database bears out, and no stack trace; the JVM exits
 * as the signal asks. Needs the PostgreSQL of {@code TIDEMARK_TEST_URL} (tag {@code database}).
 */
@Tag("database")
class InterruptionTest {

    static final String APPLICATION = "tidemark-interruption-test";
    private static final SecureRandom RANDOM = new SecureRandom();

    private String database;

    static String serverUrl() {
        String url = System.getenv("TIDEMARK_TEST_URL");
        return url == null || url.isBlank() ? "jdbc:postgresql://localhost:5432/postgres?user=postgres" : url;
    }

    static String databaseUrl(String name) {
        String url = serverUrl();
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        return base.substring(0, base.lastIndexOf('/') + 1) + name + (query < 0 ? "" : url.substring(query));
    }

    /**
     * The migrating JVM: migrates {@code args[0]}; migration 2 is transactional when {@code args[1]}
     * is true; with {@code repeatable}, the slow one is a repeatable migration instead.
     */
    public static void main(String[] args) {
        Tidemark tidemark = Tidemark.configure()
                .url(args[0])
                .applicationName(APPLICATION)
                .manifests(
                        "repeatable".equals(args[1]) ? repeatableManifest() : manifest(Boolean.parseBoolean(args[1])))
                .load();
        Output output = new Output() {
            @Override
            public void info(String line) {
                System.out.println("[INFO] " + line);
            }

            @Override
            public void warn(String line) {
                System.out.println("[WARNING] " + line);
            }

            @Override
            public void debug(String line) {}
        };
        try {
            new Interruption(tidemark, output, Duration.ofSeconds(20)).run(tidemark::migrate);
        } catch (TidemarkException e) {
            System.out.println("[ERROR] " + e.code().id());
        }
    }

    /** Migration 2's statements, or the repeatable migration's: the second sleeps until cancelled. */
    private static final String SLOW =
            "CREATE TABLE slow (id int); SELECT pg_sleep(600); CREATE TABLE after_sleep (id int)";

    private static final MigrationEntry QUICK = new MigrationEntry(
            "1",
            "quick",
            "test.V1",
            "v1:" + "1".repeat(64),
            true,
            false,
            () -> (MigrationContext db) -> db.execute("CREATE TABLE quick (id int)"));

    static MigrationManifest manifest(boolean transactional) {
        List<MigrationEntry> entries = List.of(
                QUICK,
                new MigrationEntry(
                        "2",
                        "slow",
                        "test.V2",
                        "v1:" + "2".repeat(64),
                        transactional,
                        false,
                        () -> (MigrationContext db) -> db.execute(SLOW)));
        return listing(entries);
    }

    /** Migration 1, then a repeatable migration that sleeps. */
    static MigrationManifest repeatableManifest() {
        return listing(List.of(
                QUICK,
                new MigrationEntry(
                        "",
                        "Slow view",
                        "R__Slow_view.sql",
                        "s1:" + "3".repeat(64),
                        true,
                        false,
                        () -> (MigrationContext db) -> db.execute(SLOW))));
    }

    private static MigrationManifest listing(List<MigrationEntry> entries) {
        return new MigrationManifest() {
            @Override
            public int formatVersion() {
                return FORMAT_VERSION;
            }

            @Override
            public List<MigrationEntry> migrations() {
                return entries;
            }
        };
    }

    @BeforeEach
    void createDatabase() throws SQLException {
        database = "tidemark_test_" + Long.toHexString(RANDOM.nextLong()).toLowerCase(Locale.ROOT);
        execute(serverUrl(), "CREATE DATABASE " + database);
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        execute(serverUrl(), "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    @Test
    void sigintDuringATransactionalMigration_cancelsIt_andSaysItWasRolledBack() throws Exception {
        String output = interruptDuringSleep(true, "INT", 130);

        assertThat(output)
                .contains("[WARNING] Interrupted: migration 2 'slow' was rolled back; the history shows it not"
                        + " applied, and the database at version 1.")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(query("SELECT to_regclass('slow') IS NULL, (SELECT string_agg(version || success, ',' ORDER BY"
                        + " installed_rank) FROM tidemark_history)"))
                .containsExactly("t", "1true");
    }

    @Test
    void sigtermDuringANonTransactionalMigration_recordsWhereItStopped_andSaysSo() throws Exception {
        String output = interruptDuringSleep(false, "TERM", 143);

        assertThat(output)
                .containsPattern("\\[WARNING] Interrupted: migration 2 'slow', which runs outside a transaction,"
                        + " stopped part way; the history records: Migration 2 'slow' \\(test.V2\\) started at \\S+"
                        + " outside a transaction and failed: 1 of at least 3 statements completed. Statement 2"
                        + " failed \\(SQLSTATE 57014: ERROR: canceling statement due to user request\\):"
                        + " SELECT pg_sleep\\(600\\) Resume it with -Dschema.resume=true, or repair it with"
                        + " -Dschema.repairAs=applied or removed.")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(query("SELECT to_regclass('slow') IS NOT NULL, (SELECT state || statements_done FROM"
                        + " tidemark_history WHERE version = '2')"))
                .containsExactly("t", "FAILED1");
    }

    @Test
    void sigintDuringARepeatableMigration_namesItByDescriptionAndFile() throws Exception {
        String output = interruptDuringSleep("repeatable", "INT", 130);

        assertThat(output)
                .contains("[WARNING] Interrupted: repeatable migration 'Slow view' (R__Slow_view.sql) was rolled"
                        + " back; the history shows it pending and the database at version 1. Run schema:migrate"
                        + " again to apply it.")
                .doesNotContain("migration null")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(query("SELECT to_regclass('slow') IS NULL, (SELECT string_agg(coalesce(version, '-') || success,"
                        + " ',' ORDER BY installed_rank) FROM tidemark_history)"))
                .containsExactly("t", "1true");
    }

    /** Sends {@code signal} (with kill, as Ctrl-C or a service manager would) once migration 2 sleeps. */
    private String interruptDuringSleep(boolean transactional, String signal, int exitValue) throws Exception {
        return interruptDuringSleep(String.valueOf(transactional), signal, exitValue);
    }

    /** As above, with the child's second argument ({@code true}, {@code false} or {@code repeatable}). */
    private String interruptDuringSleep(String mode, String signal, int exitValue) throws Exception {
        // A file, not a pipe, so that what the child prints while it exits is all there.
        Path log = Path.of("target", "tidemark-interruption-" + mode + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        InterruptionTest.class.getName(),
                        databaseUrl(database),
                        mode)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!"1"
                    .equals(query("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                                    + " AND application_name = '" + APPLICATION + "' AND query LIKE '%pg_sleep(600)%'"
                                    + " AND state = 'active'")
                            .get(0))) {
                assertThat(System.nanoTime() - deadline)
                        .as("the child reaching pg_sleep")
                        .isNegative();
                assertThat(child.isAlive()).as("the child running").isTrue();
                Thread.sleep(100);
            }
            new ProcessBuilder("kill", "-" + signal, String.valueOf(child.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
            assertThat(child.waitFor(60, TimeUnit.SECONDS))
                    .as("the child exiting")
                    .isTrue();
            assertThat(child.exitValue()).isEqualTo(exitValue);
        } finally {
            child.destroyForcibly();
        }
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    private List<String> query(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(databaseUrl(database));
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            row.next();
            for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                values.add(row.getString(i));
            }
            return values;
        }
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
