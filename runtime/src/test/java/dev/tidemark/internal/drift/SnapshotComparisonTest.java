package dev.tidemark.internal.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.DiffResult;
import dev.tidemark.ErrorCode;
import dev.tidemark.MigrationVersion;
import dev.tidemark.ResultFormat;
import dev.tidemark.TidemarkException;
import dev.tidemark.ValidationProblem;
import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.TestDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@NeedsPostgres
class SnapshotComparisonTest {

    private final SnapshotStore store = new SnapshotStore("public", "tidemark_history");

    @Test
    void record_thenCheckUnchangedSchema_findsNoDrift(TestDatabase database) throws Exception {
        database.execute("CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL)");
        try (Connection connection = database.getConnection()) {
            store.create(connection);
            SnapshotStore.Recorded recorded = store.record(connection, "3");

            SnapshotComparison.Outcome outcome = SnapshotComparison.run(connection, store, "public", "3");

            assertThat(outcome.drift()).isFalse();
            assertThat(outcome.note()).isNull();
            assertThat(outcome.recorded()).hasValueSatisfying(r -> {
                assertThat(r.version()).isEqualTo("3");
                assertThat(r.fingerprint()).isEqualTo(recorded.fingerprint());
            });
            DiffResult result = outcome.result();
            assertThat(result.drift()).isFalse();
            assertThat(result.snapshotRecorded()).isTrue();
            assertThat(result.snapshotVersion()).isEqualTo(MigrationVersion.parse("3"));
            assertThat(result.foundFingerprint()).isEqualTo(result.expectedFingerprint());
        }
        assertThat(database.queryValue("SELECT count(*) FROM tidemark_history_snapshot"))
                .isEqualTo("1");
    }

    @Test
    void check_afterChangeByHand_reportsProblemsAndRefusalNamingEachDifference(TestDatabase database) throws Exception {
        database.execute("CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL)");
        try (Connection connection = database.getConnection()) {
            store.create(connection);
            store.record(connection, "3");
            database.execute("ALTER TABLE users DROP COLUMN email; CREATE TABLE audit_log (id int)");

            SnapshotComparison.Outcome outcome = SnapshotComparison.run(connection, store, "public", "3");

            assertThat(outcome.drift()).isTrue();
            assertThat(outcome.problems())
                    .containsExactly(
                            new ValidationProblem(
                                    ValidationProblem.Kind.DRIFT,
                                    MigrationVersion.parse("3"),
                                    null,
                                    "table audit_log exists but no migration created it (found columns id)"),
                            new ValidationProblem(
                                    ValidationProblem.Kind.DRIFT,
                                    MigrationVersion.parse("3"),
                                    null,
                                    "column users.email is missing (expected text NOT NULL)"));
            TidemarkException refusal = outcome.refusal();
            assertThat(refusal.code()).isEqualTo(ErrorCode.DRIFT_DETECTED);
            assertThat(refusal.getMessage())
                    .startsWith("[TM-R300] The schema \"public\" no longer matches what its migrations made"
                            + " (snapshot of version 3, v1:")
                    .contains("2 differences:\n"
                            + "  - table audit_log exists but no migration created it (found columns id)\n"
                            + "  - column users.email is missing (expected text NOT NULL)\n"
                            + "The database is unchanged at version 3: no migration was applied.\n")
                    .endsWith(
                            "\nPut the schema back as its migrations left it (diff() lists every difference, also as JSON),"
                                    + " then write any change worth keeping as a migration; to keep the changes as they are,"
                                    + " acceptDrift() accepts the live schema as the new reference and records who accepted"
                                    + " which differences; to migrate on top of the changes anyway, set drift(DriftMode.WARN),"
                                    + " which leaves them reported.");
            assertThat(ResultFormat.toJson(outcome.result())).contains("\"drift\":true");
        }
    }

    /** The drift found after recording a snapshot with {@code recorded}, then running {@code replaced}. */
    private List<String> driftAfter(TestDatabase database, String recorded, String replaced) throws Exception {
        database.execute(recorded);
        try (Connection connection = database.getConnection()) {
            store.create(connection);
            store.record(connection, "3");
            database.execute(replaced);
            return SnapshotComparison.run(connection, store, "public", "3").sentences();
        }
    }

    @Test
    void check_ofFunctionRecreatedWithOtherWhitespace_findsNoDrift(TestDatabase database) throws Exception {
        assertThat(driftAfter(
                        database,
                        "CREATE FUNCTION greet(who text) RETURNS text LANGUAGE plpgsql AS $$\n"
                                + "BEGIN\n  RETURN 'hello,  ' || who;\nEND $$",
                        // Reindented with a tab, a trailing blank, CRLF line ends and an extra blank line.
                        "CREATE OR REPLACE FUNCTION greet(who text) RETURNS text LANGUAGE plpgsql AS $$\r\n"
                                + "BEGIN \r\n\r\n\tRETURN   'hello,  ' ||  who;\r\nEND $$"))
                .isEmpty();
    }

    @Test
    void check_ofFunctionWhoseStringLiteralLostASpace_reportsIt(TestDatabase database) throws Exception {
        assertThat(driftAfter(
                        database,
                        "CREATE FUNCTION greet(who text) RETURNS text LANGUAGE plpgsql AS $$\n"
                                + "BEGIN\n  RETURN 'hello,  ' || who; -- two spaces\nEND $$",
                        "CREATE OR REPLACE FUNCTION greet(who text) RETURNS text LANGUAGE plpgsql AS $$\n"
                                + "BEGIN\n  RETURN 'hello, ' || who; -- two spaces\nEND $$"))
                .containsExactly("function greet(who text) differs at line 6 of its definition: expected"
                        + " \"RETURN 'hello,  ' || who; -- two spaces\" found \"RETURN 'hello, ' || who; -- two"
                        + " spaces\"");
    }

    @Test
    void record_insideRolledBackTransaction_leavesNoSnapshot(TestDatabase database) throws Exception {
        try (Connection connection = database.getConnection()) {
            store.create(connection);
            connection.setAutoCommit(false);
            connection.createStatement().execute("CREATE TABLE users (id int)");
            store.record(connection, "1");
            connection.rollback();
            connection.setAutoCommit(true);

            assertThat(store.latest(connection)).isEmpty();
        }
    }

    @Test
    void check_withoutSnapshot_saysWhyNothingWasCompared(TestDatabase database) throws Exception {
        database.execute("CREATE TABLE users (id int)");
        try (Connection connection = database.getConnection()) {
            SnapshotComparison.Outcome outcome = SnapshotComparison.run(connection, store, "public", "2");

            assertThat(outcome.drift()).isFalse();
            assertThat(outcome.result().snapshotRecorded()).isFalse();
            assertThat(outcome.note())
                    .isEqualTo("no schema snapshot is recorded yet, so drift cannot be checked; the next migrate or"
                            + " baseline records one");
        }
    }

    @Test
    void check_withSnapshotOfAnOlderVersion_doesNotReportThatVersionsChangesAsDrift(TestDatabase database)
            throws Exception {
        try (Connection connection = database.getConnection()) {
            store.create(connection);
            store.record(connection, "1");
            database.execute("CREATE TABLE users (id int)");

            SnapshotComparison.Outcome outcome = SnapshotComparison.run(connection, store, "public", "2");

            assertThat(outcome.drift()).isFalse();
            assertThat(outcome.note())
                    .isEqualTo("the last schema snapshot belongs to version 1 but the history is at version 2, so"
                            + " drift cannot be checked; the next migrate records a snapshot of version 2");
        }
    }

    @Test
    void record_storesTheCatalogDigest_andAnUnchangedSchemaIsSettledByItAlone(TestDatabase database) throws Exception {
        database.execute("CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL)");
        try (Connection connection = database.getConnection()) {
            store.create(connection);
            SnapshotStore.Recorded recorded = store.record(connection, "1");
            assertThat(database.queryValue("SELECT catalog_digest FROM tidemark_history_snapshot"))
                    .isEqualTo(store.digest(connection));
            // Proof that the text is not read: unreadable, yet the check passes on the digest.
            database.execute("UPDATE tidemark_history_snapshot SET snapshot = 'not a snapshot'");

            SnapshotComparison.Outcome outcome = SnapshotComparison.run(connection, store, "public", "1");

            assertThat(outcome.drift()).isFalse();
            assertThat(outcome.note()).isNull();
            assertThat(outcome.result().foundFingerprint()).isEqualTo(recorded.fingerprint());
        }
    }

    @Test
    void record_storesTheCatalogMark_andWithoutAnyCatalogChangeItSettlesTheCheckAlone(TestDatabase database)
            throws Exception {
        database.execute("CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL)");
        try (Connection connection = database.getConnection()) {
            store.create(connection);
            SnapshotStore.Recorded recorded = store.record(connection, "1");
            assertThat(database.queryValue("SELECT catalog_marker FROM tidemark_history_snapshot"))
                    .isEqualTo(store.marker(connection))
                    .startsWith(CatalogMarker.PREFIX)
                    .hasSize(CatalogMarker.PREFIX.length() + 64);
            // Proof that neither the digest nor the text is used: one is gone, the other unreadable.
            database.execute("UPDATE tidemark_history_snapshot SET catalog_digest = NULL, snapshot = 'not a snapshot'");
            // Data, statistics and vacuuming change no definition, and leave the mark as it was.
            database.execute("INSERT INTO users SELECT n, 'u' || n FROM generate_series(1, 2000) n;"
                    + " DELETE FROM users WHERE id % 2 = 0");
            database.execute("VACUUM ANALYZE users");
            database.execute("ANALYZE");

            SnapshotComparison.Outcome outcome = SnapshotComparison.run(connection, store, "public", "1");

            assertThat(outcome.drift()).isFalse();
            assertThat(outcome.result().foundFingerprint()).isEqualTo(recorded.fingerprint());

            // DDL anywhere in the database changes the mark: the check then has to read the snapshot.
            database.execute("CREATE SCHEMA elsewhere; CREATE TABLE elsewhere.t (id int)");
            assertThatThrownBy(() -> SnapshotComparison.run(connection, store, "public", "1"))
                    .isInstanceOf(TidemarkException.class)
                    .extracting(e -> ((TidemarkException) e).code())
                    .isEqualTo(ErrorCode.UNREADABLE_SNAPSHOT);
        }
    }

    @Test
    void mark_runsWithoutParallelWorkers_andLeavesTheSessionsSettingAsItWas(TestDatabase database) throws Exception {
        try (Connection connection = database.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("SET max_parallel_workers_per_gather = 3");
            String outside = CatalogMarker.of(connection);
            assertThat(setting(statement)).isEqualTo("3");

            connection.setAutoCommit(false);
            String inside = CatalogMarker.of(connection);
            assertThat(setting(statement)).isEqualTo("0");
            connection.commit();
            assertThat(setting(statement)).isEqualTo("3");
            assertThat(inside).isEqualTo(outside);
        }
    }

    @Test
    void mark_asARoleThatMayNotReadEveryCatalog_coversTheOnesItMayRead(TestDatabase database) throws Exception {
        String role = "tidemark_mark_" + Long.toHexString(System.nanoTime());
        database.execute("CREATE ROLE " + role + " LOGIN");
        try (Connection connection = database.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("SET ROLE " + role);
            // pg_user_mapping is readable by superusers only: a mark that scanned it would fail.
            assertThat(database.queryValue("SELECT has_table_privilege('" + role + "', 'pg_user_mapping', 'SELECT')"))
                    .isEqualTo("f");
            String mark = CatalogMarker.of(connection);
            assertThat(mark).startsWith(CatalogMarker.PREFIX).isEqualTo(CatalogMarker.of(connection));

            database.execute("COMMENT ON SCHEMA public IS 'seen by the mark'");
            assertThat(CatalogMarker.of(connection)).isNotEqualTo(mark);
        } finally {
            database.execute("DROP ROLE " + role);
        }
    }

    private static String setting(Statement statement) throws Exception {
        try (var rows = statement.executeQuery("SHOW max_parallel_workers_per_gather")) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Test
    void mark_isRecordedUnlessTheManagedSchemaIsASmallShareOfALargeDatabase(TestDatabase database) throws Exception {
        database.execute("CREATE SCHEMA tenants; DO $$ BEGIN FOR i IN 1..60 LOOP"
                + " EXECUTE format('CREATE TABLE tenants.t%s (id int)', i); END LOOP; END $$;"
                + " CREATE TABLE users (id int PRIMARY KEY)");
        try (Connection connection = database.getConnection()) {
            // A database this small always gets a mark; treated as large, its public schema holds too
            // small a share of the relations for one, until it holds a tenth of them.
            assertThat(CatalogMarker.worthRecording(connection, List.of("public")))
                    .isTrue();
            assertThat(CatalogMarker.worthRecording(connection, List.of("public"), 0))
                    .isFalse();
            assertThat(CatalogMarker.worthRecording(connection, List.of("public", "tenants"), 0))
                    .isTrue();
            database.execute("DO $$ BEGIN FOR i IN 1..60 LOOP"
                    + " EXECUTE format('CREATE TABLE public.p%s (id int)', i); END LOOP; END $$");
            assertThat(CatalogMarker.worthRecording(connection, List.of("public"), 0))
                    .isTrue();
        }
    }

    @Test
    void snapshotTable_fromBeforeMarks_isSettledByTheDigest_andGainsTheColumnWithTheNextRecord(TestDatabase database)
            throws Exception {
        try (Connection connection = recordedWithout(database, "catalog_marker")) {
            database.execute("UPDATE tidemark_history_snapshot SET snapshot = 'not a snapshot'");

            assertThat(SnapshotComparison.run(connection, store, "public", "1").drift())
                    .isFalse();

            store.record(connection, "2");
            assertThat(database.queryValue("SELECT catalog_marker FROM tidemark_history_snapshot WHERE version = '2'"))
                    .isEqualTo(store.marker(connection));
            assertThat(SnapshotComparison.run(connection, store, "public", "2").drift())
                    .isFalse();
        }
    }

    @Test
    void digest_onAnAutoCommitSession_opensNoTransaction_andLeavesTheSearchPathAsFound(TestDatabase database)
            throws Exception {
        database.execute("CREATE TABLE users (id int PRIMARY KEY)");
        try (Connection real = database.getConnection()) {
            try (Statement statement = real.createStatement()) {
                statement.execute("SET search_path = pg_catalog, public");
            }
            // The lock session must never sit in a transaction: record what would open or end one.
            List<String> calls = new ArrayList<>();
            Connection recording = (Connection) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (List.of("setAutoCommit", "commit", "rollback").contains(method.getName())) {
                            calls.add(method.getName());
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });

            String digest = store.digest(recording);

            assertThat(calls).isEmpty();
            assertThat(real.getAutoCommit()).isTrue();
            try (Statement statement = real.createStatement();
                    ResultSet row = statement.executeQuery("SELECT current_setting('search_path')")) {
                row.next();
                assertThat(row.getString(1)).isEqualTo("pg_catalog, public");
            }
            real.setAutoCommit(false);
            assertThat(store.digest(real)).isEqualTo(digest);
            real.rollback();
        }
    }

    /**
     * A session on {@code database} with a table users recorded at version 1 in a snapshot table
     * that then lost {@code column}, as one made by an older Tidemark lacks it.
     */
    private Connection recordedWithout(TestDatabase database, String column) throws Exception {
        database.execute("CREATE TABLE users (id int PRIMARY KEY)");
        Connection connection = database.getConnection();
        store.create(connection);
        store.record(connection, "1");
        database.execute("ALTER TABLE tidemark_history_snapshot DROP COLUMN " + column);
        return connection;
    }

    @Test
    void snapshotTable_fromBeforeDigests_isComparedInFull_andGainsTheColumnWithTheNextRecord(TestDatabase database)
            throws Exception {
        try (Connection connection = recordedWithout(database, "catalog_digest")) {
            database.execute("ALTER TABLE users ADD COLUMN nickname text");

            assertThat(SnapshotComparison.run(connection, store, "public", "1").sentences())
                    .containsExactly("column users.nickname exists but no migration created it (found text)");

            store.record(connection, "2");
            assertThat(database.queryValue("SELECT catalog_digest FROM tidemark_history_snapshot WHERE version = '2'"))
                    .isEqualTo(store.digest(connection));
            assertThat(SnapshotComparison.run(connection, store, "public", "2").drift())
                    .isFalse();
        }
    }

    @Test
    void check_ofUnreadableSnapshot_failsWithIdAndHint(TestDatabase database) throws Exception {
        try (Connection connection = database.getConnection()) {
            store.create(connection);
            store.record(connection, "1");
            database.execute("UPDATE tidemark_history_snapshot SET snapshot = 'tidemark-snapshot v2\nschemas'");
            // While the catalog digest still matches, the text is never read; a change makes it needed.
            database.execute("CREATE TABLE added_by_hand (id int)");

            assertThatThrownBy(() -> SnapshotComparison.run(connection, store, "public", "1"))
                    .isInstanceOfSatisfying(
                            TidemarkException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNREADABLE_SNAPSHOT))
                    .hasMessageStartingWith("[TM-R301] The schema snapshot recorded in"
                            + " \"public\".\"tidemark_history_snapshot\" cannot be read: not a Tidemark schema"
                            + " snapshot of format 'tidemark-snapshot v1' (first line: tidemark-snapshot v2)")
                    .hasMessageEndingWith(
                            "\nRun the Tidemark version that recorded it, or set drift(DriftMode.IGNORE) to go on"
                                    + " without the drift check.");
        }
    }

    @Test
    void store_quotesSchemaAndTableNames(TestDatabase database) throws Exception {
        database.execute("CREATE SCHEMA \"Odd \"\"Schema\"\"\"; CREATE TABLE \"Odd \"\"Schema\"\"\".t (id int)");
        SnapshotStore odd = new SnapshotStore("Odd \"Schema\"", "history; DROP TABLE t");
        try (Connection connection = database.getConnection()) {
            odd.create(connection);
            odd.record(connection, "1");

            SnapshotComparison.Outcome outcome = SnapshotComparison.run(connection, odd, "Odd \"Schema\"", "1");

            assertThat(outcome.drift()).isFalse();
            assertThat(odd.latest(connection).orElseThrow().snapshot().text())
                    .contains("table\tOdd \"Schema\"\t\tt\n")
                    .doesNotContain("history; DROP TABLE t");
        }
    }

    @Test
    void store_withLongHistoryName_namesItsTableWithinPostgresLimit(TestDatabase database) throws Exception {
        String history = "h".repeat(60);
        SnapshotStore store = new SnapshotStore("public", history);
        assertThat(store.tableName()).isEqualTo("h".repeat(54) + "_snapshot");
        assertThat(new SnapshotStore("public", "é".repeat(30)).tableName()).isEqualTo("é".repeat(27) + "_snapshot");
        database.execute("CREATE TABLE " + history + " (id int)");
        try (Connection connection = database.getConnection()) {
            store.create(connection);
            store.record(connection, "1");

            assertThat(store.latest(connection).orElseThrow().snapshot().objects())
                    .extracting(SchemaObject::kind)
                    .containsOnly(ObjectKind.EXTENSION);
        }
    }
}
