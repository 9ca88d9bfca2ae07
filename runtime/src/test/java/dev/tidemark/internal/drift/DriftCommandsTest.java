package dev.tidemark.internal.drift;

import static dev.tidemark.testing.TestManifest.nonTransactional;
import static dev.tidemark.testing.TestManifest.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tidemark.DiffResult;
import dev.tidemark.DriftAcceptance;
import dev.tidemark.DriftMode;
import dev.tidemark.ErrorCode;
import dev.tidemark.MigrationFailedException;
import dev.tidemark.MigrationVersion;
import dev.tidemark.ResultFormat;
import dev.tidemark.SchemaDifference;
import dev.tidemark.Tidemark;
import dev.tidemark.TidemarkException;
import dev.tidemark.ValidateResult;
import dev.tidemark.ValidationException;
import dev.tidemark.ValidationProblem;
import dev.tidemark.internal.shadow.BaselineSearchTest;
import dev.tidemark.spi.MigrationEntry;
import dev.tidemark.spi.MigrationManifest;
import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.RecordingListener;
import dev.tidemark.testing.TestDatabase;
import dev.tidemark.testing.TestManifest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Drift through the public API: what migrate, validate, baseline and diff do about it. */
@NeedsPostgres
class DriftCommandsTest {

    private static final String USERS = "CREATE TABLE user_subscriptions (id uuid PRIMARY KEY, user_id text NOT NULL)";
    private static final String TIER = "ALTER TABLE user_subscriptions ADD COLUMN tier text NOT NULL DEFAULT 'free'";
    private static final String WORKSPACE = "ALTER TABLE user_subscriptions ADD COLUMN workspace_id uuid";

    private final RecordingListener listener = new RecordingListener();

    private Tidemark tidemark(TestDatabase db, DriftMode drift, MigrationEntry... migrations) {
        return Tidemark.configure()
                .dataSource(db)
                .manifests(TestManifest.of(migrations))
                .listener(listener)
                .drift(drift)
                .load();
    }

    private Tidemark tidemark(TestDatabase db, MigrationEntry... migrations) {
        return tidemark(db, DriftMode.FAIL, migrations);
    }

    /** The problems validate fails with, each as its sentence; validate must fail. */
    private static List<String> validationProblems(Tidemark tidemark) {
        ValidationException failure = catchThrowableOfType(ValidationException.class, tidemark::validate);
        assertThat(failure).as("validate fails").isNotNull();
        return failure.result().problems().stream()
                .map(ValidationProblem::message)
                .toList();
    }

    @Test
    void migrate_recordsOneSnapshotOfTheVersionItEndsAt(TestDatabase db) {
        tidemark(db, sql("1", "users", USERS), sql("2", "tier", TIER)).migrate();

        assertThat(db.query("SELECT snapshot_rank, version, fingerprint FROM tidemark_history_snapshot"))
                .singleElement()
                .satisfies(row -> {
                    assertThat(row.get(0)).isEqualTo("1");
                    assertThat(row.get(1)).isEqualTo("2");
                    assertThat(row.get(2)).startsWith("v1:");
                });
        assertThat(db.queryValue("SELECT snapshot FROM tidemark_history_snapshot"))
                .contains("column\tpublic\tuser_subscriptions\ttier\tdefault='free'::text\tnot_null=true\ttype=text")
                .doesNotContain("tidemark_history");
    }

    @Test
    void migrate_commitsTheSnapshotWithTheLastHistoryRowOrNeither(TestDatabase db) {
        tidemark(db, sql("1", "users", USERS)).migrate();
        // Migration 2 makes its own transaction fail at commit, after its history row and the snapshot.
        String failAtCommit = """
                CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'refused at commit'; END $$;
                CREATE CONSTRAINT TRIGGER refuse_at_commit AFTER INSERT ON tidemark_history_snapshot
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse();
                """;

        TidemarkException failure = catchThrowableOfType(
                TidemarkException.class,
                () -> tidemark(db, sql("1", "users", USERS), sql("2", "fails at commit", failAtCommit))
                        .migrate());

        assertThat(failure.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
        assertThat(db.query("SELECT version FROM tidemark_history")).containsExactly(List.of("1"));
        assertThat(db.query("SELECT version FROM tidemark_history_snapshot")).containsExactly(List.of("1"));
        assertThat(db.queryValue("SELECT count(*) FROM pg_proc WHERE proname = 'refuse'"))
                .isEqualTo("0");
    }

    @Test
    void validate_rightAfterMigratingEveryKindOfObject_reportsNoDrift(TestDatabase db) {
        List<MigrationEntry> migrations = new ArrayList<>();
        for (String statement : SchemaFixtures.EVERY_KIND) {
            if (!statement.contains("tidemark_history")) {
                migrations.add(sql(String.valueOf(migrations.size() + 1), "step", statement));
            }
        }
        Tidemark tidemark = tidemark(db, migrations.toArray(MigrationEntry[]::new));
        tidemark.migrate();

        ValidateResult result = tidemark.validate();
        DiffResult diff = tidemark.diff();

        assertThat(result.valid()).isTrue();
        assertThat(result.warnings()).isEmpty();
        assertThat(diff.drift()).isFalse();
        assertThat(diff.snapshotRecorded()).isTrue();
        assertThat(diff.foundFingerprint()).isEqualTo(diff.expectedFingerprint());
        assertThat(diff.snapshotVersion()).isEqualTo(MigrationVersion.parse(String.valueOf(migrations.size())));
    }

    /** Seed 002: columns missing after a deploy that "succeeded"; validate is the CI gate that fails. */
    @Test
    void validate_afterColumnsDroppedByHand_failsNamingEachColumn(TestDatabase db) {
        tidemark(db, sql("1", "users", USERS), sql("2", "tier", TIER), sql("3", "workspace", WORKSPACE))
                .migrate();
        db.execute("ALTER TABLE user_subscriptions DROP COLUMN tier, DROP COLUMN workspace_id");

        ValidationException failure = catchThrowableOfType(
                ValidationException.class,
                () -> tidemark(db, sql("1", "users", USERS), sql("2", "tier", TIER), sql("3", "workspace", WORKSPACE))
                        .validate());

        assertThat(failure.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(failure.result().problems())
                .extracting(ValidationProblem::kind, ValidationProblem::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                ValidationProblem.Kind.DRIFT,
                                "column user_subscriptions.tier is missing (expected text NOT NULL DEFAULT"
                                        + " 'free'::text)"),
                        org.assertj.core.groups.Tuple.tuple(
                                ValidationProblem.Kind.DRIFT,
                                "column user_subscriptions.workspace_id is missing (expected uuid)"));
        assertThat(failure.result().warnings())
                .containsExactly("Schema public differs from the snapshot recorded at version 3: put it back as its"
                        + " migrations left it (diff lists every difference, also as JSON) and write wanted"
                        + " changes as migrations, or set drift to warn; to keep the changes as they are, accept the"
                        + " live schema as the new reference (acceptDrift), which records who accepted which"
                        + " differences.");
        assertThat(failure.getMessage())
                .contains(
                        "\n  - column user_subscriptions.tier is missing (expected text NOT NULL DEFAULT 'free'::text)")
                .endsWith("\nFix each problem as its line says, then run again. Put the schema back as its"
                        + " migrations left it (diff() lists every difference, also as JSON), then write any change"
                        + " worth keeping as a migration; to keep the changes as they are, acceptDrift() accepts the"
                        + " live schema as the new reference and records who accepted which differences; to migrate"
                        + " on top of the changes anyway, set drift(DriftMode.WARN), which leaves them reported.");
    }

    @Test
    void validate_withDriftWarn_passesAndWarns(TestDatabase db) {
        tidemark(db, sql("1", "users", USERS)).migrate();
        db.execute("CREATE INDEX subscriptions_user_idx ON user_subscriptions (user_id)");

        ValidateResult result =
                tidemark(db, DriftMode.WARN, sql("1", "users", USERS)).validate();

        assertThat(result.valid()).isTrue();
        assertThat(result.warnings())
                .containsExactly("Drift: index subscriptions_user_idx exists but no migration created it (found CREATE"
                        + " INDEX subscriptions_user_idx ON public.user_subscriptions USING btree (user_id))");
        assertThat(listener.all()).contains("WARN Drift: index subscriptions_user_idx exists");
    }

    @Test
    void validate_withDriftIgnore_doesNotCompare(TestDatabase db) {
        tidemark(db, sql("1", "users", USERS)).migrate();
        db.execute("DROP TABLE user_subscriptions");

        ValidateResult result =
                tidemark(db, DriftMode.IGNORE, sql("1", "users", USERS)).validate();

        assertThat(result.valid()).isTrue();
        assertThat(result.warnings()).isEmpty();
    }

    /** Seed 001: a column added by hand that the next migration adds: migrate refuses before it runs. */
    @Test
    void migrate_onDrift_refusesBeforeApplyingAnything(TestDatabase db) {
        tidemark(db, sql("1", "users", USERS), sql("2", "tier", TIER)).migrate();
        db.execute(WORKSPACE);

        TidemarkException failure = catchThrowableOfType(
                TidemarkException.class,
                () -> tidemark(db, sql("1", "users", USERS), sql("2", "tier", TIER), sql("3", "workspace", WORKSPACE))
                        .migrate());

        assertThat(failure.code()).isEqualTo(ErrorCode.DRIFT_DETECTED);
        assertThat(failure.getMessage())
                .startsWith("[TM-R300] The schema \"public\" no longer matches what its migrations made (snapshot of"
                        + " version 2, v1:")
                .contains("1 difference:\n"
                        + "  - column user_subscriptions.workspace_id exists but no migration created it (found uuid)\n"
                        + "The database is unchanged at version 2: no migration was applied.\n")
                .endsWith("; to keep the changes as they are, acceptDrift() accepts the live schema as the new"
                        + " reference and records who accepted which differences; to migrate on top of the changes"
                        + " anyway, set drift(DriftMode.WARN), which leaves them reported.");
        assertThat(db.queryValue("SELECT max(version) FROM tidemark_history")).isEqualTo("2");
    }

    @Test
    void migrate_onDriftWithWarn_goesOnWarningButKeepsTheDriftInWhatItRecords(TestDatabase db) {
        tidemark(db, sql("1", "users", USERS)).migrate();
        db.execute("CREATE INDEX subscriptions_user_idx ON user_subscriptions (user_id)");

        tidemark(db, DriftMode.WARN, sql("1", "users", USERS), sql("2", "tier", TIER))
                .migrate();

        assertThat(listener.all())
                .contains("WARN Drift: index subscriptions_user_idx exists but no migration created it")
                .contains("WARN Drift is let through, not accepted: the snapshot this run records keeps this"
                        + " difference, so later checks still report it until the schema is put back or the live"
                        + " schema is accepted as the reference (acceptDrift).");
        assertThat(validationProblems(tidemark(db, sql("1", "users", USERS), sql("2", "tier", TIER))))
                .containsExactly("index subscriptions_user_idx exists but no migration created it (found CREATE"
                        + " INDEX subscriptions_user_idx ON public.user_subscriptions USING btree (user_id))");
        // What migration 2 made is in the reference: only the hand-made index is drift.
        assertThat(db.queryValue("SELECT snapshot FROM tidemark_history_snapshot WHERE version = '2'"))
                .contains("column\tpublic\tuser_subscriptions\ttier")
                .doesNotContain("subscriptions_user_idx");
    }

    /** Issue 15.4: a WARN run used to adopt a hand-made table, and dropping it then failed validate for good. */
    @Test
    void migrate_withWarnOverHandMadeTable_thenDroppingIt_validatesClean(TestDatabase db) {
        tidemark(db, sql("1", "users", USERS)).migrate();
        db.execute("CREATE TABLE audit_log (id int, what text)");
        tidemark(db, DriftMode.WARN, sql("1", "users", USERS), sql("2", "tier", TIER))
                .migrate();
        assertThat(validationProblems(tidemark(db, sql("1", "users", USERS), sql("2", "tier", TIER))))
                .containsExactly("table audit_log exists but no migration created it (found columns id, what)");

        db.execute("DROP TABLE audit_log");

        assertThat(tidemark(db, sql("1", "users", USERS), sql("2", "tier", TIER))
                        .validate()
                        .valid())
                .isTrue();
    }

    /** Only a run's last migration records a snapshot: a WARN run that fails part way must still leave one. */
    @Test
    void migrate_withWarnThatFailsAfterApplyingSome_keepsTheDriftForTheVersionItReached(TestDatabase db) {
        tidemark(db, sql("1", "users", USERS)).migrate();
        db.execute("CREATE TABLE audit_log (id int)");
        MigrationEntry[] migrations = {
            sql("1", "users", USERS), sql("2", "tier", TIER), sql("3", "fails", "ALTER TABLE nowhere ADD x int")
        };

        TidemarkException failure = catchThrowableOfType(
                TidemarkException.class,
                () -> tidemark(db, DriftMode.WARN, migrations).migrate());

        assertThat(failure.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
        assertThat(db.queryValue("SELECT max(version) FROM tidemark_history")).isEqualTo("2");
        assertThat(validationProblems(tidemark(db, migrations)))
                .containsExactly("table audit_log exists but no migration created it (found columns id)");
        assertThat(db.queryValue("SELECT snapshot FROM tidemark_history_snapshot WHERE version = '2'"))
                .contains("column\tpublic\tuser_subscriptions\ttier");
    }

    @Test
    void migrate_withWarn_keepsDriftAcrossAMigrationThatChangesTheDriftedObject(TestDatabase db) {
        tidemark(db, sql("1", "users", USERS)).migrate();
        db.execute("ALTER TABLE user_subscriptions ALTER COLUMN user_id DROP NOT NULL");
        MigrationEntry[] migrations = {
            sql("1", "users", USERS),
            sql("2", "default", "ALTER TABLE user_subscriptions ALTER COLUMN user_id SET DEFAULT 'nobody'")
        };

        tidemark(db, DriftMode.WARN, migrations).migrate();

        DiffResult diff = tidemark(db, migrations).diff();
        assertThat(diff.differences())
                .extracting(SchemaDifference::message)
                .containsExactly("column user_subscriptions.user_id is nullable, expected NOT NULL");
    }

    @Test
    void acceptDrift_recordsTheLiveSchemaWithWhoAcceptedWhat_andValidatePasses(TestDatabase db) {
        MigrationEntry[] migrations = {sql("1", "users", USERS)};
        tidemark(db, migrations).migrate();
        db.execute("CREATE TABLE audit_log (id int); ALTER TABLE user_subscriptions DROP COLUMN user_id");

        DriftAcceptance acceptance = Tidemark.configure()
                .dataSource(db)
                .manifests(TestManifest.of(migrations))
                .installedBy("alice")
                .load()
                .acceptDrift();

        assertThat(acceptance.recorded()).isTrue();
        assertThat(acceptance.version()).hasToString("1");
        assertThat(acceptance.acceptedBy()).isEqualTo("alice");
        assertThat(acceptance.acceptedOn()).isNotNull();
        assertThat(acceptance.accepted())
                .containsExactly(
                        "table audit_log exists but no migration created it (found columns id)",
                        "column user_subscriptions.user_id is missing (expected text NOT NULL)");
        assertThat(acceptance.stillReported()).isEmpty();
        assertThat(db.query("SELECT version, accepted_by, accepted_drift, fingerprint FROM tidemark_history_snapshot"
                        + " ORDER BY snapshot_rank"))
                .containsExactly(
                        java.util.Arrays.asList(
                                "1",
                                null,
                                null,
                                db.queryValue(
                                        "SELECT fingerprint FROM tidemark_history_snapshot WHERE snapshot_rank = 1")),
                        List.of(
                                "1",
                                "alice",
                                "table audit_log exists but no migration created it (found columns id)\n"
                                        + "column user_subscriptions.user_id is missing (expected text NOT NULL)",
                                acceptance.fingerprint()));
        assertThat(tidemark(db, migrations).validate().valid()).isTrue();
        assertThat(tidemark(db, migrations).diff().drift()).isFalse();
        // The history is untouched: accepting is not a migration.
        assertThat(db.query("SELECT version, type FROM tidemark_history")).containsExactly(List.of("1", "JAVA"));
    }

    @Test
    void acceptDrift_afterAWarnRun_endsTheDriftItLetThrough(TestDatabase db) {
        tidemark(db, sql("1", "users", USERS)).migrate();
        db.execute("CREATE TABLE audit_log (id int)");
        MigrationEntry[] migrations = {sql("1", "users", USERS), sql("2", "tier", TIER)};
        tidemark(db, DriftMode.WARN, migrations).migrate();

        DriftAcceptance acceptance = tidemark(db, migrations).acceptDrift();

        assertThat(acceptance.version()).hasToString("2");
        assertThat(acceptance.acceptedBy()).isEqualTo(db.queryValue("SELECT current_user"));
        assertThat(acceptance.accepted())
                .containsExactly("table audit_log exists but no migration created it (found columns id)");
        assertThat(tidemark(db, migrations).validate().valid()).isTrue();
        // Accepted is now expected: dropping it is drift.
        db.execute("DROP TABLE audit_log");
        assertThat(tidemark(db, migrations).diff().differences())
                .extracting(SchemaDifference::message)
                .containsExactly("table audit_log is missing (expected columns id)");
    }

    @Test
    void acceptDrift_withoutDrift_recordsNothing(TestDatabase db) {
        MigrationEntry[] migrations = {sql("1", "users", USERS)};
        tidemark(db, migrations).migrate();

        DriftAcceptance acceptance = tidemark(db, migrations).acceptDrift();

        assertThat(acceptance.recorded()).isFalse();
        assertThat(acceptance.accepted()).isEmpty();
        assertThat(db.queryValue("SELECT count(*) FROM tidemark_history_snapshot"))
                .isEqualTo("1");
    }

    @Test
    void acceptDrift_withoutASnapshotOfTheCurrentVersion_recordsOneAndSaysNothingWasCompared(TestDatabase db) {
        MigrationEntry[] migrations = {sql("1", "users", USERS), sql("2", "tier", TIER)};
        tidemark(db, migrations).migrate();
        db.execute("DELETE FROM tidemark_history_snapshot");

        DriftAcceptance acceptance = tidemark(db, migrations).acceptDrift();

        assertThat(acceptance.recorded()).isTrue();
        assertThat(acceptance.accepted()).isEmpty();
        assertThat(acceptance.note()).startsWith("no schema snapshot is recorded yet");
        assertThat(db.query("SELECT version, accepted_drift FROM tidemark_history_snapshot"))
                .containsExactly(List.of("2", "(" + acceptance.note() + ")"));
        assertThat(tidemark(db, migrations).validate().warnings()).isEmpty();
    }

    @Test
    void acceptDrift_withoutHistory_recordsNothingAndSaysWhy(TestDatabase db) {
        DriftAcceptance acceptance = tidemark(db, sql("1", "users", USERS)).acceptDrift();

        assertThat(acceptance.recorded()).isFalse();
        assertThat(acceptance.note()).startsWith("there is no history table");
        assertThat(db.tableExists("public", "tidemark_history_snapshot")).isFalse();
    }

    /** A snapshot table from before acceptances gains their columns with the first one; older rows stay readable. */
    @Test
    void acceptDrift_onSnapshotTableWithoutItsColumns_addsThem(TestDatabase db) {
        MigrationEntry[] migrations = {sql("1", "users", USERS)};
        tidemark(db, migrations).migrate();
        assertThat(db.queryValue("SELECT count(*) FROM information_schema.columns WHERE table_name ="
                        + " 'tidemark_history_snapshot' AND column_name LIKE 'accepted%'"))
                .isEqualTo("0");
        db.execute("CREATE TABLE audit_log (id int)");

        tidemark(db, migrations).acceptDrift();

        assertThat(db.queryValue("SELECT accepted_drift FROM tidemark_history_snapshot WHERE snapshot_rank = 2"))
                .isEqualTo("table audit_log exists but no migration created it (found columns id)");
        assertThat(tidemark(db, migrations).validate().valid()).isTrue();
        // A migrate after it writes rows as before, beside the new columns.
        assertThat(tidemark(db, sql("1", "users", USERS), sql("2", "tier", TIER))
                        .migrate()
                        .applied())
                .hasSize(1);
        assertThat(db.query("SELECT version, accepted_by FROM tidemark_history_snapshot WHERE snapshot_rank = 3"))
                .containsExactly(java.util.Arrays.asList("2", null));
    }

    /** Issue 15.3: a unique index a failed CREATE INDEX CONCURRENTLY left behind enforces nothing. */
    private static void invalidUniqueIndexByHand(TestDatabase db) {
        db.execute("INSERT INTO user_subscriptions VALUES (gen_random_uuid(), 'a'), (gen_random_uuid(), 'a')");
        catchThrowableOfType(
                RuntimeException.class,
                () -> db.execute("CREATE UNIQUE INDEX CONCURRENTLY subscriptions_user_key ON user_subscriptions"
                        + " (user_id)"));
        assertThat(db.queryValue(
                        "SELECT indisvalid FROM pg_index WHERE indexrelid =" + " 'subscriptions_user_key'::regclass"))
                .isEqualTo("f");
    }

    private static final String INVALID_BY_HAND = "index subscriptions_user_key is invalid (a CREATE INDEX CONCURRENTLY"
            + " failed or was interrupted; PostgreSQL neither uses nor enforces it) and exists but no migration created"
            + " it (found CREATE UNIQUE INDEX subscriptions_user_key ON public.user_subscriptions USING btree"
            + " (user_id)): drop it (DROP INDEX CONCURRENTLY \"public\".\"subscriptions_user_key\")";

    @Test
    void diff_ofAnInvalidIndexMadeByHand_callsItInvalid(TestDatabase db) {
        tidemark(db, sql("1", "users", USERS)).migrate();
        invalidUniqueIndexByHand(db);

        assertThat(tidemark(db, sql("1", "users", USERS)).diff().differences())
                .extracting(SchemaDifference::message)
                .containsExactly(INVALID_BY_HAND);
    }

    @Test
    void migrate_withWarnOverAnInvalidIndex_leavesItReportedAsInvalid(TestDatabase db) {
        tidemark(db, sql("1", "users", USERS)).migrate();
        invalidUniqueIndexByHand(db);
        MigrationEntry[] migrations = {
            sql("1", "users", USERS),
            nonTransactional(
                    "2",
                    "unique user",
                    "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS subscriptions_user_key"
                            + " ON user_subscriptions (user_id)")
        };

        // The migration names the invalid index it skipped with IF NOT EXISTS: it does not count as applied.
        MigrationFailedException skipped = catchThrowableOfType(
                MigrationFailedException.class,
                () -> tidemark(db, DriftMode.WARN, migrations).migrate());
        assertThat(skipped.code()).isEqualTo(ErrorCode.INVALID_INDEX_LEFT);

        // Validate names the stopped run, which left the index invalid, and leaves drift to diff meanwhile.
        assertThat(validationProblems(tidemark(db, migrations)))
                .anySatisfy(problem -> assertThat(problem)
                        .contains("it ran to its end, but left INVALID the index public.subscriptions_user_key"));
        assertThat(tidemark(db, migrations).acceptDrift().stillReported()).containsExactly(INVALID_BY_HAND);
        assertThat(tidemark(db, DriftMode.FAIL, migrations).diff().differences())
                .extracting(SchemaDifference::message)
                .containsExactly(INVALID_BY_HAND);
    }

    /** A reference never takes an invalid index as it is: the catalog digest would then hide it from every check. */
    @Test
    void baseline_overAnInvalidIndex_recordsItAsExpectedValid(TestDatabase db) {
        db.execute(USERS);
        invalidUniqueIndexByHand(db);
        MigrationEntry[] migrations = {
            sql("1", "users", USERS + "; CREATE UNIQUE INDEX subscriptions_user_key ON user_subscriptions (user_id)")
        };

        tidemark(db, migrations).baseline("1");

        assertThat(validationProblems(tidemark(db, migrations)))
                .containsExactly("index subscriptions_user_key is invalid (a CREATE INDEX CONCURRENTLY failed or was"
                        + " interrupted; PostgreSQL neither uses nor enforces it), expected a valid index: drop it"
                        + " (DROP INDEX CONCURRENTLY \"public\".\"subscriptions_user_key\") and run what creates it"
                        + " again");
        assertThat(db.query("SELECT catalog_digest, catalog_marker FROM tidemark_history_snapshot"))
                .containsExactly(java.util.Arrays.asList(null, null));
    }

    @Test
    void migrate_endingWithNonTransactionalMigration_recordsItsSnapshotAfterwards(TestDatabase db) {
        MigrationEntry[] migrations = {
            sql("1", "users", USERS),
            nonTransactional(
                    "2", "index", "CREATE INDEX CONCURRENTLY subscriptions_user_idx ON user_subscriptions (user_id)")
        };
        tidemark(db, migrations).migrate();

        DiffResult diff = tidemark(db, migrations).diff();

        assertThat(diff.snapshotVersion()).isEqualTo(MigrationVersion.parse("2"));
        assertThat(diff.drift()).isFalse();
        assertThat(db.queryValue("SELECT snapshot FROM tidemark_history_snapshot WHERE version = '2'"))
                .contains("subscriptions_user_idx");
    }

    @Test
    void baseline_recordsTheSnapshotSoLaterChangesAreDrift(TestDatabase db) {
        db.execute(USERS + ";" + TIER);
        MigrationEntry[] migrations = {sql("1", "users", USERS), sql("2", "tier", TIER)};
        tidemark(db, migrations).baseline("2");
        assertThat(tidemark(db, migrations).validate().valid()).isTrue();

        db.execute("ALTER TABLE user_subscriptions ALTER COLUMN tier DROP DEFAULT");
        DiffResult diff = tidemark(db, migrations).diff();

        assertThat(diff.differences())
                .extracting(SchemaDifference::message)
                .containsExactly("column user_subscriptions.tier has no default, expected DEFAULT 'free'::text");
        assertThat(ResultFormat.toJson(diff))
                .contains("\"attribute\":\"default\",\"expected\":\"'free'::text\",\"found\":null");
    }

    /** The caller prints the result; the listener hearing each difference too made the plugin print it twice. */
    @Test
    void diff_returnsTheDifferencesWithoutTellingTheListener(TestDatabase db) {
        tidemark(db, sql("1", "users", USERS)).migrate();
        db.execute("CREATE TABLE audit_log (id int)");
        listener.lines.clear();

        DiffResult diff = tidemark(db, sql("1", "users", USERS)).diff();

        assertThat(diff.differences())
                .extracting(SchemaDifference::message)
                .containsExactly("table audit_log exists but no migration created it (found columns id)");
        assertThat(listener.all()).doesNotContain("audit_log");
    }

    @Test
    void diff_withoutHistory_saysThereIsNothingToCompare(TestDatabase db) {
        DiffResult diff = tidemark(db, sql("1", "users", USERS)).diff();

        assertThat(diff.snapshotRecorded()).isFalse();
        assertThat(diff.drift()).isFalse();
        assertThat(diff.note()).startsWith("no schema snapshot is recorded yet");
        assertThat(diff.expectedFingerprint()).isNull();
        assertThat(ResultFormat.toJson(diff))
                .startsWith("{\"result\":\"diff\",\"schema\":\"public\",\"drift\":false,\"note\":\"no schema"
                        + " snapshot is recorded yet, so drift cannot be checked; the next migrate or baseline records"
                        + " one\",")
                .contains("\"expectedFingerprint\":null,\"foundFingerprint\":\"v1:")
                .endsWith("\"differences\":[]}");
    }

    @Test
    void migrate_onHistoryKeptBeforeSnapshots_recordsTheFirstOne(TestDatabase db) {
        MigrationEntry[] migrations = {sql("1", "users", USERS)};
        tidemark(db, migrations).migrate();
        db.execute("DROP TABLE tidemark_history_snapshot");

        assertThat(tidemark(db, migrations).validate().valid()).isTrue();
        tidemark(db, migrations).migrate();

        assertThat(db.queryValue("SELECT version FROM tidemark_history_snapshot"))
                .isEqualTo("1");
        assertThat(listener.all())
                .contains("INFO Recorded the schema snapshot of version 1 in \"public\".\"tidemark_history_snapshot\"");
    }

    @Test
    void migrate_onEmptyHistoryBesideSnapshotTable_doesNotCountTheSnapshotTableAsUserObject(TestDatabase db) {
        MigrationManifest failing = TestManifest.of(sql("1", "broken", "CREATE TABLE x (id nonsense_type)"));
        catchThrowableOfType(
                TidemarkException.class,
                () -> Tidemark.configure()
                        .dataSource(db)
                        .manifests(failing)
                        .load()
                        .migrate());
        assertThat(db.tableExists("public", "tidemark_history_snapshot")).isTrue();

        assertThat(tidemark(db, sql("1", "users", USERS)).migrate().applied()).hasSize(1);
    }

    /** Migration {@code n} of twenty that each change the schema: tables, and columns added to the one before. */
    private static String step(int n) {
        return n % 3 == 0
                ? "ALTER TABLE t" + (n - 1) + " ADD COLUMN c" + n + " text NOT NULL DEFAULT ''"
                : "CREATE TABLE t" + n + " (id bigint PRIMARY KEY, note text)";
    }

    private static MigrationEntry[] twentyMigrations() {
        MigrationEntry[] migrations = new MigrationEntry[20];
        for (int n = 1; n <= 20; n++) {
            migrations[n - 1] = sql(String.valueOf(n), "step " + n, step(n));
        }
        return migrations;
    }

    /** The schema of version {@code upTo}, made by other means. */
    private static void applyByHand(TestDatabase db, int upTo) {
        for (int n = 1; n <= upTo; n++) {
            db.execute(step(n));
        }
    }

    @Test
    void baselineWithoutVersion_findsTheVersionTheSchemaIsAtAmongTwentyMigrations(TestDatabase db) {
        MigrationEntry[] migrations = twentyMigrations();
        applyByHand(db, 13);

        var result = Tidemark.configure()
                .url(db.url())
                .manifests(TestManifest.of(migrations))
                .listener(listener)
                .load()
                .baseline();

        assertThat(result.version()).hasToString("13");
        assertThat(result.coveredMigrations()).isEqualTo(13);
        assertThat(db.query("SELECT version, type FROM tidemark_history")).containsExactly(List.of("13", "BASELINE"));
        assertThat(listener.all())
                .contains("INFO Replaying 20 migrations into a temporary database to find the version schema public"
                        + " is at.")
                .containsPattern("INFO Schema public matches version 13 exactly \\(replayed into the temporary"
                        + " database tidemark_shadow_[0-9a-f]+, dropped since\\)\\.");
        assertThat(BaselineSearchTest.exists(db, listener.all())).isFalse();
        assertThat(tidemark(db, migrations).migrate().applied()).hasSize(7);
        assertThat(tidemark(db, migrations).validate().valid()).isTrue();
    }

    @Test
    void baselineWithoutVersion_onSchemaEditedByHand_refusesWithTheNearestVersion(TestDatabase db) {
        MigrationEntry[] migrations = twentyMigrations();
        applyByHand(db, 8);
        db.execute("ALTER TABLE t7 DROP COLUMN note");

        TidemarkException failure = catchThrowableOfType(
                TidemarkException.class, () -> tidemark(db, migrations).baseline());

        assertThat(failure.code()).isEqualTo(ErrorCode.BASELINE_NO_MATCHING_VERSION);
        assertThat(failure.getMessage())
                .contains("The nearest is version 8, with 1 difference from the live schema:\n"
                        + "  - column t7.note is missing (expected text)\n"
                        + "The database is unchanged: no baseline was recorded.\n");
        assertThat(db.tableExists("public", "tidemark_history")).isFalse();
        assertThat(BaselineSearchTest.exists(db, failure.getMessage())).isFalse();
    }

    @Test
    void baselineWithoutVersion_onHistoryWithRows_refusesBeforeReplaying(TestDatabase db) {
        MigrationEntry[] migrations = twentyMigrations();
        tidemark(db, migrations).migrate();

        TidemarkException failure = catchThrowableOfType(
                TidemarkException.class, () -> tidemark(db, migrations).baseline());

        assertThat(failure.code()).isEqualTo(ErrorCode.BASELINE_HISTORY_NOT_EMPTY);
        assertThat(listener.all()).doesNotContain("Replaying");
    }

    @Test
    void validate_ofSnapshotWrittenByNewerTidemark_failsWithIdAndHint(TestDatabase db) {
        tidemark(db, sql("1", "users", USERS)).migrate();
        // A newer Tidemark writes its own format and its own kinds of catalog digest and mark.
        db.execute("UPDATE tidemark_history_snapshot SET snapshot = 'tidemark-snapshot v2' || chr(10) || 'schemas',"
                + " catalog_digest = 'c2:0', catalog_marker = 'm2:0'");

        TidemarkException failure = catchThrowableOfType(
                TidemarkException.class,
                () -> tidemark(db, sql("1", "users", USERS)).validate());

        assertThat(failure.code()).isEqualTo(ErrorCode.UNREADABLE_SNAPSHOT);
        assertThat(failure.getMessage())
                .startsWith("[TM-R301] The schema snapshot recorded in \"public\".\"tidemark_history_snapshot\""
                        + " cannot be read")
                .endsWith("\nRun the Tidemark version that recorded it, or set drift(DriftMode.IGNORE) to go on"
                        + " without the drift check.");
        assertThat(tidemark(db, DriftMode.IGNORE, sql("1", "users", USERS))
                        .validate()
                        .valid())
                .isTrue();
    }

    @Test
    void baselineWithoutVersion_whenAMigrationFailsOnAnEmptyDatabase_namesItAndDropsTheTemporaryDatabase(
            TestDatabase db) {
        db.execute(USERS);
        MigrationEntry[] migrations = {
            sql("1", "users", USERS), sql("2", "needs a table made by hand", "ALTER TABLE made_by_hand ADD x int")
        };

        TidemarkException failure = catchThrowableOfType(
                TidemarkException.class, () -> tidemark(db, migrations).baseline());

        assertThat(failure.code()).isEqualTo(ErrorCode.SHADOW_REPLAY_FAILED);
        assertThat(failure.getMessage())
                .startsWith("[TM-R303] Migration 2 (test.V2) failed while being replayed into the temporary database"
                        + " tidemark_shadow_")
                .contains("SQLSTATE 42P01")
                .endsWith("\nFix the migration so that it runs on an empty database, or give the baseline version"
                        + " yourself (baseline(version)).");
        assertThat(BaselineSearchTest.exists(db, failure.getMessage())).isFalse();
        assertThat(db.tableExists("public", "tidemark_history")).isFalse();
    }
}
