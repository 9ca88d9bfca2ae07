package dev.tidemark;

import static dev.tidemark.testing.TestManifest.nonTransactional;
import static dev.tidemark.testing.TestManifest.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tidemark.spi.MigrationManifest;
import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.RecordingListener;
import dev.tidemark.testing.TestDatabase;
import dev.tidemark.testing.TestManifest;
import java.util.List;
import org.junit.jupiter.api.Test;

@NeedsPostgres
class MigrateTest {

    static final String USERS = "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL)";
    static final String EMAIL = "ALTER TABLE users ADD COLUMN email text";
    static final String ORDERS = "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users)";

    static MigrationManifest threeMigrations() {
        return TestManifest.of(
                sql("1", "create users", USERS), sql("2", "add email", EMAIL), sql("3", "create orders", ORDERS));
    }

    static Tidemark tidemark(TestDatabase db, MigrationManifest... manifests) {
        return Tidemark.configure().dataSource(db).manifests(manifests).load();
    }

    @Test
    void migrate_appliesPendingInOrderAndRecordsEachWithItsHistoryRow(TestDatabase db) {
        RecordingListener listener = new RecordingListener();
        MigrateResult result = Tidemark.configure()
                .dataSource(db)
                .manifests(threeMigrations())
                .listener(listener)
                .load()
                .migrate();

        assertThat(result.initialVersion()).isNull();
        assertThat(result.currentVersion()).hasToString("3");
        assertThat(result.applied()).extracting(a -> a.version().toString()).containsExactly("1", "2", "3");
        assertThat(db.tableExists("public", "orders")).isTrue();
        assertThat(db.query("SELECT installed_rank, version, description, type, class_name, success"
                        + " FROM tidemark_history ORDER BY installed_rank"))
                .containsExactly(
                        List.of("1", "1", "create users", "JAVA", "test.V1", "t"),
                        List.of("2", "2", "add email", "JAVA", "test.V2", "t"),
                        List.of("3", "3", "create orders", "JAVA", "test.V3", "t"));
        assertThat(db.queryValue("SELECT checksum FROM tidemark_history WHERE version = '2'"))
                .isEqualTo(TestManifest.checksum(EMAIL));
        assertThat(db.queryValue("SELECT installed_by FROM tidemark_history WHERE version = '1'"))
                .isEqualTo("postgres");
        assertThat(db.queryValue("SELECT obj_description('tidemark_history'::regclass, 'pg_class')"))
                .isEqualTo("tidemark history format 3");
        assertThat(listener.lines).contains("START 1", "APPLIED 1", "START 3", "APPLIED 3");
        assertThat(listener.all()).contains("DEBUG Migration 2: " + EMAIL);
    }

    @Test
    void migrate_secondRunAppliesNothingAndLaterMigrationsOnly(TestDatabase db) {
        tidemark(db, TestManifest.of(sql("1", "create users", USERS))).migrate();

        MigrateResult again = tidemark(db, threeMigrations()).migrate();
        assertThat(again.initialVersion()).hasToString("1");
        assertThat(again.applied()).extracting(a -> a.version().toString()).containsExactly("2", "3");

        MigrateResult upToDate = tidemark(db, threeMigrations()).migrate();
        assertThat(upToDate.upToDate()).isTrue();
        assertThat(upToDate.currentVersion()).hasToString("3");
    }

    @Test
    void migrate_rollsBackWhenStatementFailsHalfway_seed000(TestDatabase db) {
        tidemark(db, TestManifest.of(sql("1", "create users", USERS))).migrate();
        String broken = """
                CREATE TABLE profiles (id bigint PRIMARY KEY, user_id bigint);
                INSERT INTO profiles VALUES (1, 1);
                INSERT INTO profiles (id, user_id)
                    SELECT id, email_verified FROM users;
                """;
        MigrationFailedException failure = catchThrowableOfType(
                MigrationFailedException.class,
                () -> tidemark(db, TestManifest.of(sql("1", "create users", USERS), sql("2", "profiles", broken)))
                        .migrate());

        assertThat(failure.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
        assertThat(failure.getMessage())
                .startsWith("[TM-R100] Migration 2 'profiles' (test.V2) failed and was rolled back")
                .contains("Statement (error at line 2, column 16):\n    INSERT INTO profiles (id, user_id)\n"
                        + "        SELECT id, email_verified FROM users\n")
                .contains("SQLSTATE 42703: column \"email_verified\" does not exist")
                .contains("The database is unchanged at version 1: nothing of migration 2 remains.")
                .endsWith("\nFix migration 2 (or the database it expects), then run migrate() again.");
        assertThat(failure.statement()).startsWith("INSERT INTO profiles (id, user_id)");
        assertThat(failure.sqlState()).isEqualTo("42703");
        assertThat(failure.currentVersion()).hasToString("1");
        assertThat(db.tableExists("public", "profiles")).isFalse();
        assertThat(db.query("SELECT version FROM tidemark_history")).containsExactly(List.of("1"));
    }

    @Test
    void migrate_whenTheCommitItselfFails_rollsBackThatMigrationAndAppliesNoLaterOne(TestDatabase db) {
        // The deferred foreign key is checked only by the COMMIT, which travels with the history row.
        String deferred = """
                CREATE TABLE parents (id int PRIMARY KEY);
                CREATE TABLE children (parent_id int REFERENCES parents DEFERRABLE INITIALLY DEFERRED);
                INSERT INTO children VALUES (1);
                """;
        MigrationFailedException failure = catchThrowableOfType(
                MigrationFailedException.class,
                () -> tidemark(
                                db,
                                TestManifest.of(
                                        sql("1", "create users", USERS),
                                        sql("2", "deferred", deferred),
                                        sql("3", "create orders", ORDERS)))
                        .migrate());

        assertThat(failure.getMessage())
                .startsWith("[TM-R100] Migration 2 'deferred' (test.V2) failed and was rolled back")
                .contains("SQLSTATE 23503")
                .contains("The database is unchanged at version 1: nothing of migration 2 remains.");
        assertThat(db.tableExists("public", "parents")).isFalse();
        assertThat(db.tableExists("public", "orders")).isFalse();
        assertThat(db.query("SELECT version, success FROM tidemark_history ORDER BY installed_rank"))
                .containsExactly(List.of("1", "t"));

        MigrateResult fixed = tidemark(
                        db, TestManifest.of(sql("1", "create users", USERS), sql("3", "create orders", ORDERS)))
                .migrate();
        assertThat(fixed.applied()).extracting(a -> a.version().toString()).containsExactly("3");
    }

    @Test
    void migrate_onFreshDatabaseFailureSaysNoMigrationApplied(TestDatabase db) {
        assertThatThrownBy(() -> tidemark(db, TestManifest.of(sql("1", "bad", "SELECT * FROM nowhere")))
                        .migrate())
                .isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("SQLSTATE 42P01")
                .hasMessageContaining("The database has no migration applied: nothing of migration 1 remains.");
        assertThat(db.queryValue("SELECT count(*) FROM tidemark_history")).isEqualTo("0");
    }

    @Test
    void migrate_javaExceptionRollsBackAndNamesTheException(TestDatabase db) {
        MigrationManifest manifest = TestManifest.of(TestManifest.java("1", "throws", context -> {
            context.execute("CREATE TABLE half (id int)");
            throw new IllegalStateException("backfill found no rows");
        }));
        assertThatThrownBy(() -> tidemark(db, manifest).migrate())
                .isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("threw java.lang.IllegalStateException: backfill found no rows")
                .hasMessageContaining("nothing of migration 1 remains");
        assertThat(db.tableExists("public", "half")).isFalse();
    }

    @Test
    void migrate_refusesSchemaWithTablesButNoHistory_thenBaselineAdoptsIt_seed004(TestDatabase db) {
        db.execute(USERS + "; " + EMAIL + "; CREATE VIEW named_users AS SELECT name FROM users");

        TidemarkException refused = catchThrowableOfType(
                TidemarkException.class, () -> tidemark(db, threeMigrations()).migrate());
        assertThat(refused.code()).isEqualTo(ErrorCode.SCHEMA_NOT_EMPTY);
        assertThat(refused.getMessage())
                .startsWith("[TM-R041] Schema public already holds table users, view named_users")
                .contains("public.tidemark_history does not exist")
                .contains("Nothing was applied.")
                .contains("\nIf the schema matches the code up to some version, adopt it with baseline(version),"
                        + " then migrate(); otherwise point schema(String) at an empty schema.");
        assertThat(db.tableExists("public", "tidemark_history")).isFalse();

        BaselineResult baseline = tidemark(db, threeMigrations()).baseline("2");
        assertThat(baseline.coveredMigrations()).isEqualTo(2);

        MigrateResult result = tidemark(db, threeMigrations()).migrate();
        assertThat(result.applied()).extracting(a -> a.version().toString()).containsExactly("3");
        assertThat(db.tableExists("public", "orders")).isTrue();
        assertThat(tidemark(db, threeMigrations()).info().migrations())
                .extracting(MigrationInfo::state)
                .containsExactly(MigrationState.BELOW_BASELINE, MigrationState.BASELINE, MigrationState.APPLIED);
    }

    @Test
    void migrate_refusesSchemaHoldingAPartitionedTable_andNamesWhatBelongsToAnotherObjectNot(TestDatabase db) {
        // A partitioned table depends on its own key column; a partition, a serial's sequence and a
        // range type's constructor functions and multirange belong to another object.
        db.execute("CREATE TABLE events (id int) PARTITION BY RANGE (id);"
                + " CREATE TABLE events_1 PARTITION OF events FOR VALUES FROM (1) TO (10);"
                + " CREATE TABLE counters (id serial PRIMARY KEY);"
                + " CREATE TYPE span AS RANGE (subtype = float8)");

        assertThatThrownBy(() -> tidemark(db, threeMigrations()).migrate())
                .hasMessageStartingWith("[TM-R041] Schema public already holds table counters, table events, type span,"
                        + " but the history table public.tidemark_history does not exist");
        assertThat(db.tableExists("public", "tidemark_history")).isFalse();
    }

    @Test
    void migrate_refusesSchemaWithObjectsAndEmptyHistoryTable(TestDatabase db) {
        tidemark(db, threeMigrations()).info();
        Tidemark tidemark = Tidemark.configure()
                .dataSource(db)
                .manifests(threeMigrations())
                .target("current")
                .load();
        tidemark.migrate();
        db.execute("CREATE FUNCTION answer() RETURNS int LANGUAGE sql AS 'SELECT 42'");
        assertThatThrownBy(() -> tidemark(db, threeMigrations()).migrate())
                .hasMessageStartingWith("[TM-R041] Schema public already holds function answer")
                .hasMessageContaining("public.tidemark_history has no rows");
    }

    @Test
    void migrate_nonTransactionalFailureLeavesFailedRow_laterRunsRefuse_repairClearsIt(TestDatabase db) {
        String script = "CREATE TABLE events (id int, kind text);\n"
                + "CREATE INDEX CONCURRENTLY events_kind ON events (kind);\n"
                + "CREATE INDEX CONCURRENTLY events_missing ON events (missing);";
        MigrationManifest broken =
                TestManifest.of(sql("1", "create users", USERS), nonTransactional("2", "events", script));

        MigrationFailedException failure = catchThrowableOfType(
                MigrationFailedException.class, () -> tidemark(db, broken).migrate());
        assertThat(failure.code()).isEqualTo(ErrorCode.NON_TRANSACTIONAL_MIGRATION_FAILED);
        assertThat(failure.getMessage())
                .startsWith("[TM-R101] Migration 2 'events' (test.V2), which runs outside a transaction, failed.")
                .contains("CREATE INDEX CONCURRENTLY events_missing ON events (missing)")
                .contains("SQLSTATE 42703")
                .contains("The database may be partly changed by migration 2: these of its statements ran and stay"
                        + " applied:\n  1. CREATE TABLE events (id int, kind text)\n"
                        + "  2. CREATE INDEX CONCURRENTLY events_kind ON events (kind)")
                .contains("The history in public.tidemark_history records the migration as failed after 2"
                        + " completed statements")
                .endsWith("\n  - repair: finish or undo its changes by hand, then repair() with"
                        + " repairAs(RepairAs.APPLIED) (the row is kept, marked as repaired) or"
                        + " repairAs(RepairAs.REMOVED) (the row is deleted, and the migration runs again from its"
                        + " first statement).");
        assertThat(db.query("SELECT version, success FROM tidemark_history ORDER BY installed_rank"))
                .containsExactly(List.of("1", "t"), List.of("2", "f"));

        TidemarkException refused = catchThrowableOfType(
                TidemarkException.class, () -> tidemark(db, broken).migrate());
        assertThat(refused.code()).isEqualTo(ErrorCode.FAILED_MIGRATION_PRESENT);
        assertThat(refused.getMessage())
                .startsWith("[TM-R042] Migration 2 'events' (test.V2) started at ")
                .contains("outside a transaction and failed: 2 statements completed. Statement 3 failed (SQLSTATE"
                        + " 42703: ERROR: column \"missing\" does not exist):\n")
                .contains("The database holds what the completed statements did; otherwise it is at version 1.")
                .contains("\nTwo ways out:\n  - resume:");
        assertThat(tidemark(db, broken).info().migrations().get(1).state()).isEqualTo(MigrationState.FAILED);
        ValidationException invalid = catchThrowableOfType(
                ValidationException.class, () -> tidemark(db, broken).validate());
        assertThat(invalid.result().problems())
                .extracting(ValidationProblem::kind)
                .containsExactly(ValidationProblem.Kind.FAILED);
        assertThat(invalid.getMessage())
                .contains("Migration 2 'events' (test.V2) started at ")
                .contains("Resume it (migrate with resume on), or finish or undo its changes by hand and repair it"
                        + " (choosing 'applied' or 'removed').");

        db.execute("DROP TABLE events");
        RepairResult repair = Tidemark.configure()
                .dataSource(db)
                .manifests(broken)
                .repairAs(RepairAs.REMOVED)
                .load()
                .repair();
        assertThat(repair.actions())
                .extracting(RepairResult.Action::kind)
                .containsExactly(RepairResult.Kind.REMOVED_FAILED_ROW);
        assertThat(db.tableExists("public", "events")).isFalse();

        String fixed = script.replace("(missing)", "(id)");
        MigrationManifest corrected =
                TestManifest.of(sql("1", "create users", USERS), nonTransactional("2", "events", fixed));
        assertThat(tidemark(db, corrected).migrate().applied()).hasSize(1);
        assertThat(db.queryValue("SELECT count(*) FROM pg_indexes WHERE tablename = 'events'"))
                .isEqualTo("2");
        assertThat(db.query("SELECT version, success FROM tidemark_history ORDER BY installed_rank"))
                .containsExactly(List.of("1", "t"), List.of("2", "t"));
    }

    @Test
    void migrate_createsConfiguredSchemaAndQuotesNames(TestDatabase db) {
        Tidemark tidemark = Tidemark.configure()
                .dataSource(db)
                .schema("App Schema")
                .table("my \"history\"")
                .manifests(threeMigrations())
                .load();
        tidemark.migrate();
        assertThat(db.tableExists("App Schema", "users")).isTrue();
        assertThat(db.tableExists("public", "users")).isFalse();
        assertThat(db.queryValue("SELECT count(*) FROM \"App Schema\".\"my \"\"history\"\"\""))
                .isEqualTo("3");
        assertThat(tidemark.info().currentVersion()).hasToString("3");
    }

    @Test
    void migrate_refusesMissingSchemaWhenCreatingIsNotAllowed(TestDatabase db) {
        Tidemark tidemark = Tidemark.configure()
                .dataSource(db)
                .schema("absent")
                .createSchema(false)
                .manifests(threeMigrations())
                .load();
        TidemarkException failure = catchThrowableOfType(TidemarkException.class, tidemark::migrate);
        assertThat(failure.code()).isEqualTo(ErrorCode.SCHEMA_MISSING);
        assertThat(failure.getMessage())
                .contains("The schema absent does not exist and createSchema(false) is set")
                .contains("\nCreate the schema (CREATE SCHEMA \"absent\"), or set createSchema(true)");
    }

    @Test
    void migrate_stopsAtTargetAndReportsTheRest(TestDatabase db) {
        MigrateResult result = Tidemark.configure()
                .dataSource(db)
                .manifests(threeMigrations())
                .target("2")
                .load()
                .migrate();
        assertThat(result.currentVersion()).hasToString("2");
        assertThat(result.pendingBeyondTarget())
                .extracting(m -> m.version().toString())
                .containsExactly("3");

        TidemarkException unknown = catchThrowableOfType(
                TidemarkException.class,
                () -> Tidemark.configure()
                        .dataSource(db)
                        .manifests(threeMigrations())
                        .target("2.5")
                        .load()
                        .migrate());
        assertThat(unknown.code()).isEqualTo(ErrorCode.INVALID_TARGET);
        assertThat(unknown.getMessage())
                .contains("target(String) 2.5 is not the version of any migration")
                .contains("\nSet target(String) to one of the versions 1, 2, 3, or to latest.");

        TidemarkException below = catchThrowableOfType(
                TidemarkException.class,
                () -> Tidemark.configure()
                        .dataSource(db)
                        .manifests(threeMigrations())
                        .target("1")
                        .load()
                        .migrate());
        assertThat(below.code()).isEqualTo(ErrorCode.INVALID_TARGET);
        assertThat(below.getMessage()).contains("is below the version the database is at (2)");

        assertThat(Tidemark.configure()
                        .dataSource(db)
                        .manifests(threeMigrations())
                        .target("current")
                        .load()
                        .migrate()
                        .applied())
                .isEmpty();
    }

    @Test
    void migrate_statementTimeoutEndsALongStatementAndSaysWhichSettingToRaise(TestDatabase db) {
        MigrationFailedException failure = catchThrowableOfType(
                MigrationFailedException.class,
                () -> Tidemark.configure()
                        .dataSource(db)
                        .statementTimeout(java.time.Duration.ofMillis(200))
                        .manifests(TestManifest.of(sql("1", "slow", "CREATE TABLE t (id int); SELECT pg_sleep(5)")))
                        .load()
                        .migrate());
        assertThat(failure.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
        assertThat(failure.getMessage())
                .contains("SQLSTATE 57014: canceling statement due to statement timeout")
                .endsWith("\nThe statement ran longer than statementTimeout(Duration) (200 ms): raise it, or make the"
                        + " statement cheaper, then run migrate() again.");
        assertThat(db.tableExists("public", "t")).isFalse();
    }

    @Test
    void migrate_nonTransactionalMigrationRunsInAutoCommitWithSessionTimeoutsThatAreResetAfterwards(TestDatabase db)
            throws Exception {
        List<String> seen = new java.util.ArrayList<>();
        List<java.sql.Connection> sessions = new java.util.ArrayList<>();
        javax.sql.DataSource keeping = keepingSessions(db, sessions);
        String show = "SELECT current_setting('lock_timeout') || '|' || current_setting('statement_timeout') || '|'"
                + " || current_setting('synchronous_commit')";
        Tidemark.configure()
                .dataSource(keeping)
                .lockTimeout(java.time.Duration.ofMillis(1500))
                .statementTimeout(java.time.Duration.ofSeconds(90))
                .manifests(TestManifest.of(new dev.tidemark.spi.MigrationEntry(
                        "1", "outside", "test.Outside", "v1:1", false, false, () -> context -> {
                            seen.add(String.valueOf(context.connection().getAutoCommit()));
                            seen.addAll(context.query(show, row -> row.getString(1)));
                        })))
                .load()
                .migrate();
        assertThat(seen).containsExactly("true", "1500ms|90s|off");
        assertTimeoutsAsFound(sessions, show);
    }

    @Test
    void migrate_transactionalMigrationsRunWithTheTimeoutsWhichAreResetAfterwards(TestDatabase db) throws Exception {
        List<String> seen = new java.util.ArrayList<>();
        List<java.sql.Connection> sessions = new java.util.ArrayList<>();
        String show = "SELECT current_setting('lock_timeout') || '|' || current_setting('statement_timeout') || '|'"
                + " || current_setting('synchronous_commit')";
        dev.tidemark.spi.MigrationEntry[] entries = new dev.tidemark.spi.MigrationEntry[3];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = new dev.tidemark.spi.MigrationEntry(
                    String.valueOf(i + 1), "step", "test.Step" + i, "v1:" + i, true, false, () -> context -> {
                        seen.addAll(context.query(show, row -> row.getString(1)));
                    });
        }
        Tidemark.configure()
                .dataSource(keepingSessions(db, sessions))
                .lockTimeout(java.time.Duration.ofMillis(1500))
                .statementTimeout(java.time.Duration.ofSeconds(90))
                .manifests(TestManifest.of(entries))
                .load()
                .migrate();
        assertThat(seen).containsExactly("1500ms|90s|off", "1500ms|90s|off", "1500ms|90s|off");
        assertTimeoutsAsFound(sessions, show);
    }

    @Test
    void migrate_endsWithTheWalFlushedPastItsLastMigration(TestDatabase db) {
        // Migrations commit with synchronous_commit off; the run must end with a synchronous commit
        // that flushes the WAL past every one of them before migrate returns.
        db.execute("CREATE SCHEMA aux; CREATE TABLE aux.wal_mark (lsn pg_lsn)");
        dev.tidemark.spi.MigrationEntry[] entries = new dev.tidemark.spi.MigrationEntry[20];
        for (int i = 0; i < entries.length; i++) {
            int step = i + 1;
            entries[i] = new dev.tidemark.spi.MigrationEntry(
                    String.valueOf(step), "step", "test.Step" + step, "v1:" + step, true, false, () -> context -> {
                        context.execute("CREATE TABLE step_" + step + " (id bigint)");
                        context.update("INSERT INTO aux.wal_mark SELECT pg_current_wal_insert_lsn()");
                    });
        }
        Tidemark.configure()
                .dataSource(db)
                .manifests(TestManifest.of(entries))
                .drift(DriftMode.IGNORE)
                .load()
                .migrate();
        assertThat(db.queryValue("SELECT pg_current_wal_flush_lsn() >= max(lsn) FROM aux.wal_mark"))
                .isEqualTo("t");
    }

    @Test
    void migrate_commitsSynchronouslyThroughout_whenTheRoleMayNotWriteTheFlushingWalMessage(TestDatabase db) {
        String role = "tidemark_noflush_" + Long.toHexString(System.nanoTime());
        db.execute("REVOKE EXECUTE ON FUNCTION pg_catalog.pg_logical_emit_message(boolean, text, text) FROM PUBLIC;"
                + " REVOKE EXECUTE ON FUNCTION pg_catalog.pg_logical_emit_message(boolean, text, bytea) FROM PUBLIC;"
                + " CREATE ROLE " + role + " LOGIN; GRANT ALL ON SCHEMA public TO " + role);
        try {
            List<String> seen = new java.util.ArrayList<>();
            MigrateResult result = Tidemark.configure()
                    .url(db.url())
                    .user(role)
                    .manifests(TestManifest.of(new dev.tidemark.spi.MigrationEntry(
                            "1", "step", "test.Step", "v1:1", true, false, () -> context -> {
                                context.execute("CREATE TABLE t (id bigint)");
                                seen.addAll(context.query(
                                        "SELECT current_setting('synchronous_commit')", row -> row.getString(1)));
                            })))
                    .load()
                    .migrate();
            assertThat(result.applied()).hasSize(1);
            assertThat(seen).containsExactly("on");
        } finally {
            db.execute("DROP OWNED BY " + role + "; DROP ROLE " + role);
        }
    }

    /** Both sessions of the run (lock and work) show the server's own settings again, and are closed. */
    private static void assertTimeoutsAsFound(List<java.sql.Connection> sessions, String show) throws Exception {
        assertThat(sessions).hasSize(2);
        for (java.sql.Connection session : sessions) {
            try (session;
                    java.sql.Statement statement = session.createStatement();
                    java.sql.ResultSet row = statement.executeQuery(show)) {
                row.next();
                assertThat(row.getString(1)).isEqualTo("0|0|on");
            }
        }
    }

    /** Hands out sessions whose close() is ignored, collected in {@code sessions}, to look at them after the run. */
    private javax.sql.DataSource keepingSessions(TestDatabase db, List<java.sql.Connection> sessions) {
        return (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {javax.sql.DataSource.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("getConnection")) {
                        return method.invoke(db, args);
                    }
                    java.sql.Connection real = db.getConnection();
                    sessions.add(real);
                    return java.lang.reflect.Proxy.newProxyInstance(
                            getClass().getClassLoader(), new Class<?>[] {java.sql.Connection.class}, (p, m, a) -> {
                                if (m.getName().equals("close")) {
                                    return null;
                                }
                                try {
                                    return m.invoke(real, a);
                                } catch (java.lang.reflect.InvocationTargetException e) {
                                    throw e.getCause();
                                }
                            });
                });
    }
}
