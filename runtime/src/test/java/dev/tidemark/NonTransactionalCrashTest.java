package dev.tidemark;

import static dev.tidemark.CrashTest.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tidemark.spi.MigrationEntry;
import dev.tidemark.spi.MigrationManifest;
import dev.tidemark.testing.ChildJvm;
import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.TestDatabase;
import dev.tidemark.testing.TestManifest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A JVM killed during a non-transactional migration leaves a history row that says how far it got;
 * later runs refuse with that sentence, and resume goes on from the first statement not completed.
 */
@NeedsPostgres
class NonTransactionalCrashTest {

    static final String APPLICATION = "tidemark-nontx-crash-test";

    static String script(int sleepSeconds) {
        return "CREATE TABLE shipments (id int, placed_on date);\n"
                + "SELECT pg_sleep(" + sleepSeconds + ");\n"
                + "CREATE INDEX CONCURRENTLY shipments_placed ON shipments (placed_on);";
    }

    static MigrationManifest manifest(int sleepSeconds) {
        String script = script(sleepSeconds);
        return TestManifest.of(
                TestManifest.sql("11", "users", "CREATE TABLE users (id int)"),
                new MigrationEntry(
                        "12",
                        "shipments",
                        "test.V12",
                        TestManifest.checksum(script),
                        false,
                        false,
                        () -> db -> db.execute(script)));
    }

    /** The migrating JVM: migrates the database at {@code args[0]}, sleeping 600 s in migration 12. */
    public static void main(String[] args) {
        Tidemark.configure()
                .url(args[0])
                .applicationName(APPLICATION)
                .manifests(manifest(600))
                .load()
                .migrate();
    }

    @Test
    void killedDuringANonTransactionalMigration_leavesAStartedRow_laterRunsRefuse_resumeFinishesIt(TestDatabase db)
            throws Exception {
        Process child =
                ChildJvm.start(NonTransactionalCrashTest.class, "tidemark-nontx-crash-child.log", List.of(), db.url());
        try {
            awaitTrue(
                    "the child to reach pg_sleep",
                    Duration.ofSeconds(60),
                    () -> "1"
                            .equals(db.queryValue("SELECT count(*) FROM pg_stat_activity WHERE datname ="
                                    + " current_database() AND application_name = '" + APPLICATION
                                    + "' AND query LIKE 'SELECT pg_sleep(600)%' AND state = 'active'")));
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        awaitTrue(
                "the server to end the killed migrator's sessions",
                Duration.ofSeconds(30),
                () -> "0"
                        .equals(db.queryValue("SELECT count(*) FROM pg_stat_activity WHERE datname ="
                                + " current_database() AND application_name = '" + APPLICATION + "'")));

        assertThat(db.tableExists("public", "shipments")).isTrue();
        assertThat(db.query("SELECT version, success, state, statements_done, statements_seen, stopped_in"
                        + " FROM tidemark_history ORDER BY installed_rank"))
                .containsExactly(
                        Arrays.asList("11", "t", null, null, null, null),
                        List.of("12", "f", "STARTED", "1", "3", "SELECT pg_sleep(600)"));

        TidemarkException refused = catchThrowableOfType(
                TidemarkException.class,
                () -> Tidemark.configure()
                        .dataSource(db)
                        .manifests(manifest(0))
                        .load()
                        .migrate());
        assertThat(refused.code()).isEqualTo(ErrorCode.FAILED_MIGRATION_PRESENT);
        assertThat(refused.getMessage())
                .matches("(?s)\\[TM-R042] Migration 12 'shipments' \\(test.V12\\) started at \\S+ outside a"
                        + " transaction and never finished: 1 of at least 3 statements completed\\. Statement 2 was"
                        + " running when the run stopped, and may have completed:\n    SELECT pg_sleep\\(600\\)\n"
                        + "Recorded in public.tidemark_history; nothing was applied now\\. The database holds what the"
                        + " completed statements did; otherwise it is at version 11\\.\nTwo ways out:\n  - resume:"
                        + " fix the cause if a statement failed, then migrate\\(\\) with resume\\(true\\); it runs migration 12"
                        + " again from statement 2, skipping the statement that completed after checking it is"
                        + " unchanged;\n  - repair: .*");

        MigrateResult resumed = Tidemark.configure()
                .dataSource(db)
                .manifests(manifest(0))
                .resume(true)
                .load()
                .migrate();
        assertThat(resumed.applied()).extracting(a -> a.version().toString()).containsExactly("12");
        assertThat(db.queryValue("SELECT indisvalid FROM pg_index WHERE indexrelid = 'shipments_placed'::regclass"))
                .isEqualTo("t");
        assertThat(db.query("SELECT success, state, statements_done FROM tidemark_history WHERE version = '12'"))
                .containsExactly(List.of("t", "APPLIED", "3"));
        Tidemark.configure().dataSource(db).manifests(manifest(0)).load().validate();
    }

    @Test
    void stoppedRunWhoseSessionStillRunsAStatement_isNeitherResumedNorRepeated(TestDatabase db) throws Exception {
        String failing = "CREATE TABLE shipments (id int);\nCREATE INDEX CONCURRENTLY shipments_x ON shipments (x);";
        MigrationManifest manifest = TestManifest.of(TestManifest.nonTransactional("12", "shipments", failing));
        catchThrowableOfType(
                MigrationFailedException.class,
                () -> Tidemark.configure()
                        .dataSource(db)
                        .manifests(manifest)
                        .load()
                        .migrate());
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (Connection sleeper = db.getConnection()) {
            int pid;
            try (Statement statement = sleeper.createStatement();
                    ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
                row.next();
                pid = row.getInt(1);
            }
            Future<?> sleeping = executor.submit(() -> {
                try (Statement statement = sleeper.createStatement()) {
                    statement.execute("SELECT pg_sleep(60)");
                }
                return null;
            });
            awaitTrue(
                    "the sleeper to run",
                    Duration.ofSeconds(30),
                    () -> "active".equals(db.queryValue("SELECT state FROM pg_stat_activity WHERE pid = " + pid)));
            // As a run killed while the server still runs its statement leaves its row.
            db.execute("UPDATE tidemark_history SET state = 'STARTED', error = NULL, backend_pid = " + pid);

            TidemarkException refused = catchThrowableOfType(
                    TidemarkException.class,
                    () -> Tidemark.configure()
                            .dataSource(db)
                            .manifests(manifest)
                            .resume(true)
                            .load()
                            .migrate());

            assertThat(refused.code()).isEqualTo(ErrorCode.RESUME_REFUSED);
            assertThat(refused.getMessage())
                    .contains("never finished: 1 statement completed.")
                    .contains("\nIts session is still alive on the server (process " + pid
                            + ", active: SELECT pg_sleep(60)): the client is gone but the server has not ended the"
                            + " statement yet.\nNothing was run;")
                    .endsWith("Wait for it to end, or end it with SELECT pg_cancel_backend(" + pid
                            + "), then run again.");
            assertThat(db.queryValue("SELECT count(*) FROM pg_indexes WHERE tablename = 'shipments'"))
                    .isEqualTo("0");
            db.execute("SELECT pg_cancel_backend(" + pid + ")");
            catchThrowableOfType(Exception.class, () -> sleeping.get(30, TimeUnit.SECONDS));
        } finally {
            executor.shutdownNow();
        }
    }
}
