package dev.tidemark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.SqlFiles;
import dev.tidemark.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repeatable SQL migrations ({@code R__<description>.sql}) against the real database: applied after
 * the versioned ones, again whenever their file changes, never when it does not; their state in
 * info and validate; a failing one reported with its file, line and the state it leaves; rehearsed
 * after the versioned ones and rolled back with them; and a
 * history table written by an earlier release, whose version column did not admit their rows.
 */
@NeedsPostgres
class RepeatableMigrationTest {

    private static final String USERS = "CREATE TABLE users (id bigint PRIMARY KEY, name text);\n";
    private static final String VIEW =
            "-- the users, for reports\nCREATE OR REPLACE VIEW user_names AS\n" + "  SELECT id, name FROM users;\n";
    private static final String EMAIL = "ALTER TABLE users ADD COLUMN email text;\n";
    private static final String VIEW_WITH_EMAIL =
            "CREATE OR REPLACE VIEW user_names AS\n" + "  SELECT id, name, email FROM users;\n";

    @TempDir
    Path classes;

    /** The files of one build of the project, in a class output of its own. */
    private SqlFiles build(String name) {
        return new SqlFiles(classes.resolve(name)).add("1", "V1__Users.sql", USERS, null, null, true);
    }

    private static Tidemark tidemark(TestDatabase db, SqlFiles files) {
        return Tidemark.configure().dataSource(db).manifests(files.manifest()).load();
    }

    private static List<List<String>> history(TestDatabase db) {
        return db.query("SELECT installed_rank, coalesce(version, '-'), description, type, class_name, success"
                + " FROM tidemark_history ORDER BY installed_rank");
    }

    @Test
    void aRepeatableMigration_isAppliedAfterTheVersionedOnes_andNotAgainWhileItsFileIsUnchanged(TestDatabase db) {
        SqlFiles files = build("one").repeatable("R__User_names.sql", VIEW, true);

        MigrateResult first = tidemark(db, files).migrate();

        assertThat(first.repeatablesApplied()).containsExactly("R__User_names.sql");
        assertThat(ResultFormat.toJson(first)).contains("\"repeatablesApplied\":[\"R__User_names.sql\"]");
        assertThat(ResultText.migrate(first))
                .contains("Applied 1 repeatable migration (new or changed): R__User_names.sql");
        assertThat(history(db))
                .containsExactly(
                        List.of("1", "1", "sql 1", "SQL", "V1__Users.sql", "t"),
                        List.of("2", "-", "User names", "REPEATABLE", "R__User_names.sql", "t"));
        assertThat(db.queryValue("SELECT count(*) FROM user_names")).isEqualTo("0");

        MigrateResult second = tidemark(db, files).migrate();

        assertThat(second.upToDate()).isTrue();
        assertThat(second.repeatablesApplied()).isEmpty();
        assertThat(history(db)).hasSize(2);
        assertThat(tidemark(db, files).info().repeatables())
                .extracting(RepeatableInfo::description, RepeatableInfo::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("User names", RepeatableInfo.State.APPLIED));
        assertThat(tidemark(db, files).validate().valid()).isTrue();
    }

    @Test
    void aChangedRepeatableMigration_isOutdated_andAppliedAgainAfterTheNewVersionedOnes(TestDatabase db) {
        tidemark(db, build("one").repeatable("R__User_names.sql", VIEW, true)).migrate();
        SqlFiles changed = build("two")
                .add("2", "V2__Email.sql", EMAIL, null, null, true)
                .repeatable("R__User_names.sql", VIEW_WITH_EMAIL, true)
                .repeatable(
                        "R__A_new_one.sql", "CREATE OR REPLACE VIEW user_count AS SELECT count(*) FROM users;\n", true);

        InfoResult before = tidemark(db, changed).info();
        ValidateResult valid = tidemark(db, changed).validate();

        assertThat(before.repeatables())
                .extracting(RepeatableInfo::description, RepeatableInfo::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("A new one", RepeatableInfo.State.PENDING),
                        org.assertj.core.groups.Tuple.tuple("User names", RepeatableInfo.State.OUTDATED));
        assertThat(String.join("\n", ResultText.info(before, java.time.ZoneOffset.UTC)))
                .contains("User names (R__User_names.sql)", "REPEATABLE", "outdated", "changed")
                .contains("A new one (R__A_new_one.sql)", "pending");
        assertThat(valid.valid())
                .as("an outdated repeatable migration is pending, not an edited one")
                .isTrue();

        MigrateResult migrated = tidemark(db, changed).migrate();

        assertThat(migrated.applied())
                .extracting(a -> a.migration().version().toString())
                .containsExactly("2");
        assertThat(migrated.repeatablesApplied()).containsExactly("R__A_new_one.sql", "R__User_names.sql");
        assertThat(history(db))
                .containsExactly(
                        List.of("1", "1", "sql 1", "SQL", "V1__Users.sql", "t"),
                        List.of("2", "-", "User names", "REPEATABLE", "R__User_names.sql", "t"),
                        List.of("3", "2", "sql 2", "SQL", "V2__Email.sql", "t"),
                        List.of("4", "-", "A new one", "REPEATABLE", "R__A_new_one.sql", "t"),
                        List.of("5", "-", "User names", "REPEATABLE", "R__User_names.sql", "t"));
        assertThat(db.queryValue("SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute"
                        + " WHERE attrelid = 'user_names'::regclass AND attnum > 0"))
                .isEqualTo("id,name,email");
        assertThat(tidemark(db, changed).info().repeatables())
                .extracting(RepeatableInfo::state)
                .containsOnly(RepeatableInfo.State.APPLIED);
        assertThat(tidemark(db, changed).validate().valid())
                .as("the snapshot taken after the repeatable migrations holds the new view: no drift")
                .isTrue();
        assertThat(tidemark(db, changed).migrate().upToDate()).isTrue();
    }

    @Test
    void aFailingRepeatableMigration_isRolledBack_andNamedWithItsLineAndTheStateItLeaves(TestDatabase db) {
        SqlFiles files = build("one")
                .repeatable("R__A_view.sql", VIEW, true)
                .repeatable(
                        "R__Broken.sql",
                        "CREATE VIEW broken_one AS SELECT 1 AS one;\n-- then\nCREATE VIEW broken AS\n"
                                + "  SELECT nothing FROM users;\n",
                        true)
                .repeatable("R__Later.sql", "CREATE OR REPLACE VIEW later AS SELECT 1 AS one;\n", true);

        MigrationFailedException failure = catchThrowableOfType(
                MigrationFailedException.class, () -> tidemark(db, files).migrate());

        assertThat(failure.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
        assertThat(failure.sqlState()).isEqualTo("42703");
        assertThat(failure.getMessage())
                .contains("Repeatable migration 'Broken' (R__Broken.sql) failed and was rolled back.")
                .contains(
                        "In R__Broken.sql, the statement at line 3 failed",
                        "42703",
                        "column \"nothing\" does not exist")
                .contains("The versioned migrations up to version 1 are applied; repeatable migration 'Broken' is not"
                        + " (re-)applied: nothing of this run of it stays, and no history row was written.")
                .contains("Applied before it in this run, and recorded: R__A_view.sql.")
                .contains("Not run, as they come after it: R__Later.sql.")
                .contains("Fix R__Broken.sql (or the database it expects), then run migrate() again")
                .doesNotContain("mvn", "schema.");
        assertThat(db.tableExists("public", "broken_one")).isFalse();
        assertThat(history(db)).extracting(row -> row.get(4)).containsExactly("V1__Users.sql", "R__A_view.sql");
        assertThat(tidemark(db, files).info().repeatables())
                .extracting(RepeatableInfo::state)
                .containsExactly(
                        RepeatableInfo.State.APPLIED, RepeatableInfo.State.PENDING, RepeatableInfo.State.PENDING);
    }

    @Test
    void cancelBetweenTwoRepeatableMigrations_startsNoFurtherOne_andSaysTheRunWasAskedToStop(TestDatabase db) {
        SqlFiles files = build("one")
                .repeatable("R__A_view.sql", VIEW, true)
                .repeatable("R__B_view.sql", "CREATE OR REPLACE VIEW b AS SELECT 1 AS one;\n", true)
                .repeatable("R__C_view.sql", "CREATE OR REPLACE VIEW c AS SELECT 1 AS one;\n", true);
        AtomicReference<Tidemark> self = new AtomicReference<>();
        // Ctrl-C right after the first repeatable migration was recorded, before the second starts.
        Tidemark tidemark = Tidemark.configure()
                .dataSource(db)
                .manifests(files.manifest())
                .listener(event -> {
                    if (event instanceof TidemarkEvent.RepeatableApplied applied
                            && applied.file().equals("R__A_view.sql")) {
                        self.get().cancel();
                    }
                })
                .load();
        self.set(tidemark);

        TidemarkException stopped = catchThrowableOfType(TidemarkException.class, tidemark::migrate);

        assertThat(stopped.code()).isEqualTo(ErrorCode.INTERRUPTED);
        assertThat(stopped.getMessage())
                .isEqualTo("[TM-R050] The run was asked to stop before repeatable migration 'B view' (R__B_view.sql)"
                        + " started; nothing of it ran.\nThe versioned migrations up to version 1 are applied;"
                        + " repeatable migrations applied in this run, and recorded: R__A_view.sql. Not run:"
                        + " R__B_view.sql, R__C_view.sql.\nRun migrate() again to apply the rest.");
        assertThat(history(db)).extracting(row -> row.get(4)).containsExactly("V1__Users.sql", "R__A_view.sql");
        assertThat(db.queryValue("SELECT count(*) FROM pg_views WHERE viewname IN ('b', 'c')"))
                .isEqualTo("0");

        MigrateResult again = tidemark(db, files).migrate();

        assertThat(again.repeatablesApplied()).containsExactly("R__B_view.sql", "R__C_view.sql");
    }

    @Test
    void cancelDuringARepeatableMigration_rollsItBack_andSaysTheRunWasAskedToStop(TestDatabase db) throws Exception {
        SqlFiles files = build("one")
                .repeatable("R__A_view.sql", VIEW, true)
                .repeatable(
                        "R__Slow.sql", "CREATE OR REPLACE VIEW slow AS SELECT 1 AS one;\nSELECT pg_sleep(600);\n", true)
                .repeatable("R__Z_later.sql", "CREATE OR REPLACE VIEW later AS SELECT 1 AS one;\n", true);
        Tidemark tidemark = Tidemark.configure()
                .dataSource(db)
                .statementTimeout(Duration.ofMinutes(30))
                .manifests(files.manifest())
                .load();
        CompletableFuture<MigrationFailedException> run = CompletableFuture.supplyAsync(
                () -> catchThrowableOfType(MigrationFailedException.class, tidemark::migrate));
        CancelTest.awaitSleeping(db);

        assertThat(tidemark.cancel()).isTrue();
        MigrationFailedException failure = run.get(60, TimeUnit.SECONDS);

        assertThat(failure.code()).isEqualTo(ErrorCode.INTERRUPTED);
        assertThat(failure.getMessage())
                .startsWith("[TM-R050] The run was asked to stop while repeatable migration 'Slow' (R__Slow.sql) ran;"
                        + " its statement was cancelled.\nRepeatable migration 'Slow' (R__Slow.sql) failed and was"
                        + " rolled back.")
                .contains("SQLSTATE 57014")
                .contains("Not run, as they come after it: R__Z_later.sql.")
                .doesNotContain("Fix R__Slow.sql", "statementTimeout")
                .endsWith("\nRun migrate() again to apply it and the rest.");
        assertThat(db.queryValue("SELECT count(*) FROM pg_views WHERE viewname IN ('slow', 'later')"))
                .isEqualTo("0");
        assertThat(history(db)).extracting(row -> row.get(4)).containsExactly("V1__Users.sql", "R__A_view.sql");
    }

    @Test
    void aRepeatableMigrationMissingFromTheCode_failsValidation_andRepairRemovesItsRows(TestDatabase db) {
        tidemark(db, build("one").repeatable("R__User_names.sql", VIEW, true)).migrate();
        SqlFiles without = build("two");

        assertThat(tidemark(db, without).info().repeatables())
                .extracting(RepeatableInfo::file, RepeatableInfo::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "R__User_names.sql", RepeatableInfo.State.MISSING_FROM_CODE));
        ValidationException invalid = catchThrowableOfType(
                ValidationException.class, () -> tidemark(db, without).validate());
        assertThat(invalid.getMessage())
                .contains("Repeatable migration 'User names' (R__User_names.sql) is applied in the database but"
                        + " missing from the code. Restore the file");
        assertThat(invalid.result().problems())
                .extracting(ValidationProblem::kind)
                .containsExactly(ValidationProblem.Kind.MISSING_FROM_CODE);
        assertThat(catchThrowableOfType(
                        ValidationException.class, () -> tidemark(db, without).migrate()))
                .isNotNull();

        RepairResult repaired = tidemark(db, without).repair();

        assertThat(repaired.actions())
                .extracting(RepairResult.Action::detail)
                .containsExactly("Removed the history row of repeatable migration 'User names' (R__User_names.sql),"
                        + " which the code no longer has; what it made stays in the database.");
        assertThat(tidemark(db, without).validate().valid()).isTrue();
        assertThat(db.queryValue("SELECT count(*) FROM user_names")).isEqualTo("0");
    }

    @Test
    void aHistoryTableOfAnEarlierRelease_takesRepeatableRows_onceMigrateHasUpgradedIt(TestDatabase db) {
        // As releases before repeatable migrations created it: version NOT NULL, format 2.
        db.execute("CREATE TABLE tidemark_history (installed_rank integer PRIMARY KEY, version text NOT NULL,"
                + " description text NOT NULL, type text NOT NULL, class_name text, checksum text,"
                + " installed_by text NOT NULL, installed_on timestamptz NOT NULL DEFAULT now(),"
                + " execution_time integer NOT NULL, success boolean NOT NULL, state text, statements_done integer,"
                + " statements_seen integer, statement_hashes text, stopped_in text, error text, backend_pid integer,"
                + " remarks text);"
                + " COMMENT ON TABLE tidemark_history IS 'tidemark history format 2';" + USERS
                + " INSERT INTO tidemark_history (installed_rank, version, description, type, class_name, checksum,"
                + " installed_by, execution_time, success) VALUES (1, '1', 'sql 1', 'JAVA', 'V1__Users.sql', '"
                + build("old").entries().get(0).checksum() + "', 'postgres', 5, true)");
        SqlFiles files = build("one").repeatable("R__User_names.sql", VIEW, true);

        assertThat(tidemark(db, files).info().repeatables())
                .extracting(RepeatableInfo::state)
                .containsExactly(RepeatableInfo.State.PENDING);
        assertThat(tidemark(db, files).validate().valid()).isTrue();
        assertThat(tidemark(db, files).rehearse().succeeded()).isTrue();
        assertThat(db.queryValue("SELECT obj_description('tidemark_history'::regclass, 'pg_class')"))
                .as("the rehearsal upgrades the table only in its rolled-back transaction")
                .isEqualTo("tidemark history format 2");
        MigrateResult migrated = tidemark(db, files).migrate();

        assertThat(migrated.repeatablesApplied()).containsExactly("R__User_names.sql");
        assertThat(db.queryValue("SELECT obj_description('tidemark_history'::regclass, 'pg_class')"))
                .isEqualTo("tidemark history format 3");
        assertThat(history(db))
                .containsExactly(
                        List.of("1", "1", "sql 1", "JAVA", "V1__Users.sql", "t"),
                        List.of("2", "-", "User names", "REPEATABLE", "R__User_names.sql", "t"));
        assertThat(tidemark(db, files).migrate().upToDate()).isTrue();
    }

    @Test
    void aNonTransactionalRepeatableMigration_runsOutsideATransaction(TestDatabase db) {
        SqlFiles files = build("one")
                .repeatable(
                        "R__Index.sql",
                        "-- tidemark:no-transaction\nDROP INDEX CONCURRENTLY IF EXISTS users_name;\n"
                                + "CREATE INDEX CONCURRENTLY users_name ON users (name);\n",
                        false);

        assertThat(tidemark(db, files).migrate().repeatablesApplied()).containsExactly("R__Index.sql");

        assertThat(db.queryValue("SELECT indisvalid FROM pg_index WHERE indexrelid = 'users_name'::regclass"))
                .isEqualTo("t");
        assertThat(history(db)).hasSize(2);
    }

    @Test
    void aRepeatableMigrationThatLosesTheMigrationLock_isRolledBackWithItsRow(TestDatabase db) {
        LockLossTest.armLockEnd(db);
        SqlFiles files = build("one")
                .repeatable(
                        "R__Lost.sql",
                        "CREATE OR REPLACE VIEW lost AS SELECT 1 AS one;\n" + LockLossTest.TERMINATE_LOCK_SESSION
                                + ";\n",
                        true);

        TidemarkException failure = catchThrowableOfType(
                TidemarkException.class, () -> tidemark(db, files).migrate());

        assertThat(failure.code()).isEqualTo(ErrorCode.LOCK_LOST);
        assertThat(failure.getMessage())
                .contains("The migration lock on public.tidemark_history was lost before repeatable migration 'Lost'"
                        + " (R__Lost.sql) could be recorded")
                .contains("It was rolled back with its history row. The versioned migrations up to version 1 are"
                        + " applied.");
        assertThat(db.tableExists("public", "lost")).isFalse();
        assertThat(history(db)).extracting(row -> row.get(4)).containsExactly("V1__Users.sql");

        LockLossTest.disarmLockEnd(db);
        assertThat(tidemark(db, files).migrate().repeatablesApplied()).containsExactly("R__Lost.sql");
    }

    @Test
    void aNonTransactionalRepeatableMigrationThatFails_keepsWhatRan_andSaysItRunsAgainWhole(TestDatabase db) {
        SqlFiles files = build("one")
                .repeatable(
                        "R__Indexes.sql",
                        "-- tidemark:no-transaction\nCREATE INDEX CONCURRENTLY IF NOT EXISTS users_name ON users (name);\n"
                                + "CREATE INDEX CONCURRENTLY users_nothing ON users (nothing);\n",
                        false);

        MigrationFailedException failure = catchThrowableOfType(
                MigrationFailedException.class, () -> tidemark(db, files).migrate());

        assertThat(failure.getMessage())
                .contains("Repeatable migration 'Indexes' (R__Indexes.sql) failed part way; it does not run in a"
                        + " transaction.")
                .contains("In R__Indexes.sql, the statement at line 3 failed", "42703")
                .contains("repeatable migration 'Indexes' is not recorded, so the next migrate runs it again whole;"
                        + " these of its statements ran and stay applied:\n"
                        + "  1. -- tidemark:no-transaction CREATE INDEX CONCURRENTLY IF NOT EXISTS users_name ON users")
                .contains("make each statement safe to repeat (CREATE OR REPLACE, IF NOT EXISTS)");
        assertThat(db.tableExists("public", "users_name")).isTrue();
        assertThat(history(db)).hasSize(1);
    }

    @Test
    void twoManifestsWithARepeatableMigrationOfOneDescription_areRefusedWhenLoading(TestDatabase db) {
        SqlFiles one = new SqlFiles(classes.resolve("a")).repeatable("R__Views.sql", VIEW, true);
        SqlFiles two = new SqlFiles(classes.resolve("b")).repeatable("more/R__Views.sql", VIEW, true);

        ConfigurationException refused = catchThrowableOfType(
                ConfigurationException.class,
                () -> Tidemark.configure()
                        .dataSource(db)
                        .manifests(one.manifest(), two.manifest())
                        .load());

        assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_MANIFEST);
        assertThat(refused.getMessage())
                .contains("Two repeatable migrations have the description 'Views': R__Views.sql (in ")
                .contains("Rename one of the files");
    }

    @Test
    void undoAfterARepeatableMigration_ranksItsRowAboveTheRepeatableOnes_andLeavesThemApplied(TestDatabase db) {
        SqlFiles files = build("one")
                .add("2", "V2__Email.sql", EMAIL, "U2__Email.sql", "ALTER TABLE users DROP COLUMN email;\n", true)
                .repeatable("R__User_names.sql", VIEW, true);
        tidemark(db, files).migrate();

        UndoResult undone = tidemark(db, files).undo("1");

        assertThat(undone.currentVersion()).hasToString("1");
        assertThat(history(db))
                .extracting(row -> row.get(0) + " " + row.get(1) + " " + row.get(3))
                .containsExactly("1 1 SQL", "2 2 SQL", "3 - REPEATABLE", "4 2 UNDO");
        assertThat(tidemark(db, files).info().repeatables())
                .extracting(RepeatableInfo::state)
                .containsExactly(RepeatableInfo.State.APPLIED);
        MigrateResult again = tidemark(db, files).migrate();
        assertThat(again.applied()).extracting(a -> a.version().toString()).containsExactly("2");
        assertThat(again.repeatablesApplied()).isEmpty();
        assertThat(history(db)).extracting(row -> row.get(0)).containsExactly("1", "2", "3", "4", "5");
    }

    @Test
    void aNewPlaceholderValue_appliesTheRepeatableMigrationAgain(TestDatabase db) {
        SqlFiles files = build("one")
                .repeatable(
                        "R__Grants.sql",
                        "CREATE OR REPLACE VIEW greeting AS SELECT '${greeting}'::text AS word;\n",
                        true);
        java.util.function.Function<String, Tidemark> withGreeting = greeting -> Tidemark.configure()
                .dataSource(db)
                .manifests(files.manifest())
                .placeholders(java.util.Map.of("greeting", greeting))
                .load();

        assertThat(withGreeting.apply("hello").migrate().repeatablesApplied()).containsExactly("R__Grants.sql");
        assertThat(withGreeting.apply("hello").migrate().repeatablesApplied()).isEmpty();
        assertThat(withGreeting.apply("hi").info().repeatables())
                .extracting(RepeatableInfo::state)
                .containsExactly(RepeatableInfo.State.OUTDATED);
        assertThat(withGreeting.apply("hi").migrate().repeatablesApplied()).containsExactly("R__Grants.sql");

        assertThat(db.queryValue("SELECT word FROM greeting")).isEqualTo("hi");
    }

    @Test
    void rehearse_runsTheRepeatableMigrationsMigrateWouldApply_afterTheVersionedOnes_andRollsThemBack(TestDatabase db) {
        tidemark(db, build("one").repeatable("R__User_names.sql", VIEW, true)).migrate();
        SqlFiles changed = build("two")
                .add("2", "V2__Email.sql", EMAIL, null, null, true)
                .repeatable("R__User_names.sql", VIEW_WITH_EMAIL, true)
                .repeatable(
                        "R__A_new_one.sql", "CREATE OR REPLACE VIEW user_count AS SELECT count(*) FROM users;\n", true)
                .repeatable(
                        "R__No_transaction.sql",
                        "-- tidemark:no-transaction\nCREATE INDEX CONCURRENTLY IF NOT EXISTS users_name ON users (name);\n",
                        false);
        List<List<String>> before = history(db);

        RehearsalResult rehearsed = tidemark(db, changed).rehearse();

        assertThat(rehearsed.succeeded()).isTrue();
        assertThat(rehearsed.steps())
                .extracting(
                        step -> String.valueOf(step.version()),
                        step -> step.migration().className(),
                        RehearsalResult.Step::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("2", "V2__Email.sql", RehearsalResult.Outcome.SUCCEEDED),
                        org.assertj.core.groups.Tuple.tuple(
                                "null", "R__A_new_one.sql", RehearsalResult.Outcome.SUCCEEDED),
                        org.assertj.core.groups.Tuple.tuple(
                                "null",
                                "R__No_transaction.sql",
                                RehearsalResult.Outcome.NOT_REHEARSED_NON_TRANSACTIONAL),
                        org.assertj.core.groups.Tuple.tuple(
                                "null", "R__User_names.sql", RehearsalResult.Outcome.SUCCEEDED));
        assertThat(rehearsed.steps().get(3).statements())
                .extracting(RehearsalResult.Statement::sql)
                .singleElement()
                .asString()
                .contains("SELECT id, name, email FROM users");
        assertThat(rehearsed.report())
                .contains("3 of 4 pending migrations run in one transaction that was rolled back")
                .contains("repeatable 'A new one' (R__A_new_one.sql): succeeded in")
                .contains("repeatable 'No transaction' (R__No_transaction.sql): not rehearsed: non-transactional")
                .contains("repeatable 'User names' (R__User_names.sql): succeeded in")
                .contains("Every rehearsed migration succeeded; non-transactional ones were not rehearsed");
        assertThat(rehearsed.markdown()).contains("| repeatable | User names | succeeded |");
        assertThat(ResultFormat.toJson(rehearsed))
                .contains("{\"version\":null,\"description\":\"User names\",\"className\":\"R__User_names.sql\","
                        + "\"transactional\":true,\"outcome\":\"SUCCEEDED\"");
        assertThat(history(db)).as("no history row stays").isEqualTo(before);
        assertThat(db.queryValue("SELECT to_regclass('user_count') IS NULL")).isEqualTo("t");
        assertThat(db.queryValue("SELECT to_regclass('users_name') IS NULL")).isEqualTo("t");
        assertThat(db.queryValue("SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute"
                        + " WHERE attrelid = 'user_names'::regclass AND attnum > 0"))
                .isEqualTo("id,name");
        assertThat(tidemark(db, changed).info().repeatables())
                .extracting(RepeatableInfo::state)
                .containsExactly(
                        RepeatableInfo.State.PENDING, RepeatableInfo.State.PENDING, RepeatableInfo.State.OUTDATED);
    }

    @Test
    void rehearse_analysesTheLocksOfRepeatableMigrations_runAndNotRun(TestDatabase db) {
        tidemark(db, build("one")).migrate();
        SqlFiles changed = build("one")
                .repeatable("R__Users_comment.sql", "COMMENT ON TABLE users IS 'who signs in';\n", true)
                .repeatable(
                        "R__Users_index.sql",
                        "-- tidemark:no-transaction\nCREATE INDEX CONCURRENTLY IF NOT EXISTS users_name ON users (name);\n",
                        false);

        RehearsalResult rehearsed = tidemark(db, changed).rehearse();

        assertThat(rehearsed.analysis().statements())
                .extracting(
                        StatementAnalysis::version,
                        StatementAnalysis::repeatable,
                        StatementAnalysis::number,
                        StatementAnalysis::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                null, "R__Users_comment.sql", 1, StatementAnalysis.Status.RAN),
                        org.assertj.core.groups.Tuple.tuple(
                                null, "R__Users_index.sql", 1, StatementAnalysis.Status.NOT_RUN));
        StatementAnalysis comment = rehearsed.analysis().statements().get(0);
        assertThat(comment.locks())
                .extracting(StatementAnalysis.TableLock::table, StatementAnalysis.TableLock::mode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("users", "SHARE UPDATE EXCLUSIVE"));
        assertThat(comment.sentence()).startsWith("statement 1 of repeatable migration R__Users_comment.sql ");
        assertThat(rehearsed.analysis().statements().get(1).sentence())
                .startsWith("statement 1 of repeatable migration R__Users_index.sql ");
        assertThat(rehearsed.analysis().markdown()).contains("| R__Users_comment.sql | 1 | `COMMENT ON TABLE users");
        assertThat(ResultFormat.toJson(rehearsed))
                .contains("{\"version\":null,\"repeatable\":\"R__Users_comment.sql\",\"number\":1,");
    }

    @Test
    void rehearse_ofAFailingRepeatableMigration_namesItsFileLineAndSqlState_andChangesNothing(TestDatabase db) {
        tidemark(db, build("one")).migrate();
        SqlFiles files = build("two")
                .repeatable("R__A_view.sql", VIEW, true)
                .repeatable(
                        "R__Broken.sql",
                        "CREATE VIEW broken_one AS SELECT 1 AS one;\n-- then\nCREATE VIEW broken AS\n"
                                + "  SELECT nothing FROM users;\n",
                        true)
                .repeatable("R__Later.sql", "CREATE OR REPLACE VIEW later AS SELECT 1 AS one;\n", true);

        RehearsalResult rehearsed = tidemark(db, files).rehearse();

        assertThat(rehearsed.succeeded()).isFalse();
        assertThat(rehearsed.steps())
                .extracting(RehearsalResult.Step::outcome)
                .containsExactly(
                        RehearsalResult.Outcome.SUCCEEDED,
                        RehearsalResult.Outcome.FAILED,
                        RehearsalResult.Outcome.NOT_REHEARSED_AFTER_FAILURE);
        RehearsalResult.Step failed = rehearsed.failure().orElseThrow();
        assertThat(failed.sqlState()).isEqualTo("42703");
        assertThat(failed.failedStatement()).contains("SELECT nothing FROM users");
        assertThat(failed.error())
                .contains("In R__Broken.sql, the statement at line 3 failed", "column \"nothing\" does not exist");
        assertThat(rehearsed.report())
                .contains("repeatable 'Broken' (R__Broken.sql): FAILED after")
                .contains("repeatable 'Later' (R__Later.sql): not rehearsed: an earlier migration failed")
                .contains("Repeatable migration 'Broken' would fail; migrate would apply the pending versioned"
                        + " migrations, then stop there without recording it.");
        assertThat(ResultFormat.toJson(rehearsed))
                .contains("\"className\":\"R__Broken.sql\"", "\"sqlState\":\"42703\"");
        TidemarkException failure = catchThrowableOfType(TidemarkException.class, rehearsed::assertSucceeded);
        assertThat(failure.code()).isEqualTo(ErrorCode.REHEARSAL_FAILED);
        assertThat(failure.getMessage())
                .contains("Rehearsal of repeatable migration 'Broken' (R__Broken.sql) failed.")
                .contains("In R__Broken.sql, the statement at line 3 failed", "42703")
                .contains("The database is unchanged at version 1: the rehearsal's transaction was rolled back")
                .contains("Fix R__Broken.sql (or the database it expects), then rehearse() again")
                .doesNotContain("mvn", "schema.");
        assertThat(history(db)).extracting(row -> row.get(4)).containsExactly("V1__Users.sql");
        assertThat(db.queryValue("SELECT to_regclass('user_names') IS NULL AND to_regclass('broken_one') IS NULL"))
                .isEqualTo("t");
    }
}
