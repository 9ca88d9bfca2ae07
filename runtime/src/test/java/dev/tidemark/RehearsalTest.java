package dev.tidemark;

import static dev.tidemark.testing.TestManifest.nonTransactional;
import static dev.tidemark.testing.TestManifest.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tidemark.RehearsalResult.Outcome;
import dev.tidemark.RehearsalResult.Step;
import dev.tidemark.internal.drift.SnapshotStore;
import dev.tidemark.spi.MigrationEntry;
import dev.tidemark.spi.MigrationManifest;
import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.RecordingListener;
import dev.tidemark.testing.TestDatabase;
import dev.tidemark.testing.TestManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@NeedsPostgres
class RehearsalTest {

    static final MigrationEntry USERS = sql(
            "1",
            "create users",
            "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL); INSERT INTO users VALUES (1, 'ada')");
    static final MigrationEntry NICKNAMES = sql(
            "2",
            "add nicknames",
            "ALTER TABLE users ADD COLUMN nickname text;\nUPDATE users SET nickname = lower(name);\n"
                    + "CREATE INDEX users_nickname_idx ON users (nickname)");
    static final MigrationEntry CONCURRENT =
            nonTransactional("3", "index names", "CREATE INDEX CONCURRENTLY users_name_idx ON users (name)");
    static final MigrationEntry ORDERS =
            sql("4", "create orders", "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users)");
    /** Seed 000: the migration expects a column the production table never got. */
    static final MigrationEntry VERIFIED_INDEX = sql(
            "3",
            "index verified users",
            "UPDATE users SET name = upper(name);\nCREATE INDEX users_email_verified_idx ON users (email_verified)");

    static Tidemark tidemark(TestDatabase db, MigrationManifest manifest) {
        return Tidemark.configure().dataSource(db).manifests(manifest).load();
    }

    /** History rows, schema fingerprint and data: what must be the same after a rehearsal. */
    static List<Object> state(TestDatabase db) throws Exception {
        String fingerprint;
        try (Connection connection = db.getConnection()) {
            fingerprint = new SnapshotStore("public", "tidemark_history")
                    .take(connection)
                    .fingerprint();
        }
        return List.of(
                db.query("SELECT * FROM tidemark_history ORDER BY installed_rank"),
                db.query("SELECT snapshot_rank, version, fingerprint FROM tidemark_history_snapshot"),
                fingerprint,
                db.query("SELECT * FROM users ORDER BY id"));
    }

    @Test
    void rehearse_runsEachPendingMigrationAndRollsEverythingBack(TestDatabase db) throws Exception {
        tidemark(db, TestManifest.of(USERS)).migrate();
        List<Object> before = state(db);
        RecordingListener listener = new RecordingListener();

        RehearsalResult result = Tidemark.configure()
                .dataSource(db)
                .manifests(TestManifest.of(USERS, NICKNAMES, CONCURRENT, ORDERS))
                .listener(listener)
                .load()
                .rehearse();

        assertThat(result.succeeded()).isTrue();
        assertThat(result.assertSucceeded()).isSameAs(result);
        assertThat(result.currentVersion()).hasToString("1");
        assertThat(result.steps())
                .extracting(Step::outcome)
                .containsExactly(Outcome.SUCCEEDED, Outcome.NOT_REHEARSED_NON_TRANSACTIONAL, Outcome.SUCCEEDED);
        Step nicknames = result.steps().get(0);
        assertThat(nicknames.statements())
                .extracting(RehearsalResult.Statement::sql)
                .containsExactly(
                        "ALTER TABLE users ADD COLUMN nickname text",
                        "UPDATE users SET nickname = lower(name)",
                        "CREATE INDEX users_nickname_idx ON users (nickname)");
        assertThat(nicknames.statements())
                .allSatisfy(s -> assertThat(s.time().isNegative()).isFalse());
        assertThat(result.report())
                .startsWith("Rehearsal on schema public (at version 1): 2 of 3 pending migrations run in one"
                        + " transaction that was rolled back; the database is unchanged.\n"
                        + "  2 'add nicknames': succeeded in ")
                .contains(" ms  UPDATE users SET nickname = lower(name)\n")
                .contains("  3 'index names': not rehearsed: non-transactional, it cannot run inside the"
                        + " rehearsal's transaction\n")
                .endsWith("Every rehearsed migration succeeded; non-transactional ones were not rehearsed and later"
                        + " ones ran without them.\n");
        assertThat(listener.all()).contains("INFO   4 'create orders': succeeded in ");
        assertThat(state(db)).isEqualTo(before);
        assertThat(db.tableExists("public", "orders")).isFalse();
        assertThat(tidemark(db, TestManifest.of(USERS, NICKNAMES, CONCURRENT, ORDERS))
                        .validate()
                        .warnings())
                .isEmpty();
    }

    @Test
    void rehearse_seed000_namesTheMissingColumnAndStopsThere(TestDatabase db) throws Exception {
        MigrationManifest manifest = TestManifest.of(USERS, NICKNAMES, VERIFIED_INDEX, sql("4", "later", "SELECT 1"));
        tidemark(db, TestManifest.of(USERS)).migrate();
        List<Object> before = state(db);

        RehearsalResult result = tidemark(db, manifest).rehearse();

        assertThat(result.succeeded()).isFalse();
        assertThat(result.steps())
                .extracting(Step::outcome)
                .containsExactly(Outcome.SUCCEEDED, Outcome.FAILED, Outcome.NOT_REHEARSED_AFTER_FAILURE);
        Step failed = result.failure().orElseThrow();
        assertThat(failed.version()).hasToString("3");
        assertThat(failed.failedStatement())
                .isEqualTo("CREATE INDEX users_email_verified_idx ON users (email_verified)");
        assertThat(failed.sqlState()).isEqualTo("42703");
        assertThat(failed.statements())
                .extracting(RehearsalResult.Statement::sql)
                .containsExactly("UPDATE users SET name = upper(name)");
        assertThat(failed.error()).contains("PostgreSQL: SQLSTATE 42703: column \"email_verified\" does not exist");
        assertThat(result.report())
                .contains("  3 'index verified users': FAILED after ")
                .contains("  4 'later': not rehearsed: an earlier migration failed, and this one may depend on it")
                .endsWith("Migration 3 would fail; migrate would stop there with the database unchanged at version"
                        + " 1.\n");
        assertThat(state(db)).isEqualTo(before);
        assertThat(catchThrowableOfType(TidemarkException.class, result::assertSucceeded)
                        .code())
                .isEqualTo(ErrorCode.REHEARSAL_FAILED);

        TidemarkException failure = catchThrowableOfType(
                TidemarkException.class,
                () -> Tidemark.configure()
                        .dataSource(db)
                        .manifests(manifest)
                        .rehearse(true)
                        .load()
                        .migrate());
        assertThat(failure.code()).isEqualTo(ErrorCode.REHEARSAL_FAILED);
        assertThat(failure.getMessage())
                .startsWith("[TM-R420] Rehearsal of migration 3 'index verified users' (test.V3) failed.\n"
                        + "Statement:\n"
                        + "    CREATE INDEX users_email_verified_idx ON users (email_verified)\n"
                        + "PostgreSQL: SQLSTATE 42703: column \"email_verified\" does not exist\n")
                .contains("The database is unchanged at version 1: the rehearsal's transaction was rolled back, and"
                        + " later migrations were not rehearsed.\n")
                .endsWith("\nFix migration 3 (or the database it expects), then rehearse() again.");
        assertThat(state(db)).isEqualTo(before);
    }

    @Test
    void migrateWithRehearse_appliesNothingAndReturnsTheRehearsal(TestDatabase db) throws Exception {
        tidemark(db, TestManifest.of(USERS)).migrate();
        List<Object> before = state(db);
        MigrateResult result = Tidemark.configure()
                .dataSource(db)
                .manifests(TestManifest.of(USERS, NICKNAMES))
                .rehearse(true)
                .load()
                .migrate();
        assertThat(result.rehearsed()).isTrue();
        assertThat(result.applied()).isEmpty();
        assertThat(result.currentVersion()).hasToString("1");
        assertThat(result.rehearsal().steps()).extracting(Step::outcome).containsExactly(Outcome.SUCCEEDED);
        assertThat(state(db)).isEqualTo(before);
    }

    @Test
    void rehearse_whenATableIsBusy_saysItCouldNotGetTheLockInsteadOfWaiting(TestDatabase db) throws Exception {
        tidemark(db, TestManifest.of(USERS)).migrate();
        MigrationManifest manifest = TestManifest.of(USERS, NICKNAMES);
        try (Connection traffic = db.getConnection();
                Statement statement = traffic.createStatement()) {
            traffic.setAutoCommit(false);
            statement.execute("SELECT * FROM users");
            Tidemark rehearsing = Tidemark.configure()
                    .dataSource(db)
                    .manifests(manifest)
                    .rehearsalLockTimeout(Duration.ofMillis(200))
                    .load();

            RehearsalResult result = rehearsing.rehearse();
            Step step = result.failure().orElseThrow();
            assertThat(step.outcome()).isEqualTo(Outcome.LOCK_UNAVAILABLE);
            assertThat(step.sqlState()).isEqualTo("55P03");
            assertThat(result.report())
                    .contains("2 'add nicknames': could not get a lock within the rehearsal's lock_timeout (200 ms)"
                            + " and did not wait");

            TidemarkException failure = catchThrowableOfType(
                    TidemarkException.class,
                    () -> Tidemark.configure()
                            .dataSource(db)
                            .manifests(manifest)
                            .rehearse(true)
                            .rehearsalLockTimeout(Duration.ofMillis(200))
                            .load()
                            .migrate());
            assertThat(failure.code()).isEqualTo(ErrorCode.REHEARSAL_LOCK_UNAVAILABLE);
            assertThat(failure.getMessage())
                    .startsWith("[TM-R421] Rehearsal of migration 2 'add nicknames' (test.V2) could not get a lock it"
                            + " needs.\nStatement:\n    ALTER TABLE users ADD COLUMN nickname text\n"
                            + "PostgreSQL: SQLSTATE 55P03: canceling statement due to lock timeout")
                    .endsWith("\nAnother session holds a lock on a table this statement needs (look for it in pg_locks"
                            + " and pg_stat_activity). Rehearse again when the table is less busy, or raise"
                            + " rehearsalLockTimeout(Duration).");
            traffic.rollback();
        }
        assertThat(db.queryValue("SELECT count(*) FROM information_schema.columns WHERE column_name = 'nickname'"))
                .isEqualTo("0");
    }

    @Test
    void rehearse_writesTheReportAsMarkdownOrText(TestDatabase db, @TempDir Path dir) throws Exception {
        tidemark(db, TestManifest.of(USERS)).migrate();
        MigrationManifest manifest = TestManifest.of(USERS, NICKNAMES, VERIFIED_INDEX);
        Path markdown = dir.resolve("reports/rehearsal.md");
        Path text = dir.resolve("rehearsal.txt");

        RehearsalResult result = Tidemark.configure()
                .dataSource(db)
                .manifests(manifest)
                .rehearsalReport(markdown)
                .load()
                .rehearse();
        Tidemark.configure()
                .dataSource(db)
                .manifests(manifest)
                .rehearsalReport(text)
                .load()
                .rehearse();

        assertThat(Files.readString(markdown))
                .isEqualTo(result.markdown() + "\n" + result.analysis().markdown())
                .startsWith("# Rehearsal of schema `public`\n\n")
                .contains("| 2 | add nicknames | succeeded | ")
                .contains("| 3 | index verified users | **failed** | ")
                .contains("## 3 'index verified users': FAILED after ")
                .contains("```text\nStatement:\n");
        assertThat(Files.readString(text)).startsWith("Rehearsal on schema public (at version 1): 2 of 2 pending");

        ConfigurationException unwritable = catchThrowableOfType(
                ConfigurationException.class,
                () -> Tidemark.configure()
                        .dataSource(db)
                        .manifests(manifest)
                        .rehearsalReport(markdown.resolve("inside-a-file.md"))
                        .load()
                        .rehearse());
        assertThat(unwritable.getMessage())
                .startsWith("[TM-R001] Cannot write the rehearsal report to " + markdown.resolve("inside-a-file.md"))
                .endsWith("\nSet rehearsalReport(Path) to a file in a writable directory.");
    }

    @Test
    void rehearse_onANewDatabase_leavesNoHistoryTableBehind(TestDatabase db) {
        RehearsalResult result = tidemark(db, TestManifest.of(USERS, NICKNAMES)).rehearse();
        assertThat(result.succeeded()).isTrue();
        assertThat(result.currentVersion()).isNull();
        assertThat(db.tableExists("public", "tidemark_history")).isFalse();
        assertThat(db.tableExists("public", "users")).isFalse();
    }

    @Test
    void rehearse_refusesWhatMigrateRefuses(TestDatabase db) {
        tidemark(db, TestManifest.of(USERS)).migrate();
        MigrationManifest edited = TestManifest.of(sql("1", "create users", "CREATE TABLE users (id int)"), NICKNAMES);
        ValidationException failure = catchThrowableOfType(
                ValidationException.class, () -> tidemark(db, edited).rehearse());
        assertThat(failure.getMessage())
                .contains("found 1 problem before rehearsing, so nothing was rehearsed (the database is at version 1)");
    }

    @Test
    void rehearse_onASchemaWithTablesButNoHistory_refusesLikeMigrate(TestDatabase db) {
        db.execute("CREATE TABLE users (id bigint PRIMARY KEY)");
        TidemarkException failure = catchThrowableOfType(
                TidemarkException.class,
                () -> tidemark(db, TestManifest.of(USERS)).rehearse());
        assertThat(failure.code()).isEqualTo(ErrorCode.SCHEMA_NOT_EMPTY);
        assertThat(db.tableExists("public", "tidemark_history")).isFalse();
    }

    @Test
    void transactionControlInTheSqlOfATransactionalMigration_isRefusedBeforeItRuns(TestDatabase db) {
        tidemark(db, TestManifest.of(USERS)).migrate();
        MigrationManifest manifest = TestManifest.of(
                USERS,
                sql("2", "sneaky commit", "DELETE FROM users;\n-- done\nCOMMIT;\nINSERT INTO users VALUES (2, 'x')"));

        RehearsalResult rehearsal = tidemark(db, manifest).rehearse();
        assertThat(rehearsal.failure().orElseThrow().error())
                .startsWith("The script was refused before it ran: a transactional migration must not start or end a"
                        + " transaction in its SQL (COMMIT)");
        assertThat(db.queryValue("SELECT count(*) FROM users")).isEqualTo("1");

        MigrationFailedException failure = catchThrowableOfType(
                MigrationFailedException.class, () -> tidemark(db, manifest).migrate());
        assertThat(failure.getMessage())
                .contains("Refused:\n    -- done\n    COMMIT\n")
                .contains("or mark the migration @Migration(transactional = false)");
        assertThat(db.queryValue("SELECT count(*) FROM users")).isEqualTo("1");
    }
}
