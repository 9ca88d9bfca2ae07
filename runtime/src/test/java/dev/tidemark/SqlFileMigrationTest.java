package dev.tidemark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tidemark.spi.MigrationEntry;
import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.RecordingListener;
import dev.tidemark.testing.SqlFiles;
import dev.tidemark.testing.TestDatabase;
import dev.tidemark.testing.TestManifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQL migration files against the real database: a project of a few hundred, with plpgsql
 * functions, triggers, views and {@code CREATE INDEX CONCURRENTLY} outside a transaction, applied,
 * validated, round-tripped and undone like Java migrations; and a failing statement reported with
 * its line in the file.
 */
@NeedsPostgres
class SqlFileMigrationTest {

    /** Tables in the generated project; each brings six migrations. */
    private static final int TABLES = 40;

    @TempDir
    Path classes;

    /** Six migrations per table: table, plpgsql function, trigger, view, concurrent index, column. */
    private SqlFiles project() {
        SqlFiles files = new SqlFiles(classes);
        for (int t = 1; t <= TABLES; t++) {
            int v = (t - 1) * 6;
            files.add(
                    String.valueOf(v + 1),
                    "V" + (v + 1) + "__Create_t" + t + ".sql",
                    "-- table " + t + "\nCREATE TABLE t" + t + " (\n  id bigint PRIMARY KEY,\n  name text,\n"
                            + "  updated_at timestamptz\n);\n",
                    "U" + (v + 1) + "__Create_t" + t + ".sql",
                    "DROP TABLE t" + t + ";\n",
                    true);
            files.add(
                    String.valueOf(v + 2),
                    (v + 2) + "_touch_t" + t + "/up.sql",
                    "CREATE FUNCTION touch_t" + t + "() RETURNS trigger LANGUAGE plpgsql AS $body$\nBEGIN\n"
                            + "  NEW.updated_at := now(); -- a comment; with a semicolon\n  RETURN NEW;\nEND;\n"
                            + "$body$;\n",
                    (v + 2) + "_touch_t" + t + "/down.sql",
                    "DROP FUNCTION touch_t" + t + "();\n",
                    true);
            files.add(
                    String.valueOf(v + 3),
                    (v + 3) + "_trigger_t" + t + ".up.sql",
                    "CREATE TRIGGER t" + t + "_touch BEFORE UPDATE ON t" + t
                            + "\n  FOR EACH ROW EXECUTE FUNCTION touch_t" + t + "();\n",
                    (v + 3) + "_trigger_t" + t + ".down.sql",
                    "DROP TRIGGER t" + t + "_touch ON t" + t + ";\n",
                    true);
            files.add(
                    String.valueOf(v + 4),
                    "V" + (v + 4) + "__View_v" + t + ".sql",
                    "CREATE VIEW v" + t + " AS\n  SELECT id, upper(name) AS name FROM t" + t + ";\n",
                    "U" + (v + 4) + "__View_v" + t + ".sql",
                    "DROP VIEW v" + t + ";\n",
                    true);
            files.add(
                    String.valueOf(v + 5),
                    "V" + (v + 5) + "__Index_t" + t + ".sql",
                    "-- tidemark:no-transaction\nCREATE INDEX CONCURRENTLY t" + t + "_name ON t" + t + " (name);\n",
                    "U" + (v + 5) + "__Index_t" + t + ".sql",
                    "DROP INDEX CONCURRENTLY t" + t + "_name;\n",
                    false);
            files.add(
                    String.valueOf(v + 6),
                    "V" + (v + 6) + "__Note_t" + t + ".sql",
                    "ALTER TABLE t" + t + " ADD COLUMN note text;\nCOMMENT ON COLUMN t" + t
                            + ".note IS 'semi;colon';\n",
                    "U" + (v + 6) + "__Note_t" + t + ".sql",
                    "ALTER TABLE t" + t + " DROP COLUMN note;\n",
                    true);
        }
        return files;
    }

    private static Tidemark tidemark(TestDatabase db, SqlFiles files) {
        return Tidemark.configure()
                .dataSource(db)
                .manifests(files.manifest())
                .undoNonTransactional(true)
                .load();
    }

    @Test
    void aProjectOfHundredsOfSqlFiles_isApplied_validated_andUndoneToTheStart(TestDatabase db) {
        SqlFiles files = project();

        MigrateResult migrated = tidemark(db, files).migrate();

        assertThat(migrated.currentVersion()).hasToString(String.valueOf(TABLES * 6));
        db.execute("INSERT INTO t7 (id, name) VALUES (1, 'a')");
        db.execute("UPDATE t7 SET name = 'b'");
        assertThat(db.queryValue("SELECT updated_at IS NOT NULL FROM t7")).isEqualTo("t");
        assertThat(db.queryValue("SELECT name FROM v7")).isEqualTo("B");
        assertThat(db.queryValue("SELECT count(*) FROM pg_index WHERE NOT indisvalid"))
                .isEqualTo("0");
        assertThat(tidemark(db, files).validate().valid()).isTrue();
        assertThat(db.queryValue("SELECT class_name FROM tidemark_history WHERE version = '2'"))
                .isEqualTo("2_touch_t1/up.sql");

        UndoResult undone = tidemark(db, files).undo("6");

        assertThat(undone.currentVersion()).hasToString("6");
        assertThat(db.tableExists("public", "t2")).isFalse();
        assertThat(db.tableExists("public", "t1")).isTrue();
        assertThat(db.queryValue("SELECT count(*) FROM pg_proc WHERE proname LIKE 'touch_t%'"))
                .isEqualTo("1");
        assertThat(tidemark(db, files).migrate().currentVersion()).hasToString(String.valueOf(TABLES * 6));
    }

    @Test
    void aProjectOfSqlFiles_roundTrips(TestDatabase db) {
        RoundTripResult result = tidemark(db, project()).roundTrip();

        assertThat(result.problems()).as(result.report()).isEmpty();
        assertThat(result.checks()).hasSize(TABLES * 6);
    }

    @Test
    void rehearsal_runsTheSqlFiles_andLeavesNothing(TestDatabase db) {
        SqlFiles files = new SqlFiles(classes)
                .add("1", "V1__Users.sql", "CREATE TABLE users (id bigint);\n", null, null, true)
                .add("2", "V2__Names.sql", "ALTER TABLE users ADD COLUMN name text;\n", null, null, true);

        RehearsalResult rehearsal = Tidemark.configure()
                .dataSource(db)
                .manifests(files.manifest())
                .load()
                .rehearse();

        assertThat(rehearsal.succeeded()).isTrue();
        assertThat(db.tableExists("public", "users")).isFalse();
    }

    @Test
    void aFailingStatement_isNamedWithItsFileAndLine_andNothingOfTheMigrationRemains(TestDatabase db) {
        SqlFiles files = new SqlFiles(classes)
                .add("1", "V1__Users.sql", "CREATE TABLE users (id bigint);\n", null, null, true)
                .add(
                        "2",
                        "V2__Broken.sql",
                        "-- adds orders\nCREATE TABLE orders (id bigint);\n\nINSERT INTO orders\n"
                                + "  SELECT nothing FROM users;\n",
                        null,
                        null,
                        true);

        MigrationFailedException failure = catchThrowableOfType(
                MigrationFailedException.class, () -> tidemark(db, files).migrate());

        assertThat(failure.getMessage())
                .contains("V2__Broken.sql", "In V2__Broken.sql, the statement at line 4 failed", "42703")
                .contains("column \"nothing\" does not exist")
                .contains("unchanged at version 1");
        assertThat(failure.sqlState()).isEqualTo("42703");
        assertThat(db.tableExists("public", "orders")).isFalse();
    }

    @Test
    void baselineDetection_findsTheVersionOfASchemaBuiltBySqlFiles(TestDatabase db) {
        SqlFiles files = new SqlFiles(classes)
                .add("1", "V1__Users.sql", "CREATE TABLE users (id bigint);\n", null, null, true)
                .add("2", "V2__Names.sql", "ALTER TABLE users ADD COLUMN name text;\n", null, null, true)
                .add("3", "V3__Orders.sql", "CREATE TABLE orders (id bigint);\n", null, null, true);
        db.execute("CREATE TABLE users (id bigint, name text)");

        BaselineResult result = Tidemark.configure()
                .url(db.url())
                .manifests(files.manifest())
                .load()
                .baseline();

        assertThat(result.version()).hasToString("2");
    }

    @Test
    void theHistory_recordsSqlForAMigrationFromAFile_andJavaForAClass_andStillAgreesWithRowsThatSayJava(
            TestDatabase db) {
        SqlFiles files = new SqlFiles(classes)
                .add("1", "V1__Users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, name text);\n", null, null, true)
                .add(
                        "2",
                        "V2__Index_users.sql",
                        "-- tidemark:no-transaction\nCREATE INDEX CONCURRENTLY users_name ON users (name);\n",
                        null,
                        null,
                        false);
        List<MigrationEntry> entries = new ArrayList<>(files.entries());
        entries.add(TestManifest.sql("3", "add emails", "ALTER TABLE users ADD COLUMN email text"));
        RecordingListener listener = new RecordingListener();
        Tidemark tidemark = Tidemark.configure()
                .dataSource(db)
                .manifests(TestManifest.of(entries.toArray(MigrationEntry[]::new)))
                .listener(listener)
                .load();
        assertThat(tidemark.info().migrations())
                .as("pending")
                .extracting(MigrationInfo::type)
                .containsExactly("SQL", "SQL", "JAVA");

        tidemark.migrate();

        assertThat(db.query("SELECT version, type FROM tidemark_history ORDER BY installed_rank"))
                .containsExactly(List.of("1", "SQL"), List.of("2", "SQL"), List.of("3", "JAVA"));
        assertThat(tidemark.info().migrations()).extracting(MigrationInfo::type).containsExactly("SQL", "SQL", "JAVA");
        listener.lines.clear();
        assertThat(tidemark.validate().valid()).isTrue();
        assertThat(listener.lines).anyMatch(l -> l.contains("The history agrees with the code's first 3 migrations"));
        // A history written before SQL files had their own type says JAVA for them: still the same migrations.
        db.execute("UPDATE tidemark_history SET type = 'JAVA'");
        listener.lines.clear();
        assertThat(tidemark.validate().valid()).isTrue();
        assertThat(listener.lines).anyMatch(l -> l.contains("The history agrees with the code's first 3 migrations"));
        assertThat(tidemark.migrate().applied()).isEmpty();
        assertThat(tidemark.info().migrations())
                .extracting(m -> m.state().toString())
                .containsOnly("APPLIED");
    }

    @Test
    void placeholders_areReplacedByTheirValues_andAreNotPartOfTheChecksum(TestDatabase db) {
        SqlFiles files = new SqlFiles(classes)
                .add(
                        "1",
                        "V1__Owned.sql",
                        "CREATE TABLE ${table} (id bigint);\nCOMMENT ON TABLE ${table} IS 'owned by ${owner}';\n",
                        null,
                        null,
                        true);

        Tidemark.configure()
                .dataSource(db)
                .manifests(files.manifest())
                .placeholders(Map.of("table", "accounts", "owner", "team a"))
                .load()
                .migrate();

        assertThat(db.queryValue("SELECT obj_description('accounts'::regclass)"))
                .isEqualTo("owned by team a");
        assertThat(Tidemark.configure()
                        .dataSource(db)
                        .manifests(files.manifest())
                        .placeholders(Map.of("table", "accounts", "owner", "team b"))
                        .load()
                        .validate()
                        .valid())
                .isTrue();
    }

    @Test
    void anUnknownPlaceholder_isRefusedWhenLoading_beforeAnythingRuns(TestDatabase db) {
        SqlFiles files = new SqlFiles(classes)
                .add("1", "V1__Users.sql", "CREATE TABLE users (id bigint);\n", null, null, true)
                .add("2", "V2__Owned.sql", "ALTER TABLE users OWNER TO ${owner};\n", null, null, true);

        ConfigurationException refused = catchThrowableOfType(
                ConfigurationException.class,
                () -> Tidemark.configure()
                        .dataSource(db)
                        .manifests(files.manifest())
                        .placeholders(Map.of("table", "x"))
                        .load());

        assertThat(refused.getMessage())
                .contains("TM-R001", "V2__Owned.sql", "${owner}", "no value", "configured: table")
                .doesNotContain("mvn", "schema.");
        assertThat(db.tableExists("public", "users")).isFalse();
    }
}
