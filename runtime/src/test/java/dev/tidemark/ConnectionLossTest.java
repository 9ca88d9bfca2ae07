package dev.tidemark;

import static dev.tidemark.CrashTest.awaitTrue;
import static dev.tidemark.testing.TestManifest.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tidemark.spi.MigrationManifest;
import dev.tidemark.testing.CuttableProxy;
import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.TestDatabase;
import dev.tidemark.testing.TestManifest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A lost connection or a session the server ends is told apart from a failing migration, and the
 * state is read back on a new session, not assumed.
 */
@NeedsPostgres
class ConnectionLossTest {

    static final String APPLICATION = "tidemark-connection-loss-test";
    static final String SLOW = "CREATE TABLE half_done (id int); SELECT pg_sleep(60)";

    static MigrationManifest manifest(String slow) {
        return TestManifest.of(
                sql("1", "quick", "CREATE TABLE quick (id int)"),
                sql("1.1", "second", "CREATE TABLE second (id int)"),
                sql("2", "slow", slow));
    }

    /** Runs migrate at {@code url} on another thread; the test cuts or ends its sessions meanwhile. */
    private static Future<MigrateResult> migrateInBackground(ExecutorService executor, String url, String slow) {
        return executor.submit(() -> Tidemark.configure()
                .url(url)
                .applicationName(APPLICATION)
                .manifests(manifest(slow))
                .load()
                .migrate());
    }

    private static void awaitSleep(TestDatabase db) throws InterruptedException {
        awaitTrue(
                "the migration to reach pg_sleep",
                Duration.ofSeconds(60),
                () -> "1"
                        .equals(db.queryValue("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                                + " AND application_name = '" + APPLICATION + "'"
                                + " AND query LIKE 'SELECT pg_sleep(60)%' AND state = 'active'")));
    }

    /** Ends the server process of the session running the migration's pg_sleep, as an administrator would. */
    private static void terminateSleep(TestDatabase db) {
        assertThat(db.queryValue("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND query LIKE 'SELECT pg_sleep(60)%'"))
                .isEqualTo("t");
    }

    private static <T extends Throwable> T failure(Class<T> type, Future<?> run) throws InterruptedException {
        try {
            run.get(120, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(type);
            return type.cast(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("migrate did not end within 120 s", e);
        }
        throw new AssertionError("migrate succeeded");
    }

    private static void awaitSessionsGone(TestDatabase db) throws InterruptedException {
        awaitTrue(
                "the server to end the cut sessions",
                Duration.ofSeconds(30),
                () -> "0"
                        .equals(db.queryValue("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                                + " AND application_name = '" + APPLICATION + "'")));
    }

    @Test
    void migrate_connectionCutDuringAMigration_blamesTheConnectionAndReadsTheVersionBack(TestDatabase db)
            throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (CuttableProxy proxy = CuttableProxy.toTestServer()) {
            Future<MigrateResult> run = migrateInBackground(executor, proxy.url(db), SLOW);
            awaitSleep(db);
            proxy.cut();
            MigrationFailedException failure = failure(MigrationFailedException.class, run);

            assertThat(failure.code()).isEqualTo(ErrorCode.CONNECTION_LOST);
            assertThat(failure.getMessage())
                    .startsWith("[TM-R103] Migration 2 'slow' (test.V2) did not finish: the connection to the server"
                            + " was lost while it ran.\nStatement:\n    SELECT pg_sleep(60)\nDriver: SQLSTATE 08006")
                    .contains("This is a failure of the connection or the server, not of migration 2.\n")
                    .contains("Read back on a new session, the history has no row of migration 2: its transaction was"
                            + " not committed, and nothing of it remains. The database is at version 1.1.\n")
                    .contains("Of the versions this run reported applied, all, 1, 1.1, are durable.\n")
                    .endsWith("Nothing needs fixing in migration 2. Run migrate again once the connection and the"
                            + " server are stable: it applies what is not applied.")
                    .doesNotContain("Fix migration");
            assertThat(failure.currentVersion()).hasToString("1.1");
            assertThat(failure.sqlState()).isEqualTo("08006");
        } finally {
            executor.shutdownNow();
        }
        // Tidemark ended the cut session's server process before reading the history back.
        assertThat(db.tableExists("public", "half_done")).isFalse();
        assertThat(db.query("SELECT version, success FROM tidemark_history ORDER BY installed_rank"))
                .containsExactly(List.of("1", "t"), List.of("1.1", "t"));
        assertThat(Tidemark.configure()
                        .dataSource(db)
                        .manifests(manifest("CREATE TABLE half_done (id int)"))
                        .load()
                        .migrate()
                        .applied())
                .extracting(a -> a.version().toString())
                .containsExactly("2");
    }

    @Test
    void migrate_connectionCutAndNoNewSession_saysItCouldNotCheckAndWhatToRun(TestDatabase db) throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (CuttableProxy proxy = CuttableProxy.toTestServer()) {
            Future<MigrateResult> run = migrateInBackground(executor, proxy.url(db), SLOW);
            awaitSleep(db);
            proxy.stopListening();
            proxy.cut();
            MigrationFailedException failure = failure(MigrationFailedException.class, run);

            assertThat(failure.code()).isEqualTo(ErrorCode.CONNECTION_LOST);
            assertThat(failure.getMessage())
                    .startsWith("[TM-R103] Migration 2 'slow' (test.V2) did not finish: the connection to the server"
                            + " was lost while it ran.\n")
                    .contains("This is a failure of the connection or the server, not of migration 2.\n")
                    .contains("Tidemark could not read the history back to check the state of the database (no new"
                            + " session could be opened: [TM-R010] Cannot connect to ")
                    .contains("The commit of migration 2 had not been sent, so the server rolls its transaction back,"
                            + " but Tidemark did not see that happen.\n")
                    .contains("This run reported versions 1, 1.1 applied; they committed without waiting for the disk"
                            + " (synchronous_commit = off), and the run's flushing commit did not happen: a server"
                            + " crash may have taken the newest of them away.\n")
                    .endsWith("Once the server is reachable, run info (or validate) to see the version the database"
                            + " is at, then run migrate again.")
                    .doesNotContain("unchanged");
        } finally {
            executor.shutdownNow();
        }
        // What the message says the server does: it rolls the uncommitted migration back.
        awaitSessionsGone(db);
        assertThat(db.tableExists("public", "half_done")).isFalse();
        assertThat(db.query("SELECT version FROM tidemark_history ORDER BY installed_rank"))
                .containsExactly(List.of("1"), List.of("1.1"));
    }

    @Test
    void migrate_sessionTerminatedByTheServer_saysSoAndReadsTheVersionBack(TestDatabase db) throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<MigrateResult> run = migrateInBackground(executor, db.url(), SLOW);
            awaitSleep(db);
            terminateSleep(db);
            MigrationFailedException failure = failure(MigrationFailedException.class, run);

            assertThat(failure.code()).isEqualTo(ErrorCode.CONNECTION_LOST);
            assertThat(failure.getMessage())
                    .startsWith("[TM-R103] Migration 2 'slow' (test.V2) did not finish: the server ended the session"
                            + " (an administrator's shutdown or pg_terminate_backend) while it ran.\n")
                    .contains("Driver: SQLSTATE 57P01: terminating connection due to administrator command")
                    .contains("The database is at version 1.1.\n")
                    .doesNotContain("Fix migration");
            assertThat(failure.sqlState()).isEqualTo("57P01");
        } finally {
            executor.shutdownNow();
        }
        assertThat(db.tableExists("public", "half_done")).isFalse();
        assertThat(db.query("SELECT version FROM tidemark_history ORDER BY installed_rank"))
                .containsExactly(List.of("1"), List.of("1.1"));
    }

    @Test
    void migrate_connectionCutWhileReadingTheHistory_blamesTheConnectionNotTheRights(TestDatabase db) throws Exception {
        Tidemark.configure()
                .dataSource(db)
                .manifests(manifest(SLOW))
                .target("1.1")
                .load()
                .migrate();
        try (CuttableProxy proxy = CuttableProxy.toTestServer()) {
            // The history's summary, the first read once the lock is held.
            proxy.cutOnSend("starts_with(");
            TidemarkException failure = catchThrowableOfType(
                    TidemarkException.class,
                    () -> Tidemark.configure()
                            .url(proxy.url(db))
                            .manifests(manifest(SLOW))
                            .load()
                            .migrate());

            assertThat(failure.code()).isEqualTo(ErrorCode.CONNECTION_LOST);
            assertThat(failure.getMessage())
                    .startsWith("[TM-R103] Failed while reading the history table public.tidemark_history: the"
                            + " connection to the server was lost (SQLSTATE 08")
                    .endsWith("This is a failure of the connection or the server.\nOnce the server is reachable, run"
                            + " info (or validate) to see the version the database is at, then run the command"
                            + " again.")
                    .doesNotContain("Check that the user may");
        }
        assertThat(db.query("SELECT version FROM tidemark_history ORDER BY installed_rank"))
                .containsExactly(List.of("1"), List.of("1.1"));
    }

    @Test
    void undo_sessionTerminatedDuringADown_saysTheUndoWasNotCommitted(TestDatabase db) throws Exception {
        MigrationManifest manifest = TestManifest.of(
                sql("1", "quick", "CREATE TABLE quick (id int)"),
                TestManifest.reversible("2", "slow down", "CREATE TABLE kept (id int)", "DROP TABLE kept; " + SLOW));
        Tidemark.configure().dataSource(db).manifests(manifest).load().migrate();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<UndoResult> run = executor.submit(() -> Tidemark.configure()
                    .url(db.url())
                    .applicationName(APPLICATION)
                    .manifests(manifest)
                    .load()
                    .undo("1"));
            awaitSleep(db);
            terminateSleep(db);
            MigrationFailedException failure = failure(MigrationFailedException.class, run);

            assertThat(failure.code()).isEqualTo(ErrorCode.CONNECTION_LOST);
            assertThat(failure.getMessage())
                    .startsWith("[TM-R103] Undo of migration 2 'slow down' (test.V2) did not finish: the server ended"
                            + " the session (an administrator's shutdown or pg_terminate_backend) while it ran.\n")
                    .contains("Read back on a new session, the history has no undo row of migration 2: its"
                            + " transaction was not committed, and nothing of it remains. The database is at version"
                            + " 2.\n")
                    .endsWith("Nothing needs fixing in migration 2. Run undo again once the connection and the server"
                            + " are stable.");
        } finally {
            executor.shutdownNow();
        }
        assertThat(db.tableExists("public", "kept")).isTrue();
        assertThat(db.query("SELECT version, type FROM tidemark_history ORDER BY installed_rank"))
                .containsExactly(List.of("1", "JAVA"), List.of("2", "JAVA"));
    }

    @Test
    void migrate_sessionTerminatedDuringANonTransactionalMigration_blamesTheServerNotTheMigration(TestDatabase db)
            throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<MigrateResult> run = executor.submit(() -> Tidemark.configure()
                    .url(db.url())
                    .applicationName(APPLICATION)
                    .manifests(TestManifest.of(
                            sql("1", "quick", "CREATE TABLE quick (id int)"),
                            TestManifest.nonTransactional("2", "slow", SLOW)))
                    .load()
                    .migrate());
            awaitSleep(db);
            terminateSleep(db);
            MigrationFailedException failure = failure(MigrationFailedException.class, run);

            assertThat(failure.getMessage())
                    .startsWith("[TM-R101] Migration 2 'slow' (test.V2), which runs outside a transaction, did not"
                            + " finish: the server ended the session (an administrator's shutdown or"
                            + " pg_terminate_backend) while it ran.\nStatement:\n    SELECT pg_sleep(60)\n"
                            + "Driver: SQLSTATE 57P01")
                    .contains("This is a failure of the connection or the server, not of migration 2.\n")
                    .contains("these of its statements ran and stay applied:\n  1. CREATE TABLE half_done (id int)\n");
        } finally {
            executor.shutdownNow();
        }
        assertThat(db.tableExists("public", "half_done")).isTrue();
    }

    @Test
    void migrate_connectionCutAfterTheCommitReachedTheServer_readsBackThatItHappened(TestDatabase db) throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (CuttableProxy proxy = CuttableProxy.toTestServer()) {
            // The history row's statement of migration 2 carries its description, "in flight", and the COMMIT.
            proxy.cutOnReply("in flight");
            Future<MigrateResult> run = executor.submit(() -> Tidemark.configure()
                    .url(proxy.url(db))
                    .applicationName(APPLICATION)
                    .manifests(TestManifest.of(
                            sql("1", "quick", "CREATE TABLE quick (id int)"),
                            sql("2", "in flight", "CREATE TABLE landed (id int)"),
                            sql("3", "after", "CREATE TABLE after (id int)")))
                    .load()
                    .migrate());
            MigrationFailedException failure = failure(MigrationFailedException.class, run);

            assertThat(failure.code()).isEqualTo(ErrorCode.CONNECTION_LOST);
            assertThat(failure.getMessage())
                    .startsWith("[TM-R103] Migration 2 'in flight' (test.V2) did not finish: the connection to the"
                            + " server was lost while its commit was in flight.\n")
                    .contains("Read back on a new session, the history holds the row of migration 2: its commit"
                            + " happened before the connection broke. The database is at version 2.\n")
                    .contains("Of the versions this run reported applied, the one, 1, is durable.\n");
            assertThat(failure.currentVersion()).hasToString("2");
        } finally {
            executor.shutdownNow();
        }
        assertThat(db.tableExists("public", "landed")).isTrue();
        assertThat(db.tableExists("public", "after")).isFalse();
        assertThat(db.query("SELECT version, success FROM tidemark_history ORDER BY installed_rank"))
                .containsExactly(List.of("1", "t"), List.of("2", "t"));
    }

    @Test
    void migrate_connectionCutAtTheFlushingCommit_saysWhichReportedVersionsAreDurable(TestDatabase db)
            throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (CuttableProxy proxy = CuttableProxy.toTestServer()) {
            // The run's last statement: its settings put back, with the WAL record whose commit flushes.
            proxy.cutOnSend("'durable'");
            Future<MigrateResult> run = migrateInBackground(executor, proxy.url(db), "CREATE TABLE half_done (id int)");
            TidemarkException failure = failure(TidemarkException.class, run);

            assertThat(failure.code()).isEqualTo(ErrorCode.CONNECTION_LOST);
            assertThat(failure.getMessage())
                    .startsWith("[TM-R103] The run's last commit, which makes the migrations it applied durable,"
                            + " failed: the connection to the server was lost.\nDriver: SQLSTATE 08006")
                    .contains("Read back on a new session, the database is at version 2.\n")
                    .contains("Of the versions this run reported applied, all, 1, 1.1, 2, are durable.\n")
                    .endsWith("Run migrate again once the server is stable: it applies what was lost.");
        } finally {
            executor.shutdownNow();
        }
        assertThat(db.query("SELECT version FROM tidemark_history ORDER BY installed_rank"))
                .containsExactly(List.of("1"), List.of("1.1"), List.of("2"));
    }
}
