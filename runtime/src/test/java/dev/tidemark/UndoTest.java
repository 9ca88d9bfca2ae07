package dev.tidemark;

import static dev.tidemark.testing.TestManifest.reversible;
import static dev.tidemark.testing.TestManifest.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tidemark.internal.lock.MigrationLock;
import dev.tidemark.spi.MigrationEntry;
import dev.tidemark.spi.MigrationManifest;
import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.RecordingListener;
import dev.tidemark.testing.TestDatabase;
import dev.tidemark.testing.TestManifest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@NeedsPostgres
class UndoTest {

    static final MigrationEntry USERS = reversible(
            "1", "create users", "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL)", "DROP TABLE users");
    static final MigrationEntry EMAIL = reversible(
            "2",
            "add email verification",
            "ALTER TABLE users ADD COLUMN email_verified boolean NOT NULL DEFAULT false",
            "ALTER TABLE users DROP COLUMN email_verified");
    static final MigrationEntry ORDERS = reversible(
            "3",
            "create orders",
            "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users);"
                    + " CREATE INDEX orders_user_idx ON orders (user_id)",
            "DROP TABLE orders");

    static MigrationManifest three() {
        return TestManifest.of(USERS, EMAIL, ORDERS);
    }

    static Tidemark tidemark(TestDatabase db, MigrationManifest manifest) {
        return Tidemark.configure().dataSource(db).manifests(manifest).load();
    }

    static Tidemark allowingNonTransactional(TestDatabase db, MigrationManifest manifest) {
        return Tidemark.configure()
                .dataSource(db)
                .manifests(manifest)
                .undoNonTransactional(true)
                .load();
    }

    static Tidemark tidemark(TestDatabase db, MigrationManifest manifest, RecordingListener listener) {
        return Tidemark.configure()
                .dataSource(db)
                .manifests(manifest)
                .listener(listener)
                .load();
    }

    @Test
    void undo_withoutTarget_revertsTheNewestAndKeepsAnAuditTrail(TestDatabase db) {
        tidemark(db, three()).migrate();
        RecordingListener listener = new RecordingListener();

        UndoResult result = tidemark(db, three(), listener).undo(null);

        assertThat(result.initialVersion()).hasToString("3");
        assertThat(result.currentVersion()).hasToString("2");
        assertThat(result.undone()).extracting(u -> u.version().toString()).containsExactly("3");
        assertThat(db.tableExists("public", "orders")).isFalse();
        assertThat(db.tableExists("public", "users")).isTrue();
        assertThat(db.query("SELECT installed_rank, version, description, type, class_name, checksum = "
                        + "(SELECT checksum FROM tidemark_history WHERE installed_rank = 3), installed_by, success"
                        + " FROM tidemark_history WHERE version = '3' ORDER BY installed_rank"))
                .containsExactly(
                        List.of("3", "3", "create orders", "JAVA", "test.V3", "t", "postgres", "t"),
                        List.of("4", "3", "create orders", "UNDO", "test.V3", "t", "postgres", "t"));
        assertThat(db.queryValue("SELECT installed_on IS NOT NULL FROM tidemark_history WHERE type = 'UNDO'"))
                .isEqualTo("t");
        assertThat(listener.all())
                .contains("INFO Undoing migration 3 of public - create orders")
                .contains("DEBUG Migration 3: DROP TABLE orders")
                .contains("INFO Undid 1 migration of schema public, now at version 2");
    }

    @Test
    void undo_thenInfoShowsPendingAgain_validateIsClean_andMigrateReappliesWithANewRow(TestDatabase db) {
        tidemark(db, three()).migrate();
        tidemark(db, three()).undo(null);

        InfoResult info = tidemark(db, three()).info();
        assertThat(info.currentVersion()).hasToString("2");
        MigrationInfo undone = info.migrations().get(2);
        assertThat(undone.state()).isEqualTo(MigrationState.UNDONE);
        assertThat(undone.type()).isEqualTo("UNDO");
        assertThat(undone.installedBy()).isEqualTo("postgres");
        assertThat(info.migrations().get(1).state()).isEqualTo(MigrationState.APPLIED);

        ValidateResult valid = tidemark(db, three()).validate();
        assertThat(valid.pending()).extracting(m -> m.version().toString()).containsExactly("3");
        assertThat(valid.warnings()).isEmpty();
        assertThat(tidemark(db, three()).diff().differences()).isEmpty();

        MigrateResult again = tidemark(db, three()).migrate();
        assertThat(again.applied()).extracting(a -> a.version().toString()).containsExactly("3");
        assertThat(db.tableExists("public", "orders")).isTrue();
        assertThat(db.query("SELECT installed_rank, type FROM tidemark_history WHERE version = '3'"
                        + " ORDER BY installed_rank"))
                .containsExactly(List.of("3", "JAVA"), List.of("4", "UNDO"), List.of("5", "JAVA"));
        assertThat(tidemark(db, three()).info().migrations().get(2).state()).isEqualTo(MigrationState.APPLIED);
        assertThat(tidemark(db, three()).validate().warnings()).isEmpty();

        // Undone twice, applied three times: still one migration, in order against itself.
        tidemark(db, three()).undo("1");
        assertThat(tidemark(db, three()).validate().pending())
                .extracting(m -> m.version().toString())
                .containsExactly("2", "3");
        tidemark(db, three()).migrate();
        assertThat(tidemark(db, three()).info().migrations())
                .extracting(MigrationInfo::state)
                .containsOnly(MigrationState.APPLIED);
    }

    @Test
    void undo_toTarget_revertsEachAboveItNewestFirst_andDriftStaysClean(TestDatabase db) {
        tidemark(db, three()).migrate();
        db.execute("INSERT INTO users VALUES (1, 'ada')");
        RecordingListener listener = new RecordingListener();

        UndoResult result = tidemark(db, three(), listener).undo("1");

        assertThat(result.undone()).extracting(u -> u.version().toString()).containsExactly("3", "2");
        assertThat(result.currentVersion()).hasToString("1");
        assertThat(listener.all().indexOf("Undoing migration 3"))
                .isLessThan(listener.all().indexOf("Undoing migration 2"));
        assertThat(db.query("SELECT column_name FROM information_schema.columns WHERE table_name = 'users'"
                        + " ORDER BY ordinal_position"))
                .containsExactly(List.of("id"), List.of("name"));
        assertThat(db.queryValue("SELECT name FROM users")).isEqualTo("ada");
        // The snapshot follows the undo: validate and diff see no drift, and no reverted object.
        assertThat(db.queryValue("SELECT version FROM tidemark_history_snapshot ORDER BY snapshot_rank DESC LIMIT 1"))
                .isEqualTo("1");
        assertThat(tidemark(db, three()).validate().warnings()).isEmpty();
        assertThat(tidemark(db, three()).diff().differences()).isEmpty();
    }

    @Test
    void undo_goesBackToTheConfiguredUndoTo_andNeverReadsTarget(TestDatabase db) {
        tidemark(db, three()).migrate();

        UndoResult result = Tidemark.configure()
                .dataSource(db)
                .manifests(three())
                .target("2")
                .undoTo("1")
                .load()
                .undo();

        assertThat(result.undone()).extracting(u -> u.version().toString()).containsExactly("3", "2");
        assertThat(result.currentVersion()).hasToString("1");
        tidemark(db, three()).migrate();
        assertThat(Tidemark.configure()
                        .dataSource(db)
                        .manifests(three())
                        .target("1")
                        .load()
                        .undo()
                        .undone())
                .as("without undoTo, only the newest, whatever migrate's target")
                .extracting(u -> u.version().toString())
                .containsExactly("3");
    }

    @Test
    void undo_everything_leavesNoVersionAndMigrateStartsAgain(TestDatabase db) {
        MigrationManifest one = TestManifest.of(USERS);
        tidemark(db, one).migrate();
        UndoResult result = tidemark(db, one).undo(null);
        assertThat(result.currentVersion()).isNull();
        assertThat(db.tableExists("public", "users")).isFalse();
        assertThat(tidemark(db, one).info().currentVersion()).isNull();
        assertThat(tidemark(db, one).validate().valid()).isTrue();
        assertThat(tidemark(db, one).migrate().applied()).hasSize(1);
    }

    @Test
    void undo_toTheCurrentVersion_doesNothing(TestDatabase db) {
        tidemark(db, three()).migrate();
        UndoResult result = tidemark(db, three()).undo("3");
        assertThat(result.undone()).isEmpty();
        assertThat(result.currentVersion()).hasToString("3");
        assertThat(db.queryValue("SELECT count(*) FROM tidemark_history")).isEqualTo("3");
    }

    @Test
    void undo_refusesTheWholeRangeWhenOneHasNoDown_andRunsNothing(TestDatabase db) {
        MigrationManifest manifest =
                TestManifest.of(USERS, sql("2", "seed data", "INSERT INTO users VALUES (1, 'ada')"), ORDERS);
        tidemark(db, manifest).migrate();

        TidemarkException failure = catchThrowableOfType(
                TidemarkException.class, () -> tidemark(db, manifest).undo("1"));

        assertThat(failure.code()).isEqualTo(ErrorCode.UNDO_WITHOUT_DOWN);
        assertThat(failure.getMessage())
                .isEqualTo("[TM-R400] Migration 2 'seed data' (test.V2) has no down() method, so it cannot be"
                        + " undone. Nothing was undone (the database is at version 3).\n"
                        + "Add a down() to it, or set undoTo to 2 to undo only the migrations above it.");
        assertThat(db.tableExists("public", "orders")).isTrue();
        assertThat(db.queryValue("SELECT count(*) FROM tidemark_history WHERE type = 'UNDO'"))
                .isEqualTo("0");
    }

    @Test
    void undo_namesEveryOffenderOfTheRange_withoutDownAndNonTransactional_beforeTouchingAnything(TestDatabase db) {
        MigrationManifest manifest = TestManifest.of(
                USERS,
                reversible(
                        "2",
                        "index names",
                        "CREATE INDEX CONCURRENTLY users_name_idx ON users (name)",
                        "DROP INDEX CONCURRENTLY users_name_idx",
                        false),
                sql("3", "seed data", "INSERT INTO users VALUES (1, 'ada')"),
                sql("4", "seed more", "INSERT INTO users VALUES (2, 'grace')"),
                reversible("5", "create orders", "CREATE TABLE orders (id bigint PRIMARY KEY)", "DROP TABLE orders"));
        tidemark(db, manifest).migrate();

        TidemarkException failure = catchThrowableOfType(
                TidemarkException.class, () -> tidemark(db, manifest).undo("1"));

        assertThat(failure.code()).isEqualTo(ErrorCode.UNDO_WITHOUT_DOWN);
        assertThat(failure.getMessage())
                .isEqualTo("[TM-R400] Migrations 4 'seed more' (test.V4) and 3 'seed data' (test.V3) have no down()"
                        + " method, so they cannot be undone.\n"
                        + "Migration 2 'index names' (test.V2) runs outside a transaction (transactional = false): a"
                        + " down() that fails part way would leave the database partly reverted.\n"
                        + "Nothing was undone (the database is at version 5).\n"
                        + "Add a down() to 4 and 3; allow undoNonTransactional for 2; or set undoTo to 4 to undo"
                        + " only the migrations above it.");
        assertThat(db.tableExists("public", "orders")).isTrue();
        assertThat(db.queryValue("SELECT count(*) FROM tidemark_history WHERE type = 'UNDO'"))
                .isEqualTo("0");
    }

    @Test
    void undo_ofTheNewestWithoutDown_neverSuggestsTheCurrentVersionAsTarget(TestDatabase db) {
        MigrationManifest manifest =
                TestManifest.of(USERS, sql("2", "seed data", "INSERT INTO users VALUES (1, 'ada')"));
        tidemark(db, manifest).migrate();

        TidemarkException failure = catchThrowableOfType(
                TidemarkException.class, () -> tidemark(db, manifest).undo(null));

        assertThat(failure.code()).isEqualTo(ErrorCode.UNDO_WITHOUT_DOWN);
        assertThat(failure.getMessage())
                .isEqualTo("[TM-R400] Migration 2 'seed data' (test.V2) has no down() method, so it cannot be"
                        + " undone. Nothing was undone (the database is at version 2).\n"
                        + "Add a down() to it.")
                .doesNotContain("target");
    }

    @Test
    void undo_refusesNonTransactionalUnlessAllowed(TestDatabase db) {
        MigrationManifest manifest = TestManifest.of(
                USERS,
                reversible(
                        "2",
                        "index names",
                        "CREATE INDEX CONCURRENTLY users_name_idx ON users (name)",
                        "DROP INDEX CONCURRENTLY users_name_idx",
                        false));
        tidemark(db, manifest).migrate();

        TidemarkException failure = catchThrowableOfType(
                TidemarkException.class, () -> tidemark(db, manifest).undo(null));
        assertThat(failure.code()).isEqualTo(ErrorCode.UNDO_NON_TRANSACTIONAL);
        assertThat(failure.getMessage())
                .startsWith("[TM-R401] Migration 2 'index names' (test.V2) runs outside a transaction"
                        + " (transactional = false)")
                .endsWith(
                        "Nothing was undone (the database is at version 2).\n" + "Allow it with undoNonTransactional.");
        assertThat(db.queryValue("SELECT to_regclass('users_name_idx') IS NOT NULL"))
                .isEqualTo("t");

        UndoResult allowed = allowingNonTransactional(db, manifest).undo(null);
        assertThat(allowed.currentVersion()).hasToString("1");
        assertThat(db.queryValue("SELECT to_regclass('users_name_idx') IS NOT NULL"))
                .isEqualTo("f");
        assertThat(tidemark(db, manifest).validate().warnings()).isEmpty();
    }

    @Test
    void undo_nonTransactionalDownFailingPartWay_recordsAFailedUndoThatRepairClears(TestDatabase db) {
        MigrationManifest manifest = TestManifest.of(
                USERS,
                reversible(
                        "2",
                        "two indexes",
                        "CREATE INDEX users_name_idx ON users (name); CREATE INDEX users_id_idx ON users (id)",
                        "DROP INDEX CONCURRENTLY users_name_idx; DROP INDEX CONCURRENTLY no_such_idx",
                        false));
        tidemark(db, manifest).migrate();
        Tidemark allowing = allowingNonTransactional(db, manifest);

        MigrationFailedException failure =
                catchThrowableOfType(MigrationFailedException.class, () -> allowing.undo(null));

        assertThat(failure.code()).isEqualTo(ErrorCode.NON_TRANSACTIONAL_UNDO_FAILED);
        assertThat(failure.getMessage())
                .startsWith("[TM-R411] Undo of migration 2 'two indexes' (test.V2), whose down() runs outside a"
                        + " transaction, failed.\n")
                .contains("SQLSTATE 42704: index \"no_such_idx\" does not exist")
                .contains(
                        "these of its statements ran and stay applied:\n  1. DROP INDEX CONCURRENTLY users_name_idx\n")
                .contains("A failed undo row for version 2 is recorded in public.tidemark_history")
                .endsWith("\nFinish or reverse by hand what the down() of migration 2 did, then run"
                        + " repair() (which leaves the migration applied).");
        assertThat(db.queryValue("SELECT type || ' ' || success FROM tidemark_history ORDER BY installed_rank DESC"
                        + " LIMIT 1"))
                .isEqualTo("UNDO false");
        assertThat(tidemark(db, manifest).info().migrations().get(1).state()).isEqualTo(MigrationState.FAILED);
        TidemarkException refused = catchThrowableOfType(TidemarkException.class, () -> allowing.undo(null));
        assertThat(refused.code()).isEqualTo(ErrorCode.FAILED_MIGRATION_PRESENT);
        assertThat(refused.getMessage())
                .startsWith("[TM-R042] The undo of migration 2 'two indexes' (test.V2) is recorded as failed (on ")
                .contains("; nothing was undone.\n");

        tidemark(db, manifest).repair();
        assertThat(tidemark(db, manifest).info().migrations().get(1).state()).isEqualTo(MigrationState.APPLIED);
    }

    @Test
    void undo_failingDown_rollsBackThatStepAndSaysWhereTheDatabaseIs(TestDatabase db) {
        MigrationManifest manifest = TestManifest.of(
                USERS,
                reversible(
                        "2",
                        "add email verification",
                        "ALTER TABLE users ADD COLUMN email_verified boolean",
                        "DROP INDEX users_email_verified_idx;\nALTER TABLE users DROP COLUMN email_verified"),
                ORDERS);
        tidemark(db, manifest).migrate();

        MigrationFailedException failure = catchThrowableOfType(
                MigrationFailedException.class, () -> tidemark(db, manifest).undo("1"));

        assertThat(failure.code()).isEqualTo(ErrorCode.UNDO_FAILED);
        assertThat(failure.getMessage())
                .startsWith("[TM-R410] Undo of migration 2 'add email verification' (test.V2) failed and was rolled"
                        + " back.\nStatement:\n    DROP INDEX users_email_verified_idx\n")
                .contains("PostgreSQL: SQLSTATE 42704: index \"users_email_verified_idx\" does not exist")
                .contains("The database is at version 2: nothing of this undo remains, and migration 2 is still"
                        + " applied; migration 3 was undone before it and stays undone.\n")
                .endsWith("\nFix the down() of migration 2 (or the data it expects), then run undo() again.");
        assertThat(failure.currentVersion()).hasToString("2");
        assertThat(failure.sqlState()).isEqualTo("42704");
        assertThat(db.tableExists("public", "orders")).isFalse();
        assertThat(db.queryValue(
                        "SELECT count(*) FROM information_schema.columns WHERE column_name =" + " 'email_verified'"))
                .isEqualTo("1");
        assertThat(db.query("SELECT version, type FROM tidemark_history WHERE type = 'UNDO'"))
                .containsExactly(List.of("3", "UNDO"));
        assertThat(tidemark(db, manifest).info().currentVersion()).hasToString("2");
        assertThat(tidemark(db, manifest).validate().warnings()).isEmpty();
    }

    @Test
    void undo_refusesATargetBelowTheBaseline_andTheBaselineItself(TestDatabase db) {
        db.execute("CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);"
                + " ALTER TABLE users ADD COLUMN email_verified boolean NOT NULL DEFAULT false");
        tidemark(db, three()).baseline("2");

        TidemarkException onBaseline = catchThrowableOfType(
                TidemarkException.class, () -> tidemark(db, three()).undo(null));
        assertThat(onBaseline.code()).isEqualTo(ErrorCode.UNDO_BELOW_BASELINE);
        assertThat(onBaseline.getMessage())
                .startsWith("[TM-R402] The newest version of public.tidemark_history is the baseline 2: the schema"
                        + " up to the baseline was made by other means")
                .endsWith("\nSet undoTo(String) to 2 or above; to go further back, change the schema by hand.");

        tidemark(db, three()).migrate();
        TidemarkException below = catchThrowableOfType(
                TidemarkException.class, () -> tidemark(db, three()).undo("1"));
        assertThat(below.code()).isEqualTo(ErrorCode.UNDO_BELOW_BASELINE);
        assertThat(below.getMessage())
                .startsWith("[TM-R402] undoTo(String) 1 is below the baseline 2 of public.tidemark_history")
                .contains("Nothing was undone (the database is at version 2 or above).");
        assertThat(db.tableExists("public", "orders")).isTrue();

        assertThat(tidemark(db, three()).undo("2").undone())
                .extracting(u -> u.version().toString())
                .containsExactly("3");
    }

    @Test
    void undo_refusesUnknownTargetsAndTargetsAboveTheCurrentVersion(TestDatabase db) {
        tidemark(db, TestManifest.of(USERS, EMAIL)).migrate();

        TidemarkException unknown = catchThrowableOfType(
                TidemarkException.class, () -> tidemark(db, three()).undo("1.5"));
        assertThat(unknown.code()).isEqualTo(ErrorCode.UNDO_INVALID_TARGET);
        assertThat(unknown.getMessage())
                .isEqualTo("[TM-R403] undoTo(String) 1.5 is neither a migration of the code nor a version in"
                        + " public.tidemark_history; nothing was undone (the database is at version 2).\n"
                        + "Set undoTo(String) to the version to go back to, one of 1, 2, 3.");

        TidemarkException above = catchThrowableOfType(
                TidemarkException.class, () -> tidemark(db, three()).undo("3"));
        assertThat(above.code()).isEqualTo(ErrorCode.UNDO_INVALID_TARGET);
        assertThat(above.getMessage())
                .isEqualTo("[TM-R403] undoTo(String) 3 is above the version the database is at (2); undo only goes"
                        + " back, and nothing was undone.\nSet undoTo(String) to a version below 2, or run migrate() with"
                        + " target(\"3\") to go forward.");

        ConfigurationException malformed = catchThrowableOfType(
                ConfigurationException.class, () -> tidemark(db, three()).undo("v2"));
        assertThat(malformed.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
        assertThat(malformed.getMessage())
                .startsWith("[TM-R001] undoTo(String) is 'v2': ")
                .endsWith("\nGive the version to go back to (its migration stays applied), or leave the setting"
                        + " out to undo only the newest migration.");
        assertThat(malformed.setting()).isEqualTo(Setting.UNDO_TO);
        assertThat(db.queryValue("SELECT count(*) FROM tidemark_history")).isEqualTo("2");
    }

    @Test
    void undo_refusesAMigrationMissingFromTheCodeOrChangedSinceApplied(TestDatabase db) {
        tidemark(db, three()).migrate();

        TidemarkException missing = catchThrowableOfType(
                TidemarkException.class,
                () -> tidemark(db, TestManifest.of(USERS, EMAIL)).undo(null));
        assertThat(missing.code()).isEqualTo(ErrorCode.UNDO_MISSING_FROM_CODE);
        assertThat(missing.getMessage())
                .isEqualTo("[TM-R404] Migration 3 'create orders' (test.V3) is applied but missing from the code, so"
                        + " there is no down() to run. Nothing was undone (the database is at version 3).\n"
                        + "Restore the class (a build from an older branch?).");

        MigrationManifest edited = TestManifest.of(
                USERS, EMAIL, reversible("3", "create orders", "CREATE TABLE orders (id int)", "DROP TABLE orders"));
        TidemarkException changed = catchThrowableOfType(
                TidemarkException.class, () -> tidemark(db, edited).undo(null));
        assertThat(changed.code()).isEqualTo(ErrorCode.UNDO_CHANGED_MIGRATION);
        assertThat(changed.getMessage())
                .startsWith("[TM-R405] Migration 3 'create orders' (test.V3) was changed after being applied, so"
                        + " its down() may not revert what its up() did:\n  - 3: recorded v1:")
                .contains("\nNothing was undone (the database is at version 3).\n")
                .endsWith("\nRevert the change to the class, or run validate and repair if the change is harmless,"
                        + " then undo again.");
        assertThat(db.tableExists("public", "orders")).isTrue();
    }

    @Test
    void undo_withNothingApplied_saysSo(TestDatabase db) {
        TidemarkException failure = catchThrowableOfType(
                TidemarkException.class, () -> tidemark(db, three()).undo(null));
        assertThat(failure.code()).isEqualTo(ErrorCode.NOTHING_TO_UNDO);
        assertThat(failure.getMessage())
                .isEqualTo("[TM-R406] Nothing to undo in public.tidemark_history: no migration is applied. Nothing"
                        + " was changed.\nRun info() to see where the database stands.");
    }

    /**
     * An undo records one snapshot, with its last step; a step that fails and is rolled back leaves
     * the steps before it committed without one, so the failure records the version reached.
     */
    @Test
    void undo_failingInTheMiddle_recordsTheSnapshotOfTheVersionReached_soValidateChecksDriftAgainstIt(TestDatabase db) {
        MigrationManifest manifest = TestManifest.of(
                USERS,
                EMAIL,
                reversible("3", "create orders", "CREATE TABLE orders (id bigint PRIMARY KEY)", "DROP TABLE no_such"),
                reversible("4", "create notes", "CREATE TABLE notes (id bigint PRIMARY KEY)", "DROP TABLE notes"));
        tidemark(db, manifest).migrate();

        MigrationFailedException failure = catchThrowableOfType(
                MigrationFailedException.class, () -> tidemark(db, manifest).undo("1"));

        assertThat(failure.code()).isEqualTo(ErrorCode.UNDO_FAILED);
        assertThat(failure.currentVersion()).hasToString("3");
        assertThat(db.queryValue("SELECT version FROM tidemark_history_snapshot ORDER BY snapshot_rank DESC LIMIT 1"))
                .isEqualTo("3");
        ValidateResult clean = tidemark(db, manifest).validate();
        assertThat(clean.valid()).isTrue();
        assertThat(clean.warnings()).isEmpty();

        db.execute("ALTER TABLE orders ADD COLUMN note text");
        ValidationException drift = catchThrowableOfType(
                ValidationException.class, () -> tidemark(db, manifest).validate());
        assertThat(drift.result().problems())
                .extracting(ValidationProblem::kind, ValidationProblem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        ValidationProblem.Kind.DRIFT,
                        "column orders.note exists but no migration created it (found text)"));
    }

    /**
     * A non-transactional down that fails part way cannot be rolled back, so the snapshot of the
     * version before it is recorded before it runs: once repaired, what it did is drift.
     */
    @Test
    void undo_nonTransactionalDownAfterOthersFailingPartWay_isDriftAgainstTheVersionBeforeIt(TestDatabase db) {
        MigrationManifest manifest = TestManifest.of(
                USERS,
                reversible(
                        "2",
                        "two indexes",
                        "CREATE INDEX users_name_idx ON users (name)",
                        "DROP INDEX CONCURRENTLY users_name_idx; DROP INDEX CONCURRENTLY no_such_idx",
                        false),
                ORDERS);
        tidemark(db, manifest).migrate();
        Tidemark allowing = allowingNonTransactional(db, manifest);

        MigrationFailedException failure =
                catchThrowableOfType(MigrationFailedException.class, () -> allowing.undo("1"));

        assertThat(failure.code()).isEqualTo(ErrorCode.NON_TRANSACTIONAL_UNDO_FAILED);
        assertThat(db.queryValue("SELECT version FROM tidemark_history_snapshot ORDER BY snapshot_rank DESC LIMIT 1"))
                .isEqualTo("2");
        tidemark(db, manifest).repair();
        ValidationException drift = catchThrowableOfType(
                ValidationException.class, () -> tidemark(db, manifest).validate());
        assertThat(drift.result().problems())
                .extracting(ValidationProblem::kind)
                .containsExactly(ValidationProblem.Kind.DRIFT);
        assertThat(drift.result().problems().get(0).message()).contains("users_name_idx");
    }

    @Test
    void undo_onDriftedSchema_refusesBeforeRunningAnyDown(TestDatabase db) {
        tidemark(db, three()).migrate();
        db.execute("ALTER TABLE orders ADD COLUMN note text");
        TidemarkException failure = catchThrowableOfType(
                TidemarkException.class, () -> tidemark(db, three()).undo(null));
        assertThat(failure.code()).isEqualTo(ErrorCode.DRIFT_DETECTED);
        assertThat(failure.getMessage()).contains("column orders.note exists but no migration created it");
        assertThat(db.tableExists("public", "orders")).isTrue();
    }

    @Test
    void undo_waitsForTheMigrationLock(TestDatabase db) throws Exception {
        tidemark(db, three()).migrate();
        long key = MigrationLock.keyFor("\"public\".\"tidemark_history\"");
        try (Connection holder = db.getConnection();
                Statement statement = holder.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + key + ")");
            LockWaitTimeoutException failure = catchThrowableOfType(
                    LockWaitTimeoutException.class,
                    () -> Tidemark.configure()
                            .dataSource(db)
                            .manifests(three())
                            .lockWait(Duration.ofMillis(300))
                            .load()
                            .undo(null));
            assertThat(failure.code()).isEqualTo(ErrorCode.LOCK_WAIT_TIMEOUT);
        }
        assertThat(db.tableExists("public", "orders")).isTrue();
    }
}
