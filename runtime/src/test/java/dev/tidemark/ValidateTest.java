package dev.tidemark;

import static dev.tidemark.MigrateTest.EMAIL;
import static dev.tidemark.MigrateTest.ORDERS;
import static dev.tidemark.MigrateTest.USERS;
import static dev.tidemark.MigrateTest.threeMigrations;
import static dev.tidemark.MigrateTest.tidemark;
import static dev.tidemark.testing.TestManifest.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tidemark.ValidationProblem.Kind;
import dev.tidemark.spi.MigrationEntry;
import dev.tidemark.spi.MigrationManifest;
import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.RecordingListener;
import dev.tidemark.testing.TestDatabase;
import dev.tidemark.testing.TestManifest;
import java.util.List;
import org.junit.jupiter.api.Test;

@NeedsPostgres
class ValidateTest {

    static final String EDITED_EMAIL = "ALTER TABLE users ADD COLUMN email text NOT NULL DEFAULT ''";
    static final String AUDIT = "CREATE TABLE audit (id int)";

    /** Version 2 edited, version 3 deleted, 1.5 added below the newest applied version. */
    static MigrationManifest drifted() {
        return TestManifest.of(
                sql("1", "create users", USERS), sql("1.5", "audit", AUDIT), sql("2", "add email", EDITED_EMAIL));
    }

    @Test
    void validate_listsEveryProblemAtOnce(TestDatabase db) {
        tidemark(db, threeMigrations()).migrate();

        ValidationException failure = catchThrowableOfType(
                ValidationException.class, () -> tidemark(db, drifted()).validate());

        assertThat(failure.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(failure.result().problems())
                .extracting(ValidationProblem::kind)
                .containsExactlyInAnyOrder(Kind.CHECKSUM_MISMATCH, Kind.MISSING_FROM_CODE, Kind.OUT_OF_ORDER);
        assertThat(failure.getMessage())
                .startsWith("[TM-R040] Validation of public.tidemark_history found 3 problems:")
                .contains("Migration 2 (test.V2) was changed after it was applied: the recorded checksum is "
                        + TestManifest.checksum(EMAIL) + ", the code's is " + TestManifest.checksum(EDITED_EMAIL)
                        + ". Revert the change and put it in a new migration")
                .contains("Migration 3 (test.V3, 'create orders') is applied in the database but missing from the"
                        + " code.")
                .contains("Migration 1.5 (test.V1_5) is pending but older than the newest applied migration 3."
                        + " Give it a version above 3, or allow out-of-order migrations.")
                .endsWith("\nFix each problem as its line says, then run again. For a change that does not alter what a"
                        + " migration does, repair() records the new checksum. To let older pending migrations run, set"
                        + " outOfOrder(true).");
    }

    @Test
    void validate_explainsWhyAMigrationRecordedWithAV1ChecksumNowHasAV2One(TestDatabase db) {
        tidemark(db, TestManifest.of(sql("1", "create users", USERS), sql("2", "add email", EMAIL)))
                .migrate();
        MigrationManifest withConstants = TestManifest.of(
                sql("1", "create users", USERS), withChecksum(sql("2", "add email", EMAIL), "v2:" + "2".repeat(64)));

        assertThatThrownBy(() -> tidemark(db, withConstants).validate())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Migration 2 (test.V2) was changed after it was applied")
                .hasMessageContaining("The recorded checksum (format v1) covers the migration's source only; the"
                        + " code's (format v2) also covers the values of the constants of other classes it uses")
                .hasMessageContaining("repair records the v2 checksum.");
    }

    @Test
    void validate_saysAV2ChecksumMayHaveChangedThroughAConstantOfAnotherClass(TestDatabase db) {
        tidemark(db, TestManifest.of(withChecksum(sql("1", "create users", USERS), "v2:" + "1".repeat(64))))
                .migrate();
        MigrationManifest constantEdited =
                TestManifest.of(withChecksum(sql("1", "create users", USERS), "v2:" + "2".repeat(64)));

        assertThatThrownBy(() -> tidemark(db, constantEdited).validate())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Migration 1 (test.V1) was changed after it was applied")
                .hasMessageContaining("The checksum also covers the values of the constants of other classes that"
                        + " the migration uses, so the change may be in one of those.");
    }

    private static MigrationEntry withChecksum(MigrationEntry entry, String checksum) {
        return new MigrationEntry(
                entry.version(),
                entry.description(),
                entry.className(),
                checksum,
                entry.transactional(),
                entry.undoable(),
                entry.factory());
    }

    @Test
    void migrate_validatesFirstAndAppliesNothingWhenInvalid(TestDatabase db) {
        tidemark(db, TestManifest.of(sql("1", "create users", USERS), sql("2", "add email", EMAIL)))
                .migrate();
        MigrationManifest edited = TestManifest.of(
                sql("1", "create users", USERS), sql("2", "add email", EDITED_EMAIL), sql("3", "orders", ORDERS));

        assertThatThrownBy(() -> tidemark(db, edited).migrate())
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("[TM-R040] Validation of public.tidemark_history found 1 problem before"
                        + " migrating, so nothing was applied (the database is at version 2):")
                .hasMessageContaining("Migration 2 (test.V2) was changed after it was applied");
        assertThat(db.tableExists("public", "orders")).isFalse();

        MigrateResult unchecked = Tidemark.configure()
                .dataSource(db)
                .manifests(edited)
                .validateOnMigrate(false)
                .load()
                .migrate();
        assertThat(unchecked.applied()).hasSize(1);
    }

    @Test
    void migrate_refusesOutOfOrderUnlessAllowed_thenAppliesIt(TestDatabase db) {
        tidemark(db, TestManifest.of(sql("1", "create users", USERS), sql("2", "add email", EMAIL)))
                .migrate();
        MigrationManifest late = TestManifest.of(
                sql("1", "create users", USERS), sql("1.5", "audit", AUDIT), sql("2", "add email", EMAIL));

        assertThatThrownBy(() -> Tidemark.configure()
                        .dataSource(db)
                        .manifests(late)
                        .validateOnMigrate(false)
                        .load()
                        .migrate())
                .hasMessageContaining("Migration 1.5 (test.V1_5) is pending but older than the newest applied");
        assertThat(tidemark(db, late).info().migrations().get(1).state()).isEqualTo(MigrationState.OUT_OF_ORDER);

        MigrateResult result = Tidemark.configure()
                .dataSource(db)
                .manifests(late)
                .outOfOrder(true)
                .load()
                .migrate();
        assertThat(result.applied()).extracting(a -> a.version().toString()).containsExactly("1.5");
        assertThat(db.tableExists("public", "audit")).isTrue();
        assertThat(tidemark(db, late).info().migrations())
                .extracting(MigrationInfo::state)
                .containsExactly(MigrationState.APPLIED, MigrationState.APPLIED_OUT_OF_ORDER, MigrationState.APPLIED);
        assertThat(tidemark(db, late).validate().valid()).isTrue();
    }

    @Test
    void validate_reportsPendingAndFailsOnThemOnlyWhenAsked(TestDatabase db) {
        tidemark(db, TestManifest.of(sql("1", "create users", USERS))).migrate();

        ValidateResult result = tidemark(db, threeMigrations()).validate();
        assertThat(result.valid()).isTrue();
        assertThat(result.currentVersion()).hasToString("1");
        assertThat(result.pending()).extracting(m -> m.version().toString()).containsExactly("2", "3");

        ValidationException failure = catchThrowableOfType(
                ValidationException.class,
                () -> Tidemark.configure()
                        .dataSource(db)
                        .manifests(threeMigrations())
                        .failOnPending(true)
                        .load()
                        .validate());
        assertThat(failure.result().problems())
                .extracting(ValidationProblem::kind)
                .containsOnly(Kind.PENDING);
        assertThat(failure.getMessage())
                .contains("Migration 2 (test.V2) is pending. Migrate, or do not fail on pending migrations.")
                .endsWith("Pending migrations fail validation because failOnPending(true) is set: run migrate()"
                        + " first.");
    }

    @Test
    void validate_warnsWhenTheHistoryTableIsMissing(TestDatabase db) {
        RecordingListener listener = new RecordingListener();
        ValidateResult result = Tidemark.configure()
                .dataSource(db)
                .manifests(threeMigrations())
                .listener(listener)
                .load()
                .validate();
        assertThat(result.valid()).isTrue();
        assertThat(result.warnings())
                .containsExactly("The history table public.tidemark_history does not exist: nothing has been"
                        + " applied to this database, or the schema and table settings point elsewhere.");
        assertThat(listener.lines).contains("WARN " + result.warnings().get(0));
        assertThat(db.tableExists("public", "tidemark_history")).isFalse();
    }

    @Test
    void validate_neverInstantiatesAMigration(TestDatabase db) {
        tidemark(db, threeMigrations()).migrate();
        MigrationEntry exploding = new MigrationEntry("4", "explodes", "test.V4", "v1:4", true, false, () -> {
            throw new AssertionError("validate must not create migrations");
        });
        MigrationManifest manifest = TestManifest.of(
                sql("1", "create users", USERS),
                sql("2", "add email", EDITED_EMAIL),
                sql("3", "orders", ORDERS),
                exploding);
        ValidationException failure = catchThrowableOfType(
                ValidationException.class, () -> tidemark(db, manifest).validate());
        assertThat(failure.result().pending())
                .extracting(m -> m.version().toString())
                .containsExactly("4");
        assertThat(tidemark(db, manifest).info().migrations()).hasSize(4);
    }

    @Test
    void repair_realignsChecksumsAndDescriptionsWithoutTouchingTheSchema(TestDatabase db) {
        tidemark(db, threeMigrations()).migrate();
        MigrationManifest reworded = TestManifest.of(
                sql("1", "create the users table", USERS),
                sql("2", "add email", EDITED_EMAIL),
                sql("3", "create orders", ORDERS));
        assertThat(tidemark(db, reworded).info().migrations())
                .extracting(MigrationInfo::checksumMatches)
                .containsExactly(true, false, true);

        RepairResult repair = tidemark(db, reworded).repair();
        assertThat(repair.actions())
                .extracting(RepairResult.Action::kind, a -> a.version().toString())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(RepairResult.Kind.REALIGNED_DESCRIPTION, "1"),
                        org.assertj.core.groups.Tuple.tuple(RepairResult.Kind.REALIGNED_CHECKSUM, "2"));
        assertThat(repair.actions().get(1).detail())
                .isEqualTo("Realigned the checksum of migration 2 (test.V2) from " + TestManifest.checksum(EMAIL)
                        + " to " + TestManifest.checksum(EDITED_EMAIL) + ".");
        assertThat(db.queryValue("SELECT description FROM tidemark_history WHERE version = '1'"))
                .isEqualTo("create the users table");
        assertThat(db.queryValue("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users'"
                        + " AND column_name = 'email' AND is_nullable = 'YES'"))
                .isEqualTo("1");
        assertThat(tidemark(db, reworded).validate().valid()).isTrue();
        assertThat(tidemark(db, reworded).repair().actions()).isEmpty();
    }

    @Test
    void validate_warnsOnAChangedDescription(TestDatabase db) {
        tidemark(db, threeMigrations()).migrate();
        ValidateResult result = tidemark(
                        db,
                        TestManifest.of(
                                sql("1", "users", USERS),
                                sql("2", "add email", EMAIL),
                                sql("3", "create orders", ORDERS)))
                .validate();
        assertThat(result.valid()).isTrue();
        assertThat(result.warnings())
                .containsExactly("Migration 1 (test.V1) is described as 'users' in the code but was recorded as"
                        + " 'create users'; repair realigns the history.");
        assertThat(List.of(result.currentVersion().toString())).containsExactly("3");
    }
}
