package dev.tidemark;

import static dev.tidemark.testing.TestManifest.nonTransactional;
import static dev.tidemark.testing.TestManifest.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tidemark.spi.MigrationEntry;
import dev.tidemark.spi.MigrationManifest;
import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.RecordingListener;
import dev.tidemark.testing.TestDatabase;
import dev.tidemark.testing.TestManifest;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A non-transactional migration's run is recorded before its first statement and as it goes; a
 * run that stopped is refused with what the history recorded, and is resumed or repaired.
 */
@NeedsPostgres
class ResumeTest {

    static final String USERS = "CREATE TABLE users (id bigint PRIMARY KEY)";
    static final String EVENTS = "CREATE TABLE events (id int, kind text);\n"
            + "CREATE INDEX CONCURRENTLY events_kind ON events (kind);\n"
            + "CREATE INDEX CONCURRENTLY events_missing ON events (missing);";
    static final String EVENTS_FIXED = EVENTS.replace("(missing)", "(id)");

    static MigrationManifest events(String script) {
        return TestManifest.of(sql("1", "create users", USERS), nonTransactional("2", "events", script));
    }

    static Tidemark tidemark(TestDatabase db, MigrationManifest manifest) {
        return Tidemark.configure().dataSource(db).manifests(manifest).load();
    }

    static List<String> row(TestDatabase db, String version) {
        return db.query("SELECT success, state, statements_done, statements_seen, stopped_in, error,"
                        + " backend_pid IS NOT NULL FROM tidemark_history WHERE version = '" + version + "'")
                .get(0);
    }

    @Test
    void failure_recordsWhichStatementsCompleted_andResumeAfterAFixRunsOnlyTheRest(TestDatabase db) {
        MigrationFailedException failure = catchThrowableOfType(
                MigrationFailedException.class,
                () -> tidemark(db, events(EVENTS)).migrate());

        assertThat(failure.getMessage())
                .contains("The history in public.tidemark_history records the migration as failed after 2"
                        + " completed statements; migrate refuses to run until it is resumed or repaired. The last"
                        + " fully applied version is 1.\nTwo ways out:\n  - resume: fix the cause if a statement"
                        + " failed, then migrate() with resume(true); it runs migration 2 again from statement 3,"
                        + " skipping the 2 statements that completed after checking they are unchanged;\n"
                        + "  - repair: finish or undo its changes by hand, then repair() with"
                        + " repairAs(RepairAs.APPLIED)");
        assertThat(row(db, "2"))
                .containsExactly(
                        "f",
                        "FAILED",
                        "2",
                        "3",
                        "CREATE INDEX CONCURRENTLY events_missing ON events (missing)",
                        "SQLSTATE 42703: ERROR: column \"missing\" does not exist",
                        "t");

        TidemarkException refused = catchThrowableOfType(
                TidemarkException.class,
                () -> tidemark(db, events(EVENTS_FIXED)).migrate());
        assertThat(refused.code()).isEqualTo(ErrorCode.FAILED_MIGRATION_PRESENT);
        assertThat(refused.getMessage())
                .matches("(?s)\\[TM-R042] Migration 2 'events' \\(test.V2\\) started at \\S+ outside a transaction"
                        + " and failed: 2 statements completed. Statement 3 failed \\(SQLSTATE 42703: ERROR: column"
                        + " \"missing\" does not exist\\):\n    CREATE INDEX CONCURRENTLY events_missing ON events"
                        + " \\(missing\\)\nRecorded in public.tidemark_history; nothing was applied now. The database"
                        + " holds what the completed statements did; otherwise it is at version 1.\nTwo ways out:.*");

        RecordingListener listener = new RecordingListener();
        MigrateResult resumed = Tidemark.configure()
                .dataSource(db)
                .manifests(events(EVENTS_FIXED))
                .resume(true)
                .listener(listener)
                .load()
                .migrate();

        assertThat(resumed.applied()).extracting(a -> a.version().toString()).containsExactly("2");
        assertThat(listener.lines)
                .contains("INFO Resuming migration 2 after its 2 completed statements, which are skipped");
        assertThat(db.queryValue("SELECT count(*) FROM pg_indexes WHERE tablename = 'events'"))
                .isEqualTo("2");
        assertThat(row(db, "2")).containsExactly("t", "APPLIED", "3", "3", null, null, "t");
        assertThat(db.queryValue("SELECT checksum FROM tidemark_history WHERE version = '2'"))
                .isEqualTo(TestManifest.checksum(EVENTS_FIXED));
        assertThat(db.queryValue("SELECT remarks FROM tidemark_history WHERE version = '2'"))
                .matches("resumed on \\S+Z by postgres after 2 completed statements");
        assertThat(db.queryValue("SELECT count(*) FROM tidemark_history")).isEqualTo("2");
        tidemark(db, events(EVENTS_FIXED)).validate();
    }

    @Test
    void resume_refusesWhenACompletedStatementChanged_andLeavesTheRowAsItWas(TestDatabase db) {
        catchThrowableOfType(
                MigrationFailedException.class,
                () -> tidemark(db, events(EVENTS)).migrate());
        List<String> before = row(db, "2");
        String edited = EVENTS_FIXED.replace("events_kind ON events (kind)", "events_kind ON events (kind, id)");

        TidemarkException refused = catchThrowableOfType(
                TidemarkException.class,
                () -> Tidemark.configure()
                        .dataSource(db)
                        .manifests(events(edited))
                        .resume(true)
                        .load()
                        .migrate());

        assertThat(refused.code()).isEqualTo(ErrorCode.RESUME_REFUSED);
        assertThat(refused.getMessage())
                .startsWith("[TM-R106] Cannot resume migration 2 'events' (test.V2): its statement 2 is now\n"
                        + "    CREATE INDEX CONCURRENTLY events_kind ON events (kind, id)\nbut statement 2 of the run"
                        + " that stopped was another one")
                .contains("\nNothing was run; public.tidemark_history still records the migration as it was (2"
                        + " statements completed).\nRestore the first 2 statements of migration 2 as they were");
        assertThat(row(db, "2")).isEqualTo(before);
        assertThat(db.queryValue("SELECT count(*) FROM pg_indexes WHERE tablename = 'events'"))
                .isEqualTo("1");
    }

    @Test
    void lostConnection_leavesTheStartedRowWithItsProgress_andLaterRunsSayItNeverFinished(TestDatabase db) {
        String script = "CREATE TABLE shipments (id int);\n"
                + "SELECT pg_terminate_backend(pg_backend_pid());\n"
                + "CREATE INDEX CONCURRENTLY shipments_id ON shipments (id);";
        MigrationManifest manifest =
                TestManifest.of(sql("1", "create users", USERS), nonTransactional("2", "shipments", script));
        tidemark(db, TestManifest.of(sql("1", "create users", USERS))).migrate();

        MigrationFailedException failure = catchThrowableOfType(
                MigrationFailedException.class, () -> tidemark(db, manifest).migrate());

        assertThat(failure.getMessage())
                .contains("Recording the failure in public.tidemark_history failed too (SQLSTATE 08003); its row still"
                        + " records the migration as started, with the statements recorded complete before this"
                        + " one.");
        assertThat(row(db, "2"))
                .containsExactly("f", "STARTED", "1", "3", "SELECT pg_terminate_backend(pg_backend_pid())", null, "t");
        TidemarkException refused = catchThrowableOfType(
                TidemarkException.class, () -> tidemark(db, manifest).migrate());
        assertThat(refused.getMessage())
                .matches("(?s)\\[TM-R042] Migration 2 'shipments' \\(test.V2\\) started at \\S+ outside a"
                        + " transaction and never finished: 1 of at least 3 statements completed. Statement 2 was"
                        + " running when the run stopped, and may have completed:\n    SELECT"
                        + " pg_terminate_backend\\(pg_backend_pid\\(\\)\\)\n.*");
        InfoResult info = tidemark(db, manifest).info();
        assertThat(info.migrations().get(1).state()).isEqualTo(MigrationState.UNFINISHED);
        assertThat(info.migrations().get(1).progress())
                .startsWith("Migration 2 'shipments' (test.V2) started at ")
                .contains("never finished: 1 of at least 3 statements completed.");
        ValidationException invalid = catchThrowableOfType(
                ValidationException.class, () -> tidemark(db, manifest).validate());
        assertThat(invalid.result().warnings())
                .contains("Drift not checked: migration 2 stopped part way, and its completed statements changed"
                        + " the schema after the last recorded snapshot.");
        assertThat(invalid.result().problems()).hasSize(1);
        assertThat(invalid.getMessage())
                .contains("never finished: 1 of at least 3 statements completed.")
                .contains("Resume it (migrate with resume on), or finish or undo its changes by hand and repair it");
    }

    @Test
    void repair_refusesWithoutAChoice_marksApplied_keepingTheEvidence(TestDatabase db) {
        catchThrowableOfType(
                MigrationFailedException.class,
                () -> tidemark(db, events(EVENTS)).migrate());

        TidemarkException refused = catchThrowableOfType(
                TidemarkException.class, () -> tidemark(db, events(EVENTS)).repair());
        assertThat(refused.code()).isEqualTo(ErrorCode.REPAIR_CHOICE_REQUIRED);
        assertThat(refused.getMessage())
                .contains("outside a transaction and failed: 2 statements completed.")
                .contains("\nRepair can mark it applied or remove its row, and was not told which; nothing was"
                        + " changed.\nRun repair() with repairAs(RepairAs.APPLIED) when its changes were finished by"
                        + " hand");
        assertThat(row(db, "2").get(1)).isEqualTo("FAILED");

        db.execute("CREATE INDEX events_missing ON events (id)");
        RepairResult repair = Tidemark.configure()
                .dataSource(db)
                .manifests(events(EVENTS))
                .repairAs(RepairAs.APPLIED)
                .load()
                .repair();

        assertThat(repair.actions()).extracting(RepairResult.Action::kind).contains(RepairResult.Kind.MARKED_APPLIED);
        assertThat(row(db, "2").subList(0, 3)).containsExactly("t", "REPAIRED", "2");
        assertThat(db.queryValue("SELECT remarks FROM tidemark_history WHERE version = '2'"))
                .matches("marked applied by repair on \\S+Z by postgres \\(it was failed after 2 completed"
                        + " statements\\)");
        assertThat(db.queryValue("SELECT error FROM tidemark_history WHERE version = '2'"))
                .isEqualTo("SQLSTATE 42703: ERROR: column \"missing\" does not exist");
        MigrationInfo repaired =
                tidemark(db, events(EVENTS)).info().migrations().get(1);
        assertThat(repaired.state()).isEqualTo(MigrationState.APPLIED);
        assertThat(repaired.progress()).startsWith("marked applied by repair on ");
        tidemark(db, events(EVENTS)).validate();
        assertThat(tidemark(db, events(EVENTS)).migrate().applied()).isEmpty();
    }

    @Test
    void codeThatThrowsBeforeItsFirstStatement_isRecordedSo_andResumeRunsItFromTheStart(TestDatabase db) {
        MigrationManifest throwing = TestManifest.of(new MigrationEntry(
                "1", "throws", "test.Throws", TestManifest.checksum("throws"), false, false, () -> context -> {
                    throw new IllegalStateException("no region configured");
                }));
        MigrationManifest fixed = TestManifest.of(nonTransactional("1", "throws", USERS));
        catchThrowableOfType(
                MigrationFailedException.class, () -> tidemark(db, throwing).migrate());

        TidemarkException refused = catchThrowableOfType(
                TidemarkException.class, () -> tidemark(db, fixed).migrate());

        assertThat(refused.getMessage())
                .contains("outside a transaction and failed: no statement had completed. Its code failed before its"
                        + " first statement: java.lang.IllegalStateException: no region configured\n")
                .contains("it runs migration 1 again from its first statement;");
        Tidemark.configure().dataSource(db).manifests(fixed).resume(true).load().migrate();
        assertThat(db.tableExists("public", "users")).isTrue();
        assertThat(db.query("SELECT success, state, statements_done, installed_rank FROM tidemark_history"))
                .containsExactly(List.of("t", "APPLIED", "1", "1"));
    }

    @Test
    void failedRowOfFormat1_cannotBeResumed_andRepairUpgradesTheTableAndMarksItApplied(TestDatabase db) {
        createFormat1History(db);
        db.execute("CREATE TABLE events (id int, kind text);"
                + " INSERT INTO tidemark_history (installed_rank, version, description, type, class_name, checksum,"
                + " installed_by, execution_time, success) VALUES (2, '2', 'events', 'JAVA', 'test.V2', '"
                + TestManifest.checksum(EVENTS_FIXED) + "', 'postgres', 5, false)");
        MigrationManifest manifest = events(EVENTS_FIXED);

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
                .startsWith("[TM-R106] Cannot resume: Migration 2 'events' (test.V2) is recorded as failed (on ")
                .contains("). Its row in public.tidemark_history records no statements (it was"
                        + " written by an older Tidemark, or by an undo), so there is nothing to resume from.");
        assertThat(db.queryValue("SELECT obj_description('tidemark_history'::regclass, 'pg_class')"))
                .isEqualTo("tidemark history format 1");

        RepairResult repair = Tidemark.configure()
                .dataSource(db)
                .manifests(manifest)
                .repairAs(RepairAs.APPLIED)
                .load()
                .repair();

        assertThat(repair.actions()).extracting(RepairResult.Action::kind).contains(RepairResult.Kind.MARKED_APPLIED);
        assertThat(db.queryValue("SELECT obj_description('tidemark_history'::regclass, 'pg_class')"))
                .isEqualTo("tidemark history format 3");
        assertThat(db.query("SELECT success, state, remarks LIKE 'marked applied by repair on %' FROM"
                        + " tidemark_history WHERE version = '2'"))
                .containsExactly(List.of("t", "REPAIRED", "t"));
    }

    static void createFormat1History(TestDatabase db) {
        db.execute("CREATE TABLE tidemark_history (installed_rank integer PRIMARY KEY, version text NOT NULL,"
                + " description text NOT NULL, type text NOT NULL, class_name text, checksum text,"
                + " installed_by text NOT NULL, installed_on timestamptz NOT NULL DEFAULT now(),"
                + " execution_time integer NOT NULL, success boolean NOT NULL);"
                + " COMMENT ON TABLE tidemark_history IS 'tidemark history format 1';"
                + USERS + ";"
                + " INSERT INTO tidemark_history (installed_rank, version, description, type, class_name, checksum,"
                + " installed_by, execution_time, success) VALUES (1, '1', 'create users', 'JAVA', 'test.V1', '"
                + TestManifest.checksum(USERS) + "', 'postgres', 5, true)");
    }

    @Test
    void historyOfFormat1_isReadAsItIs_andUpgradedByMigrate(TestDatabase db) {
        createFormat1History(db);
        MigrationManifest manifest = events(EVENTS_FIXED);

        assertThat(tidemark(db, manifest).info().migrations())
                .extracting(MigrationInfo::state)
                .containsExactly(MigrationState.APPLIED, MigrationState.PENDING);
        tidemark(db, manifest).validate();
        assertThat(db.queryValue("SELECT obj_description('tidemark_history'::regclass, 'pg_class')"))
                .isEqualTo("tidemark history format 1");

        RecordingListener listener = new RecordingListener();
        Tidemark.configure()
                .dataSource(db)
                .manifests(manifest)
                .listener(listener)
                .drift(DriftMode.IGNORE)
                .load()
                .migrate();

        assertThat(listener.lines)
                .contains("INFO Upgraded the history table public.tidemark_history to format 3, which records the"
                        + " progress of non-transactional migrations and the runs of repeatable migrations");
        assertThat(db.queryValue("SELECT obj_description('tidemark_history'::regclass, 'pg_class')"))
                .isEqualTo("tidemark history format 3");
        assertThat(db.query("SELECT version, success, state, statements_done FROM tidemark_history"
                        + " ORDER BY installed_rank"))
                .containsExactly(Arrays.asList("1", "t", null, null), List.of("2", "t", "APPLIED", "3"));
    }
}
