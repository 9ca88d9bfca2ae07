package dev.tidemark.internal.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.DriftMode;
import dev.tidemark.ErrorCode;
import dev.tidemark.MigrationVersion;
import dev.tidemark.ResultFormat;
import dev.tidemark.SchemaDifference;
import dev.tidemark.TidemarkEvent;
import dev.tidemark.TidemarkException;
import dev.tidemark.TidemarkListener;
import dev.tidemark.ValidateResult;
import dev.tidemark.ValidationProblem;
import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@NeedsPostgres
class DriftControlTest {

    private static final MigrationVersion V1 = MigrationVersion.parse("1");
    private static final MigrationVersion V2 = MigrationVersion.parse("2");

    private final List<String> infos = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final TidemarkListener listener = TidemarkListener.sentences((level, sentence) -> {
        if (level == TidemarkEvent.Level.WARN) {
            warnings.add(sentence);
        } else if (level == TidemarkEvent.Level.INFO) {
            infos.add(sentence);
        }
    });

    private DriftControl guard(DriftMode mode) {
        return new DriftControl("public", "tidemark_history", mode, listener);
    }

    private static final ValidateResult VALID = new ValidateResult(List.of(), List.of(), List.of(), V1);

    /** Version 1 made {@code users}; its snapshot was recorded in the migration's transaction. */
    private void migratedToVersion1(TestDatabase database, DriftControl guard) throws Exception {
        try (Connection work = database.getConnection();
                Statement statement = work.createStatement()) {
            work.setAutoCommit(false);
            guard.createTable(work);
            statement.execute("CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL)");
            guard.recordInTransaction(work, V1);
            work.commit();
        }
    }

    @Test
    void beforeMigrate_onDriftWithFail_refusesAndAppliesNothing(TestDatabase database) throws Exception {
        DriftControl guard = guard(DriftMode.FAIL);
        migratedToVersion1(database, guard);
        database.execute("ALTER TABLE users ADD COLUMN nickname text");

        try (Connection work = database.getConnection()) {
            work.setAutoCommit(false);
            assertThatThrownBy(() -> guard.beforeMigrate(work, V1, true))
                    .isInstanceOfSatisfying(
                            TidemarkException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DRIFT_DETECTED))
                    .hasMessageContaining("  - column users.nickname exists but no migration created it (found text)\n"
                            + "The database is unchanged at version 1: no migration was applied.\n");
        }
    }

    @Test
    void beforeMigrate_onDriftWithWarn_warnsAndGoesOn(TestDatabase database) throws Exception {
        DriftControl guard = guard(DriftMode.WARN);
        migratedToVersion1(database, guard);
        database.execute("ALTER TABLE users ADD COLUMN nickname text");

        try (Connection work = database.getConnection()) {
            guard.beforeMigrate(work, V1, true);
        }

        assertThat(warnings)
                .containsExactly(
                        "Drift: column users.nickname exists but no migration created it (found text)",
                        "Drift is let through, not accepted: the snapshot this run records keeps this difference,"
                                + " so later checks still report it until the schema is put back or the live schema"
                                + " is accepted as the reference (acceptDrift).");
    }

    @Test
    void beforeMigrate_onDriftWithNothingToApply_warnsInsteadOfRefusing(TestDatabase database) throws Exception {
        DriftControl guard = guard(DriftMode.FAIL);
        migratedToVersion1(database, guard);
        database.execute("DROP TABLE users");

        try (Connection work = database.getConnection()) {
            guard.beforeMigrate(work, V1, false);
        }

        assertThat(warnings).containsExactly("Drift: table users is missing (expected columns email, id)");
    }

    @Test
    void beforeMigrate_withIgnore_doesNotCompare(TestDatabase database) throws Exception {
        migratedToVersion1(database, guard(DriftMode.FAIL));
        database.execute("DROP TABLE users");

        try (Connection work = database.getConnection()) {
            guard(DriftMode.IGNORE).beforeMigrate(work, V1, true);
        }

        assertThat(warnings).isEmpty();
    }

    @Test
    void validate_onDriftWithFail_addsOneProblemPerDifference(TestDatabase database) throws Exception {
        DriftControl guard = guard(DriftMode.FAIL);
        migratedToVersion1(database, guard);
        database.execute("ALTER TABLE users ALTER COLUMN email DROP NOT NULL");

        ValidateResult result;
        try (Connection work = database.getConnection()) {
            result = guard.validate(work, VALID, V1);
        }

        assertThat(result.valid()).isFalse();
        assertThat(result.problems())
                .containsExactly(new ValidationProblem(
                        ValidationProblem.Kind.DRIFT, V1, null, "column users.email is nullable, expected NOT NULL"));
    }

    @Test
    void validate_onDriftWithWarn_addsWarningsAndStaysValid(TestDatabase database) throws Exception {
        DriftControl guard = guard(DriftMode.WARN);
        migratedToVersion1(database, guard);
        database.execute("ALTER TABLE users ALTER COLUMN email DROP NOT NULL");

        ValidateResult result;
        try (Connection work = database.getConnection()) {
            result = guard.validate(work, VALID, V1);
        }

        assertThat(result.valid()).isTrue();
        assertThat(result.warnings()).containsExactly("Drift: column users.email is nullable, expected NOT NULL");
    }

    @Test
    void recordIfMissing_afterNonTransactionalLastMigration_recordsTheCurrentVersion(TestDatabase database)
            throws Exception {
        DriftControl guard = guard(DriftMode.FAIL);
        migratedToVersion1(database, guard);
        database.execute("CREATE INDEX users_email_idx ON users (email)");

        try (Connection work = database.getConnection()) {
            guard.recordIfMissing(work, V2);
            guard.recordIfMissing(work, V2);
            assertThat(guard.diff(work, V2).drift()).isFalse();
            assertThat(guard.diff(work, V2).snapshotVersion()).isEqualTo(V2);
        }
        assertThat(database.queryValue("SELECT count(*) FROM tidemark_history_snapshot"))
                .isEqualTo("2");
        assertThat(infos)
                .containsExactly(
                        "Recorded the schema snapshot of version 2 in \"public\".\"tidemark_history_snapshot\";"
                                + " later changes by other means are reported as drift.");
    }

    @Test
    void recordInTransaction_thatFails_warnsAndKeepsTheTransaction(TestDatabase database) throws Exception {
        DriftControl guard = guard(DriftMode.FAIL);
        try (Connection work = database.getConnection();
                Statement statement = work.createStatement()) {
            work.setAutoCommit(false);
            statement.execute("CREATE TABLE users (id int)");
            guard.recordInTransaction(work, V1); // the snapshot table was never created
            work.commit();
        }

        assertThat(database.tableExists("public", "users")).isTrue();
        assertThat(warnings)
                .singleElement()
                .asString()
                .startsWith("Could not record the schema snapshot of version 1 in"
                        + " \"public\".\"tidemark_history_snapshot\" (ERROR: relation")
                .endsWith("drift is not checked until the next migrate records one.");
    }

    @Test
    void diff_reportsWithoutFailing(TestDatabase database) throws Exception {
        DriftControl guard = guard(DriftMode.FAIL);
        migratedToVersion1(database, guard);
        database.execute("CREATE TABLE audit_log (id int)");

        try (Connection work = database.getConnection()) {
            var result = guard.diff(work, V1);

            assertThat(result.drift()).isTrue();
            assertThat(result.differences())
                    .extracting(SchemaDifference::message)
                    .containsExactly("table audit_log exists but no migration created it (found columns id)");
            assertThat(ResultFormat.toJson(result))
                    .contains("\"change\":\"UNEXPECTED\",\"kind\":\"table\",\"object\":\"audit_log\"");
            assertThat(result.note()).isNull();
        }
    }
}
