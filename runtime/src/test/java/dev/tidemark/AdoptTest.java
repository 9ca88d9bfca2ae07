package dev.tidemark;

import static dev.tidemark.testing.TestManifest.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tidemark.internal.adopt.ForeignChecksums;
import dev.tidemark.internal.adopt.FormattedSqlChangelog;
import dev.tidemark.internal.adopt.MigrationContents;
import dev.tidemark.spi.MigrationManifest;
import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.RecordingListener;
import dev.tidemark.testing.SqlFiles;
import dev.tidemark.testing.TestDatabase;
import dev.tidemark.testing.TestManifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Taking over another tool's history. Each tool's table is created here with the DDL its own source
 * uses on PostgreSQL (Flyway's {@code PostgreSQLDatabase.getRawCreateScript}, Liquibase's {@code
 * CreateDatabaseChangeLogTableGenerator}, Diesel's {@code setup_migration_table.sql}, golang-migrate's
 * {@code database/postgres/postgres.go}, Drizzle's {@code pg-core/dialect.ts}, Sequelize CLI's
 * {@code SequelizeMeta} model), and filled with rows as those tools write them. Histories written by
 * the real Flyway and Liquibase Maven plugins are taken over in the Invoker scenarios {@code
 * adopt-from-flyway} and {@code adopt-from-liquibase}.
 */
@NeedsPostgres
class AdoptTest {

    static final String FLYWAY_TABLE = "CREATE TABLE flyway_schema_history (installed_rank INT NOT NULL,"
            + " version VARCHAR(50), description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL,"
            + " script VARCHAR(1000) NOT NULL, checksum INTEGER, installed_by VARCHAR(100) NOT NULL,"
            + " installed_on TIMESTAMP NOT NULL DEFAULT now(), execution_time INTEGER NOT NULL,"
            + " success BOOLEAN NOT NULL);"
            + " ALTER TABLE flyway_schema_history ADD CONSTRAINT flyway_schema_history_pk PRIMARY KEY (installed_rank);"
            + " CREATE INDEX flyway_schema_history_s_idx ON flyway_schema_history (success)";

    static final String LIQUIBASE_TABLE = "CREATE TABLE databasechangelog (id VARCHAR(255) NOT NULL,"
            + " author VARCHAR(255) NOT NULL, filename VARCHAR(255) NOT NULL, dateexecuted TIMESTAMP NOT NULL,"
            + " orderexecuted INTEGER NOT NULL, exectype VARCHAR(10) NOT NULL, md5sum VARCHAR(35),"
            + " description VARCHAR(255), comments VARCHAR(255), tag VARCHAR(255), liquibase VARCHAR(20),"
            + " contexts VARCHAR(255), labels VARCHAR(255), deployment_id VARCHAR(10))";

    static final String DIESEL_TABLE = "CREATE TABLE IF NOT EXISTS __diesel_schema_migrations ("
            + " version VARCHAR(50) PRIMARY KEY NOT NULL, run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)";

    static final String GOLANG_MIGRATE_TABLE =
            "CREATE TABLE IF NOT EXISTS schema_migrations (version bigint not null primary key, dirty boolean not null)";

    static final String DRIZZLE_TABLE = "CREATE SCHEMA IF NOT EXISTS drizzle;"
            + " CREATE TABLE IF NOT EXISTS drizzle.__drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL,"
            + " created_at bigint)";

    static final String SEQUELIZE_TABLE =
            "CREATE TABLE IF NOT EXISTS \"SequelizeMeta\" (name VARCHAR(255) NOT NULL UNIQUE, PRIMARY KEY (name))";

    static final String USERS = "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL)";
    static final String NAMES = "ALTER TABLE users ADD COLUMN name text";
    static final String ORDERS = "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users)";

    static MigrationManifest shop() {
        return TestManifest.of(
                sql("1", "create users", USERS),
                sql("1.1", "add names", NAMES),
                sql("2", "create orders", ORDERS),
                sql("3", "index orders", "CREATE INDEX orders_user ON orders (user_id)"));
    }

    /** The schema Flyway made, and its history as Flyway 13 writes it, with a repeatable and its schema row. */
    static void flywayHistory(TestDatabase db) {
        db.execute(USERS);
        db.execute(NAMES);
        db.execute(ORDERS);
        db.execute(FLYWAY_TABLE);
        db.execute(
                "INSERT INTO flyway_schema_history VALUES"
                        + " (1, '1', 'Create users', 'SQL', 'V1__Create_users.sql', -1182575650, 'deploy', '2024-03-01 10:00:00.123456', 22, true),"
                        + " (2, '1.1', 'Add names', 'SQL', 'V1.1__Add_names.sql', -1501482898, 'deploy', '2024-03-08 10:00:00', 32, true),"
                        + " (3, '2', 'Create orders', 'JDBC', 'db.migration.V2__Create_orders', NULL, 'ci', '2024-04-01 12:30:00', 23, true),"
                        + " (4, NULL, 'Users view', 'SQL', 'R__Users_view.sql', 1666975027, 'ci', '2024-04-01 12:30:01', 41, true)");
    }

    @TempDir
    Path classes;

    static Tidemark tidemark(TestDatabase db, RecordingListener listener) {
        return Tidemark.configure()
                .dataSource(db)
                .manifests(shop())
                .listener(listener)
                .load();
    }

    @Test
    void adopt_flyway_keepsItsHistoryWithTimesAndUsersAndLeavesItsTableAsItWas(TestDatabase db) {
        flywayHistory(db);
        List<List<String>> before = db.query("SELECT * FROM flyway_schema_history ORDER BY installed_rank");
        RecordingListener listener = new RecordingListener();

        AdoptResult result = tidemark(db, listener).adopt(null, false);

        assertThat(result.source()).isEqualTo("flyway");
        assertThat(result.version()).hasToString("2");
        assertThat(result.rows()).isEqualTo(3);
        assertThat(db.query("SELECT version, type, installed_by, to_char(installed_on AT TIME ZONE"
                        + " current_setting('TimeZone'), 'YYYY-MM-DD HH24:MI:SS'), execution_time, class_name FROM"
                        + " tidemark_history ORDER BY installed_rank"))
                .containsExactly(
                        List.of("1", "JAVA", "deploy", "2024-03-01 10:00:00", "22", "test.V1"),
                        List.of("1.1", "JAVA", "deploy", "2024-03-08 10:00:00", "32", "test.V1_1"),
                        List.of("2", "JAVA", "ci", "2024-04-01 12:30:00", "23", "test.V2"));
        assertThat(db.queryValue("SELECT bool_and(t.installed_on = f.installed_on::timestamptz) FROM tidemark_history t"
                        + " JOIN flyway_schema_history f USING (version)"))
                .as("the times to the microsecond")
                .isEqualTo("t");
        assertThat(db.queryValue("SELECT remarks FROM tidemark_history WHERE version = '1'"))
                .isEqualTo("adopted from public.flyway_schema_history (installed_rank 1, V1__Create_users.sql,"
                        + " checksum -1182575650): not compared: Flyway applied V1__Create_users.sql (CRC32"
                        + " -1182575650), the code's migration is the Java class V1, matched by version");
        assertThat(db.query("SELECT * FROM flyway_schema_history ORDER BY installed_rank"))
                .isEqualTo(before);
        assertThat(listener.lines)
                .contains(
                        "INFO Found Flyway's history table public.flyway_schema_history.",
                        "INFO installed_rank 4, R__Users_view.sql              | (none)             | the repeatable"
                                + " migration 'Users view' has no R__ file of that description in the code: its row"
                                + " is not carried, what it made stays (the schema snapshot covers it), and there is"
                                + " nothing to apply again",
                        "INFO (not in public.flyway_schema_history)            | 3 index orders     | pending: migrate runs it");
        // validate guards the schema from here on: the snapshot was taken at the end.
        ValidateResult validated = tidemark(db, new RecordingListener()).validate();
        assertThat(validated.pending()).extracting(m -> m.version().toString()).containsExactly("3");
        db.execute("ALTER TABLE users ADD COLUMN nickname text");
        TidemarkException drift = catchThrowableOfType(
                TidemarkException.class,
                () -> tidemark(db, new RecordingListener()).validate());
        assertThat(drift.getMessage()).contains("nickname");
        db.execute("ALTER TABLE users DROP COLUMN nickname");
        assertThat(tidemark(db, new RecordingListener()).migrate().applied())
                .extracting(a -> a.version().toString())
                .containsExactly("3");
    }

    @Test
    void adopt_dryRunShowsTheMappingAndWritesNothing(TestDatabase db) {
        flywayHistory(db);
        RecordingListener listener = new RecordingListener();

        AdoptResult result = tidemark(db, listener).adopt("flyway", true);

        assertThat(result.dryRun()).isTrue();
        assertThat(result.rows()).isEqualTo(3);
        assertThat(result.table().get(0))
                .startsWith("Their row")
                .contains("| Tidemark migration")
                .endsWith("| Verdict");
        assertThat(result.mapping())
                .extracting(AdoptResult.Row::theirs, AdoptResult.Row::migration)
                .containsExactly(
                        tuple("installed_rank 1, V1__Create_users.sql", "1 create users"),
                        tuple("installed_rank 2, V1.1__Add_names.sql", "1.1 add names"),
                        tuple("installed_rank 3, db.migration.V2__Create_orders", "2 create orders"),
                        tuple("installed_rank 4, R__Users_view.sql", "(none)"),
                        tuple("(not in public.flyway_schema_history)", "3 index orders"));
        assertThat(result.mapping().get(2).verdict()).isEqualTo("Flyway keeps no checksum for a Java migration");
        assertThat(listener.lines)
                .contains("INFO Dry run: nothing was written; adopting writes 3 rows to public.tidemark_history, at"
                        + " version 2.");
        assertThat(db.tableExists("public", "tidemark_history")).isFalse();
        assertThat(db.tableExists("public", "tidemark_history_snapshot")).isFalse();
    }

    @Test
    void adopt_refusesARowWithNoMigrationInTheCode(TestDatabase db) {
        flywayHistory(db);
        db.execute("INSERT INTO flyway_schema_history VALUES (5, '2.5', 'Add phone', 'SQL', 'V2.5__Add_phone.sql',"
                + " 12345, 'ci', '2024-05-01 09:00:00', 5, true)");

        TidemarkException failure = refused(db, shop(), "flyway");

        assertThat(failure.getMessage())
                .startsWith("[TM-R210] Cannot adopt Flyway's history public.flyway_schema_history: it and the code"
                        + " disagree on 1 row.\n"
                        + "- installed_rank 5, V2.5__Add_phone.sql: no migration of the code has version 2.5. To"
                        + " do: restore the migration with version 2.5 in the code: every row Flyway applied must"
                        + " have its migration.\n")
                .contains(
                        "  installed_rank 5, V2.5__Add_phone.sql            | (none)             | REFUSED: no migration"
                                + " of the code has version 2.5\n")
                .endsWith("Nothing was written: public.tidemark_history does not exist (checked), and"
                        + " public.flyway_schema_history was only read.\n"
                        + "Resolve each row above, then adopt again (a dry run shows the mapping without writing).");
    }

    @Test
    void adopt_refusesAFailedRow(TestDatabase db) {
        flywayHistory(db);
        db.execute("INSERT INTO flyway_schema_history VALUES (5, '3', 'Index orders', 'SQL',"
                + " 'V3__Index_orders.sql', -20686680, 'ci', '2024-05-01 09:00:00', 5, false)");

        TidemarkException failure = refused(db, shop(), null);

        assertThat(failure.getMessage())
                .contains("- installed_rank 5, V3__Index_orders.sql -> migration 3 (index orders): Flyway recorded"
                        + " it as failed: its changes may be half applied. To do: finish or undo its changes by"
                        + " hand, then clear the failed row with Flyway (flyway repair removes it) or apply it"
                        + " with Flyway until it succeeds, and adopt again.\n");
    }

    @Test
    void adopt_refusesAMigrationBelowTheirNewestThatTheyNeverApplied(TestDatabase db) {
        flywayHistory(db);
        MigrationManifest withGap = TestManifest.of(
                sql("1", "create users", USERS),
                sql("1.1", "add names", NAMES),
                sql("1.5", "add phone", "ALTER TABLE users ADD COLUMN phone text"),
                sql("2", "create orders", ORDERS));

        TidemarkException failure = refused(db, withGap, "flyway");

        assertThat(failure.getMessage())
                .contains("- Migration 1.5 (add phone) of the code: below Flyway's newest version 2, which never"
                        + " applied it: after the takeover it would be pending out of order, so validate would"
                        + " fail on it and migrate would run it only with outOfOrder. To do: apply it with Flyway"
                        + " first, or give it a version above 2 if it was never meant to run before the later"
                        + " ones.\n");
    }

    @Test
    void adopt_flyway_comparesTheFileWithTheChecksumFlywayStored(TestDatabase db) {
        flywayHistory(db);
        db.execute("DELETE FROM flyway_schema_history WHERE installed_rank > 2");
        String v1 = resource("adopt/flyway-13/src/main/resources/db/migration/V1__Create_users.sql");
        String v11 = resource("adopt/flyway-13/src/main/resources/db/migration/V1.1__Add_names.sql");
        MigrationManifest code = TestManifest.of(sql("1", "create users", USERS), sql("1.1", "add names", NAMES));

        MigrationContents edited = files(Map.of("1", v1, "1.1", v11.replace("Prénom et nom", "Nom")));
        TidemarkException failure = catchThrowableOfType(
                TidemarkException.class,
                () -> Tidemark.configure().dataSource(db).manifests(code).load().adopt("flyway", false, edited));
        assertThat(failure.code()).isEqualTo(ErrorCode.ADOPT_REFUSED);
        assertThat(failure.getMessage())
                .contains("- installed_rank 2, V1.1__Add_names.sql -> migration 1.1 (add names): edited since"
                        + " Flyway applied it: Flyway stored CRC32 -1501482898, the code's file gives "
                        + ForeignChecksums.flyway(v11.replace("Prénom et nom", "Nom"))
                        + ". To do: restore the migration as Flyway applied it and put the change in a new"
                        + " migration; or, if the edit is harmless, let Flyway accept it first (flyway repair"
                        + " realigns its checksums) and adopt again.\n")
                .contains("| CRC32 -1182575650 matches\n");
        assertThat(db.tableExists("public", "tidemark_history")).isFalse();

        // The same files with other line ends still match: Flyway's checksum never saw them.
        AdoptResult adopted = Tidemark.configure()
                .dataSource(db)
                .manifests(code)
                .load()
                .adopt("flyway", false, files(Map.of("1", v1.replace("\n", "\r\n"), "1.1", v11)));
        assertThat(adopted.mapping())
                .extracting(AdoptResult.Row::verdict)
                .containsExactly("CRC32 -1182575650 matches", "CRC32 -1501482898 matches");
    }

    @Test
    void adopt_liquibase_matchesChangesetsByTheVersionTheirIdStartsWithAndComparesTheirMd5(TestDatabase db) {
        db.execute(USERS);
        db.execute(LIQUIBASE_TABLE);
        // As liquibase-maven-plugin 4.33.0 wrote them for the fixture changelog (ForeignChecksumsTest).
        db.execute("INSERT INTO databasechangelog (id, author, filename, dateexecuted, orderexecuted, exectype,"
                + " md5sum, description, liquibase, deployment_id) VALUES"
                + " ('1', 'ada', 'db/changelog.sql', '2025-01-02 03:04:05', 1, 'EXECUTED',"
                + " '9:3171c3bec2e9e4c673d6a994a6d09ad4', 'sql', '4.33.0', '6595004491'),"
                + " ('1.1', 'ada', 'db/changelog.sql', '2025-01-02 03:04:06', 2, 'EXECUTED',"
                + " '9:fbae1a655c8ed4e1090368303a528684', 'sql', '4.33.0', '6595004491'),"
                + " ('2-create-orders', 'bob', 'db/changelog.sql', '2025-01-02 03:04:07', 3, 'EXECUTED',"
                + " '9:b6321a85b6379d78d8c5844cd1d7a441', 'sql', '4.33.0', '6595004491')");
        List<FormattedSqlChangelog.Changeset> changesets =
                FormattedSqlChangelog.parse(resource("adopt/liquibase-4.33/src/main/resources/db/changelog.sql"));
        MigrationContents bodies = files(Map.of(
                "1",
                changesets.get(0).body(),
                "1.1",
                changesets.get(1).body(),
                "2",
                changesets.get(2).body()));

        AdoptResult result =
                Tidemark.configure().dataSource(db).manifests(shop()).load().adopt("liquibase", false, bodies);

        assertThat(result.mapping())
                .extracting(AdoptResult.Row::theirs, AdoptResult.Row::migration, AdoptResult.Row::verdict)
                .containsExactly(
                        tuple(
                                "changeset ada:1 (db/changelog.sql)",
                                "1 create users",
                                "MD5 9:3171c3bec2e9e4c673d6a994a6d09ad4 matches"),
                        tuple(
                                "changeset ada:1.1 (db/changelog.sql)",
                                "1.1 add names",
                                "MD5 9:fbae1a655c8ed4e1090368303a528684 matches"),
                        tuple(
                                "changeset bob:2-create-orders (db/changelog.sql)",
                                "2 create orders",
                                "MD5 9:b6321a85b6379d78d8c5844cd1d7a441 matches"),
                        tuple("(not in public.databasechangelog)", "3 index orders", "pending: migrate runs it"));
        assertThat(db.query("SELECT version, installed_by, to_char(installed_on AT TIME ZONE"
                        + " current_setting('TimeZone'), 'YYYY-MM-DD HH24:MI:SS') FROM tidemark_history ORDER BY"
                        + " installed_rank"))
                .containsExactly(
                        List.of("1", "liquibase", "2025-01-02 03:04:05"),
                        List.of("1.1", "liquibase", "2025-01-02 03:04:06"),
                        List.of("2", "liquibase", "2025-01-02 03:04:07"));
    }

    @Test
    void adopt_liquibase_comparesRowsWrittenBefore422InTheirChecksumVersion8_andRefusesOneEdited(TestDatabase db) {
        db.execute(USERS);
        db.execute(LIQUIBASE_TABLE);
        // 1 and 1.1 applied by a Liquibase before 4.22 (checksum version 8, the values of
        // ForeignChecksumsTest), 2 by 4.33 after an upgrade; a 7: row is older than anything recomputed.
        db.execute("INSERT INTO databasechangelog (id, author, filename, dateexecuted, orderexecuted, exectype,"
                + " md5sum, description, liquibase, deployment_id) VALUES"
                + " ('1', 'ada', 'db/changelog.sql', '2023-01-02 03:04:05', 1, 'EXECUTED',"
                + " '8:f9534d3eac2128da0eaa38f46b861280', 'sql', '4.20.0', '2595004491'),"
                + " ('1.1', 'ada', 'db/changelog.sql', '2023-01-02 03:04:06', 2, 'EXECUTED',"
                + " '8:b354f6dcc48ef14fd598373610ac9502', 'sql', '4.20.0', '2595004491'),"
                + " ('2-create-orders', 'bob', 'db/changelog.sql', '2025-01-02 03:04:07', 3, 'EXECUTED',"
                + " '9:b6321a85b6379d78d8c5844cd1d7a441', 'sql', '4.33.0', '6595004491')");
        List<FormattedSqlChangelog.Changeset> changesets =
                FormattedSqlChangelog.parse(resource("adopt/liquibase-4.33/src/main/resources/db/changelog.sql"));
        String editedNames = changesets.get(1).body().replace("ADD COLUMN name text", "ADD COLUMN name varchar");
        MigrationContents edited = files(Map.of(
                "1",
                changesets.get(0).body(),
                "1.1",
                editedNames,
                "2",
                changesets.get(2).body()));

        TidemarkException failure = catchThrowableOfType(
                TidemarkException.class,
                () -> Tidemark.configure()
                        .dataSource(db)
                        .manifests(shop())
                        .load()
                        .adopt("liquibase", false, edited));

        assertThat(failure.code()).isEqualTo(ErrorCode.ADOPT_REFUSED);
        assertThat(failure.getMessage())
                .contains("- changeset ada:1.1 (db/changelog.sql) -> migration 1.1 (add names): edited since"
                        + " Liquibase applied it: Liquibase stored 8:b354f6dcc48ef14fd598373610ac9502, the code's"
                        + " changeset gives " + ForeignChecksums.liquibaseV8(editedNames) + ". To do: restore the"
                        + " migration as Liquibase applied it")
                .contains("| MD5 8:f9534d3eac2128da0eaa38f46b861280 matches\n")
                .contains("| MD5 9:b6321a85b6379d78d8c5844cd1d7a441 matches\n");
        assertThat(db.tableExists("public", "tidemark_history")).isFalse();

        db.execute("UPDATE databasechangelog SET md5sum = '7:0a1b2c' WHERE id = '1.1'");
        AdoptResult adopted =
                Tidemark.configure().dataSource(db).manifests(shop()).load().adopt("liquibase", false, edited);
        assertThat(adopted.mapping())
                .extracting(AdoptResult.Row::verdict)
                .containsExactly(
                        "MD5 8:f9534d3eac2128da0eaa38f46b861280 matches",
                        "checksum 7:0a1b2c is of version 7; Tidemark recomputes versions 8 (Liquibase 3.5 to 4.21)"
                                + " and 9 (4.22 and later)",
                        "MD5 9:b6321a85b6379d78d8c5844cd1d7a441 matches",
                        "pending: migrate runs it");
    }

    @Test
    void adopt_liquibase_refusesAChangesetWhoseIdNamesNoVersion(TestDatabase db) {
        db.execute(LIQUIBASE_TABLE);
        db.execute("INSERT INTO databasechangelog (id, author, filename, dateexecuted, orderexecuted, exectype,"
                + " md5sum) VALUES ('create-users', 'ada', 'db/changelog.xml', now(), 1, 'EXECUTED', '8:0a1b')");

        TidemarkException failure = refused(db, shop(), "liquibase");

        assertThat(failure.getMessage())
                .contains("- changeset ada:create-users (db/changelog.xml): its id 'create-users' does not start"
                        + " with a version. To do: give the code's migration the version this row starts with.\n");
    }

    @Test
    void adopt_golangMigrate_takesItsOneRowAsEveryVersionUpToIt(TestDatabase db) {
        db.execute(USERS);
        db.execute(GOLANG_MIGRATE_TABLE);
        db.execute("INSERT INTO schema_migrations VALUES (2, false)");

        AdoptResult result =
                Tidemark.configure().dataSource(db).manifests(shop()).load().adopt("golang", false);

        assertThat(result.rows()).isEqualTo(3);
        assertThat(db.query("SELECT version, installed_by FROM tidemark_history ORDER BY installed_rank"))
                .containsExactly(
                        List.of("1", "golang-migrate"),
                        List.of("1.1", "golang-migrate"),
                        List.of("2", "golang-migrate"));
        assertThat(db.query("SELECT * FROM schema_migrations")).containsExactly(List.of("2", "f"));
    }

    @Test
    void adopt_golangMigrate_refusesADirtyVersion(TestDatabase db) {
        db.execute(GOLANG_MIGRATE_TABLE);
        db.execute("INSERT INTO schema_migrations VALUES (2, true)");

        TidemarkException failure = refused(db, shop(), null);

        assertThat(failure.getMessage())
                .contains("- version 2 (dirty) -> migration 2 (create orders): golang-migrate marked it dirty:"
                        + " migration 2 started and did not finish, its changes may be half applied. To do: fix"
                        + " the database by hand, then run golang-migrate's `migrate force <version>` with the last"
                        + " version fully applied to clear the flag, and adopt again.\n");
    }

    @Test
    void adopt_drizzle_matchesRowsByPositionAndRefusesAnEditedFile(TestDatabase db) {
        db.execute(DRIZZLE_TABLE);
        String first = "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n";
        String second = "ALTER TABLE users ADD COLUMN name text;\n--> statement-breakpoint\nSELECT 1;\n";
        db.execute("INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ('"
                + ForeignChecksums.drizzle(first) + "', 1700000000000), ('" + ForeignChecksums.drizzle(second)
                + "', 1700000100000)");
        MigrationManifest code = TestManifest.of(sql("1", "create users", USERS), sql("1.1", "add names", NAMES));

        TidemarkException failure = catchThrowableOfType(
                TidemarkException.class,
                () -> Tidemark.configure()
                        .dataSource(db)
                        .manifests(code)
                        .load()
                        .adopt(null, false, files(Map.of("1", first, "1.1", second.replace("SELECT 1", "SELECT 2")))));

        assertThat(failure.code()).isEqualTo(ErrorCode.ADOPT_REFUSED);
        assertThat(failure.getMessage())
                .contains("- id 2, created_at 1700000100000 -> migration 1.1 (add names): matched by position (2nd);"
                        + " edited since Drizzle applied it: Drizzle stored SHA-256 "
                        + ForeignChecksums.drizzle(second).substring(0, 12) + "…, the code's file gives ");
        assertThat(db.tableExists("public", "tidemark_history")).isFalse();

        AdoptResult adopted = Tidemark.configure()
                .dataSource(db)
                .manifests(code)
                .load()
                .adopt(null, false, files(Map.of("1", first, "1.1", second)));
        assertThat(adopted.rows()).isEqualTo(2);
        assertThat(db.query("SELECT version, to_char(installed_on AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')"
                        + " FROM tidemark_history ORDER BY installed_rank"))
                .containsExactly(List.of("1", "2023-11-14 22:13:20"), List.of("1.1", "2023-11-14 22:15:00"));
    }

    @Test
    void adopt_dieselAndSequelize_matchByVersionAndByTheVersionTheNameStartsWith(TestDatabase db) {
        MigrationManifest code = TestManifest.of(
                sql("20240101120000", "create users", USERS), sql("20240102090000", "add names", NAMES));
        db.execute(DIESEL_TABLE);
        db.execute("INSERT INTO __diesel_schema_migrations VALUES ('20240101120000', '2024-01-01 12:00:05'),"
                + " ('20240102090000', '2024-01-02 09:00:05')");
        AdoptResult diesel =
                Tidemark.configure().dataSource(db).manifests(code).load().adopt("diesel", true);
        assertThat(diesel.mapping())
                .extracting(AdoptResult.Row::theirs, AdoptResult.Row::verdict)
                .containsExactly(
                        tuple("version 20240101120000", "Diesel keeps no checksum: matched by version"),
                        tuple("version 20240102090000", "Diesel keeps no checksum: matched by version"));

        db.execute(SEQUELIZE_TABLE);
        db.execute("INSERT INTO \"SequelizeMeta\" VALUES ('20240101120000-create-user.js'),"
                + " ('20240102090000-add-names.js'), ('20240103000000-add-phone.js')");
        TidemarkException several = catchThrowableOfType(
                TidemarkException.class,
                () -> Tidemark.configure().dataSource(db).manifests(code).load().adopt(null, true));
        assertThat(several.code()).isEqualTo(ErrorCode.ADOPT_SEVERAL_FOREIGN_HISTORIES);
        assertThat(several.getMessage())
                .isEqualTo("[TM-R212] Cannot adopt: this database has Diesel's public.__diesel_schema_migrations and"
                        + " Sequelize's public.SequelizeMeta, so which history to keep is not clear. Nothing was"
                        + " written.\nSet from to the tool that migrated this schema last: diesel or sequelize.");

        TidemarkException sequelize = refused(db, code, "sequelize");
        assertThat(sequelize.getMessage())
                .contains("- 20240103000000-add-phone.js: no migration of the code has version 20240103000000.");
    }

    @Test
    void adopt_refusesWhenNoToolsTableIsThere(TestDatabase db) {
        TidemarkException failure = catchThrowableOfType(
                TidemarkException.class,
                () -> tidemark(db, new RecordingListener()).adopt(null, false));
        assertThat(failure.code()).isEqualTo(ErrorCode.ADOPT_NO_FOREIGN_HISTORY);
        assertThat(failure.getMessage())
                .isEqualTo("[TM-R211] Cannot adopt: no other tool's history table was found; looked for"
                        + " public.flyway_schema_history (Flyway), public.databasechangelog (Liquibase),"
                        + " public.__diesel_schema_migrations (Diesel), public.schema_migrations (golang-migrate),"
                        + " drizzle.__drizzle_migrations (Drizzle), public.SequelizeMeta (Sequelize). Nothing was"
                        + " written.\nCheck the schema (now public) and the database; for a schema made without"
                        + " any tool, use baseline instead.");

        TidemarkException named = catchThrowableOfType(
                TidemarkException.class,
                () -> tidemark(db, new RecordingListener()).adopt("liquibase", false));
        assertThat(named.getMessage())
                .isEqualTo("[TM-R211] Cannot adopt Liquibase's history: there is no table public.databasechangelog."
                        + " Nothing was written.\nCheck the schema (now public) and the database this points at.");

        ConfigurationException unknown = catchThrowableOfType(
                ConfigurationException.class,
                () -> tidemark(db, new RecordingListener()).adopt("prisma", false));
        assertThat(unknown.getMessage())
                .isEqualTo("[TM-R001] from: 'prisma' is not a tool Tidemark can take over from.\nName one of:"
                        + " flyway, liquibase, diesel, golang-migrate, drizzle, sequelize.");
    }

    @Test
    void adopt_refusesWhenTidemarkAlreadyKeepsTheHistory(TestDatabase db) {
        flywayHistory(db);
        tidemark(db, new RecordingListener()).adopt("flyway", false);

        TidemarkException again = catchThrowableOfType(
                TidemarkException.class,
                () -> tidemark(db, new RecordingListener()).adopt("flyway", false));

        assertThat(again.code()).isEqualTo(ErrorCode.ADOPT_HISTORY_NOT_EMPTY);
        assertThat(again.getMessage())
                .isEqualTo("[TM-R213] Cannot adopt another tool's history into public.tidemark_history: it already"
                        + " has 3 rows (at version 2), so Tidemark already keeps this database's history. Nothing"
                        + " was written.\nAdopt only takes over a database Tidemark has not migrated yet; run info"
                        + " to see where this one stands.");
        assertThat(db.queryValue("SELECT count(*) FROM tidemark_history")).isEqualTo("3");
    }

    @Test
    void adopt_flyway_carriesTheNewestRowOfEachRepeatableWhoseFileIsUnchanged_andLeavesChangedOnesToMigrate(
            TestDatabase db) {
        String users = "CREATE TABLE users (id bigint PRIMARY KEY, name text);\n";
        String view = "CREATE OR REPLACE VIEW user_names AS SELECT id, name FROM users;\n";
        String oldView = "CREATE OR REPLACE VIEW user_names AS SELECT id FROM users;\n";
        String totals = "CREATE OR REPLACE VIEW user_count AS SELECT count(*) AS n FROM users;\n";
        String oldTotals = "CREATE OR REPLACE VIEW user_count AS SELECT count(id) AS n FROM users;\n";
        SqlFiles code = new SqlFiles(classes)
                .add("1", "V1__Create_users.sql", users, null, null, true)
                .repeatable("R__Users_view.sql", view, true)
                .repeatable("R__User_count.sql", totals, true);
        db.execute(users);
        db.execute(view);
        db.execute(oldTotals);
        db.execute("CREATE VIEW gone AS SELECT 1 AS one");
        db.execute(FLYWAY_TABLE);
        db.execute("INSERT INTO flyway_schema_history VALUES"
                + " (1, '1', 'Create users', 'SQL', 'V1__Create_users.sql', " + ForeignChecksums.flyway(users)
                + ", 'deploy', '2024-03-01 10:00:00', 22, true),"
                + " (2, NULL, 'Users view', 'SQL', 'R__Users_view.sql', " + ForeignChecksums.flyway(oldView)
                + ", 'deploy', '2024-03-01 10:00:01', 5, true),"
                + " (3, NULL, 'User count', 'SQL', 'R__User_count.sql', " + ForeignChecksums.flyway(oldTotals)
                + ", 'deploy', '2024-03-01 10:00:02', 6, true),"
                + " (4, NULL, 'Gone', 'SQL', 'R__Gone.sql', 12345, 'deploy', '2024-03-01 10:00:03', 7, true),"
                + " (5, NULL, 'Users view', 'SQL', 'R__Users_view.sql', " + ForeignChecksums.flyway(view)
                + ", 'ci', '2024-04-01 12:30:00.5', 8, true)");
        RecordingListener listener = new RecordingListener();

        AdoptResult result = Tidemark.configure()
                .dataSource(db)
                .manifests(code.manifest())
                .listener(listener)
                .load()
                .adopt("flyway", false);

        assertThat(result.rows()).isEqualTo(2);
        assertThat(db.query("SELECT coalesce(version, '-'), description, type, class_name, installed_by,"
                        + " to_char(installed_on AT TIME ZONE current_setting('TimeZone'), 'YYYY-MM-DD HH24:MI:SS.MS'),"
                        + " execution_time FROM tidemark_history ORDER BY installed_rank"))
                .containsExactly(
                        List.of("1", "sql 1", "SQL", "V1__Create_users.sql", "deploy", "2024-03-01 10:00:00.000", "22"),
                        List.of(
                                "-",
                                "Users view",
                                "REPEATABLE",
                                "R__Users_view.sql",
                                "ci",
                                "2024-04-01 12:30:00.500",
                                "8"));
        assertThat(db.queryValue("SELECT checksum FROM tidemark_history WHERE version IS NULL"))
                .as("the code's own checksum, which migrate compares")
                .isEqualTo(code.entries().get(1).checksum());
        assertThat(listener.lines)
                .anyMatch(l -> l.startsWith("INFO installed_rank 2, R__Users_view.sql")
                        && l.contains("| an earlier application of the repeatable migration 'Users view': only its"
                                + " newest row, installed_rank 5, R__Users_view.sql, is carried"))
                .anyMatch(l -> l.startsWith("INFO installed_rank 3, R__User_count.sql")
                        && l.contains(
                                "| User count (R__User_count.sql) | changed since Flyway applied it (Flyway stored"
                                        + " CRC32 " + ForeignChecksums.flyway(oldTotals) + ", the code's file gives "
                                        + ForeignChecksums.flyway(totals) + "): not carried, migrate applies it again"))
                .anyMatch(l -> l.startsWith("INFO installed_rank 4, R__Gone.sql")
                        && l.contains("has no R__ file of that description in the code"))
                .anyMatch(l -> l.startsWith("INFO installed_rank 5, R__Users_view.sql")
                        && l.contains("| Users view (R__Users_view.sql) | CRC32 " + ForeignChecksums.flyway(view)
                                + " matches: carried, migrate does not apply it again"));

        MigrateResult migrated = Tidemark.configure()
                .dataSource(db)
                .manifests(code.manifest())
                .load()
                .migrate();

        assertThat(migrated.repeatablesApplied()).containsExactly("R__User_count.sql");
        assertThat(db.queryValue("SELECT pg_get_viewdef('user_count')")).contains("count(*)");
    }

    @Test
    void adopt_flyway_carriesARepeatableWithPlaceholders_whenFlywayHashedItWithTheValuesConfiguredHere(
            TestDatabase db) {
        String users = "CREATE TABLE users (id bigint PRIMARY KEY, name text);\n";
        String view = "CREATE OR REPLACE VIEW user_names AS SELECT id, name FROM users WHERE name <> '${hidden}';\n";
        String asRun = view.replace("${hidden}", "root");
        String counts = "CREATE OR REPLACE VIEW user_count AS SELECT count(*) AS n FROM ${table};\n";
        SqlFiles code = new SqlFiles(classes)
                .add("1", "V1__Create_users.sql", users, null, null, true)
                .repeatable("R__User_count.sql", counts, true)
                .repeatable("R__Users_view.sql", view, true)
                .repeatable("R__Weekly_report.sql", "CREATE OR REPLACE VIEW weekly AS SELECT 1 AS one;\n", true);
        db.execute(users);
        db.execute(asRun);
        db.execute(counts.replace("${table}", "users"));
        db.execute(FLYWAY_TABLE);
        // Flyway 6.3 and later hash a repeatable migration with its placeholders replaced: user_count
        // was applied with table=users, which is no longer the value configured here.
        db.execute("INSERT INTO flyway_schema_history VALUES"
                + " (1, '1', 'Create users', 'SQL', 'V1__Create_users.sql', " + ForeignChecksums.flyway(users)
                + ", 'deploy', '2024-03-01 10:00:00', 22, true),"
                + " (2, NULL, 'User count', 'SQL', 'R__User_count.sql',"
                + ForeignChecksums.flyway(counts.replace("${table}", "users"))
                + ", 'deploy', '2024-03-01 10:00:01', 5, true),"
                + " (3, NULL, 'Users view', 'SQL', 'R__Users_view.sql', " + ForeignChecksums.flyway(asRun)
                + ", 'deploy', '2024-03-01 10:00:02', 6, true)");
        db.execute("CREATE VIEW active_users AS SELECT id FROM users");
        Map<String, String> values = Map.of("hidden", "root", "table", "active_users");
        RecordingListener listener = new RecordingListener();

        AdoptResult result = Tidemark.configure()
                .dataSource(db)
                .manifests(code.manifest())
                .placeholders(values)
                .listener(listener)
                .load()
                .adopt("flyway", false);

        assertThat(result.rows()).isEqualTo(2);
        assertThat(result.mapping())
                .contains(
                        new AdoptResult.Row(
                                "installed_rank 3, R__Users_view.sql",
                                "Users view (R__Users_view.sql)",
                                "CRC32 " + ForeignChecksums.flyway(asRun) + " matches the file with its placeholders"
                                        + " replaced by the configured values: carried, migrate does not apply it"
                                        + " again",
                                false),
                        new AdoptResult.Row(
                                "installed_rank 2, R__User_count.sql",
                                "User count (R__User_count.sql)",
                                "changed since Flyway applied it (Flyway stored CRC32 "
                                        + ForeignChecksums.flyway(counts.replace("${table}", "users"))
                                        + ", the code's file gives " + ForeignChecksums.flyway(counts) + ", "
                                        + ForeignChecksums.flyway(counts.replace("${table}", "active_users"))
                                        + " with its placeholders replaced by the configured values): not carried,"
                                        + " migrate applies it again",
                                false),
                        new AdoptResult.Row(
                                "(not in public.flyway_schema_history)",
                                "Weekly report (R__Weekly_report.sql)",
                                "a repeatable migration Flyway never applied: migrate applies it",
                                false));
        assertThat(listener.lines)
                .anyMatch(l -> l.startsWith("INFO (not in public.flyway_schema_history)")
                        && l.contains("Weekly report (R__Weekly_report.sql)"));

        MigrateResult migrated = Tidemark.configure()
                .dataSource(db)
                .manifests(code.manifest())
                .placeholders(values)
                .load()
                .migrate();

        assertThat(migrated.repeatablesApplied()).containsExactly("R__User_count.sql", "R__Weekly_report.sql");
        assertThat(db.queryValue("SELECT pg_get_viewdef('user_count')")).contains("active_users");
    }

    private static TidemarkException refused(TestDatabase db, MigrationManifest code, String from) {
        TidemarkException failure = catchThrowableOfType(
                TidemarkException.class,
                () -> Tidemark.configure().dataSource(db).manifests(code).load().adopt(from, false));
        assertThat(failure).as("adopt refused").isNotNull();
        assertThat(failure.code()).isEqualTo(ErrorCode.ADOPT_REFUSED);
        assertThat(db.tableExists("public", "tidemark_history")).isFalse();
        return failure;
    }

    /** File texts by version, as SQL migrations' entries will carry them. */
    private static MigrationContents files(Map<String, String> byVersion) {
        return migration -> byVersion.get(migration.version().toString());
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }

    static String resource(String path) {
        try (InputStream in = AdoptTest.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unused")
    private static List<String> row(String... values) {
        return Arrays.asList(values);
    }
}
