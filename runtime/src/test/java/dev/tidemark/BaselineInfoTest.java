package dev.tidemark;

import static dev.tidemark.MigrateTest.EMAIL;
import static dev.tidemark.MigrateTest.ORDERS;
import static dev.tidemark.MigrateTest.USERS;
import static dev.tidemark.MigrateTest.threeMigrations;
import static dev.tidemark.MigrateTest.tidemark;
import static dev.tidemark.testing.TestManifest.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tidemark.spi.MigrationManifest;
import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.TestDatabase;
import dev.tidemark.testing.TestManifest;
import java.util.List;
import org.junit.jupiter.api.Test;

@NeedsPostgres
class BaselineInfoTest {

    @Test
    void baseline_recordsABaselineRowOnAnEmptyHistory(TestDatabase db) {
        db.execute(USERS);
        BaselineResult result = tidemark(db, threeMigrations()).baseline("1");
        assertThat(result.version()).hasToString("1");
        assertThat(result.coveredMigrations()).isEqualTo(1);
        assertThat(db.query("SELECT installed_rank, version, type, class_name, checksum, success FROM"
                        + " tidemark_history"))
                .containsExactly(java.util.Arrays.asList("1", "1", "BASELINE", null, null, "t"));
        assertThat(tidemark(db, threeMigrations()).migrate().applied())
                .extracting(a -> a.version().toString())
                .containsExactly("2", "3");
    }

    @Test
    void baseline_refusesAVersionNoMigrationHas(TestDatabase db) {
        MigrationManifest manifest = TestManifest.of(
                sql("1", "a", USERS), sql("2", "b", EMAIL), sql("4", "c", ORDERS), sql("5", "d", "SELECT 1"));
        TidemarkException failure = catchThrowableOfType(
                TidemarkException.class, () -> tidemark(db, manifest).baseline("3"));
        assertThat(failure.code()).isEqualTo(ErrorCode.BASELINE_UNKNOWN_VERSION);
        assertThat(failure.getMessage())
                .isEqualTo("[TM-R201] Cannot baseline at version 3: no migration of the code has that version"
                        + " (nearest: 1, 2, 4, 5). Nothing was recorded.\n"
                        + "Give the version of the newest migration whose changes the schema already has.");
        assertThat(db.tableExists("public", "tidemark_history")).isFalse();
    }

    @Test
    void baseline_refusesAHistoryWithRows(TestDatabase db) {
        tidemark(db, threeMigrations()).migrate();
        TidemarkException failure = catchThrowableOfType(
                TidemarkException.class, () -> tidemark(db, threeMigrations()).baseline("2"));
        assertThat(failure.code()).isEqualTo(ErrorCode.BASELINE_HISTORY_NOT_EMPTY);
        assertThat(failure.getMessage())
                .startsWith("[TM-R200] Cannot baseline public.tidemark_history: its history already has 3 rows (at"
                        + " version 3)")
                .endsWith("\nBaseline only adopts a database without history; run info() to see where this one"
                        + " stands, and migrate() to bring it up to date.");
    }

    @Test
    void baseline_refusesAMalformedVersion(TestDatabase db) {
        ConfigurationException failure = catchThrowableOfType(
                ConfigurationException.class,
                () -> tidemark(db, threeMigrations()).baseline("v2"));
        assertThat(failure.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
        assertThat(failure.getMessage())
                .startsWith(
                        "[TM-R001] The version given to baseline(version) is not a version: version 'v2' is malformed");
    }

    @Test
    void info_showsEveryMigrationOfCodeAndHistoryWithItsState(TestDatabase db) {
        tidemark(db, threeMigrations()).migrate();
        MigrationManifest later = TestManifest.of(
                sql("1", "create users", USERS),
                sql("2", "add email", "ALTER TABLE users ADD COLUMN email varchar(200)"),
                sql("4", "four", "SELECT 4"),
                sql("5", "five", "SELECT 5"));
        InfoResult info = Tidemark.configure()
                .dataSource(db)
                .manifests(later)
                .target("4")
                .load()
                .info();

        assertThat(info.currentVersion()).hasToString("3");
        assertThat(info.schema()).isEqualTo("public");
        assertThat(info.table()).isEqualTo("tidemark_history");
        assertThat(info.migrations())
                .extracting(i -> i.version().toString(), MigrationInfo::state, MigrationInfo::checksumMatches)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("1", MigrationState.APPLIED, true),
                        org.assertj.core.groups.Tuple.tuple("2", MigrationState.APPLIED, false),
                        org.assertj.core.groups.Tuple.tuple("3", MigrationState.MISSING_FROM_CODE, null),
                        org.assertj.core.groups.Tuple.tuple("4", MigrationState.PENDING, null),
                        org.assertj.core.groups.Tuple.tuple("5", MigrationState.ABOVE_TARGET, null));
        MigrationInfo first = info.migrations().get(0);
        assertThat(first.installedOn()).isNotNull();
        assertThat(first.installedBy()).isEqualTo("postgres");
        assertThat(first.executionTime()).isNotNull();
        assertThat(first.type()).isEqualTo("JAVA");
        assertThat(first.className()).isEqualTo("test.V1");
        assertThat(info.migrations().get(2).description()).isEqualTo("create orders");
        assertThat(info.migrations().get(3).installedOn()).isNull();
    }

    @Test
    void info_onADatabaseWithoutHistoryShowsEverythingPendingAndCreatesNothing(TestDatabase db) {
        InfoResult info = tidemark(db, threeMigrations()).info();
        assertThat(info.currentVersion()).isNull();
        assertThat(info.migrations()).extracting(MigrationInfo::state).containsOnly(MigrationState.PENDING);
        assertThat(db.query("SELECT 1 FROM pg_namespace WHERE nspname = 'public'"))
                .isEqualTo(List.of(List.of("1")));
        assertThat(db.tableExists("public", "tidemark_history")).isFalse();
    }

    @Test
    void history_refusesATableThatIsNotTidemarks(TestDatabase db) {
        db.execute("CREATE TABLE tidemark_history (id int)");
        TidemarkException failure = catchThrowableOfType(
                TidemarkException.class, () -> tidemark(db, threeMigrations()).info());
        assertThat(failure.code()).isEqualTo(ErrorCode.INCOMPATIBLE_HISTORY);
        assertThat(failure.getMessage())
                .contains("The table public.tidemark_history exists but is not a Tidemark history table")
                .contains("\nNothing was done. Set table(String) to another name");
    }

    @Test
    void history_refusesANewerFormat(TestDatabase db) {
        tidemark(db, threeMigrations()).migrate();
        db.execute("COMMENT ON TABLE tidemark_history IS 'tidemark history format 4'");
        TidemarkException failure = catchThrowableOfType(
                TidemarkException.class, () -> tidemark(db, threeMigrations()).migrate());
        assertThat(failure.code()).isEqualTo(ErrorCode.INCOMPATIBLE_HISTORY);
        assertThat(failure.getMessage())
                .contains("has format 4, written by a newer Tidemark; this one understands format 3.")
                .contains("\nNothing was done. Use the Tidemark version that last migrated this database");
    }

    @Test
    void history_withARowOfMalformedVersion_isRefusedNamingTheRow(TestDatabase db) {
        tidemark(db, threeMigrations()).migrate();
        db.execute("INSERT INTO tidemark_history (installed_rank, version, description, type, class_name, checksum,"
                + " installed_by, execution_time, success) VALUES (4, 'V4__by_hand', 'by hand', 'SQL', 'x', 'x',"
                + " 'dba', 0, true)");

        TidemarkException failure = catchThrowableOfType(
                TidemarkException.class, () -> tidemark(db, threeMigrations()).validate());

        assertThat(failure.code()).isEqualTo(ErrorCode.INCOMPATIBLE_HISTORY);
        assertThat(failure.getMessage())
                .contains("The history table public.tidemark_history has a row (installed_rank 4) with the"
                        + " malformed version 'V4__by_hand'; nothing was done.")
                .endsWith("\nCorrect or delete that row by hand; it was not written by Tidemark.");
    }
}
