package dev.tidemark.internal.shadow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tidemark.ErrorCode;
import dev.tidemark.JavaMigration;
import dev.tidemark.MigrationContext;
import dev.tidemark.MigrationDescriptor;
import dev.tidemark.MigrationVersion;
import dev.tidemark.TidemarkException;
import dev.tidemark.internal.drift.SchemaFixtures;
import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@NeedsPostgres
public class BaselineSearchTest {

    /** The migrations of the tests by class name, as a manifest would instantiate them. */
    private static final Map<String, JavaMigration> CLASSES = new HashMap<>();

    /** 22 migrations: tables, columns, indexes, a view, a function, a type, each changing the schema. */
    private static final List<MigrationDescriptor> MIGRATIONS = migrations(
            "CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL)",
            "ALTER TABLE users ADD COLUMN name varchar(100)",
            "CREATE UNIQUE INDEX users_email_idx ON users (lower(email))",
            "CREATE TYPE order_state AS ENUM ('new', 'paid')",
            "CREATE TABLE orders (id serial PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id))",
            "ALTER TABLE orders ADD COLUMN state order_state NOT NULL DEFAULT 'new'",
            "ALTER TYPE order_state ADD VALUE 'shipped'",
            "CREATE INDEX orders_user_idx ON orders (user_id)",
            "ALTER TABLE users ADD COLUMN email_verified boolean NOT NULL DEFAULT false",
            "CREATE VIEW verified_users AS SELECT id, email FROM users WHERE email_verified",
            "CREATE TABLE audit (at timestamptz NOT NULL DEFAULT now(), what text)",
            "CREATE FUNCTION note(w text) RETURNS void LANGUAGE sql AS $$ INSERT INTO audit (what) VALUES (w) $$",
            "ALTER TABLE orders ADD COLUMN total numeric(12,2) CHECK (total >= 0)",
            "ALTER TABLE users ALTER COLUMN name TYPE text",
            "CREATE SEQUENCE invoice_seq START 1000",
            "ALTER TABLE orders ADD COLUMN invoice bigint DEFAULT nextval('invoice_seq')",
            "CREATE DOMAIN email_address AS text CHECK (VALUE LIKE '%@%')",
            "ALTER TABLE users ADD COLUMN backup_email email_address",
            "DROP VIEW verified_users",
            "CREATE INDEX audit_at_idx ON audit (at)",
            "ALTER TABLE audit ALTER COLUMN what SET NOT NULL",
            "CREATE TABLE settings (k text PRIMARY KEY, v jsonb NOT NULL DEFAULT '{}')");

    private static List<MigrationDescriptor> migrations(String... statements) {
        List<MigrationDescriptor> descriptors = new ArrayList<>();
        for (int i = 0; i < statements.length; i++) {
            String sql = statements[i];
            descriptors.add(migration(String.valueOf(i + 1), "db.V" + (i + 1), db -> db.execute(sql)));
        }
        return descriptors;
    }

    /** A migration the test's replayer finds by its class name. */
    private static MigrationDescriptor migration(String version, String className, JavaMigration migration) {
        CLASSES.put(className, migration);
        return new MigrationDescriptor(
                MigrationVersion.parse(version), "step " + version, className, "v1:" + className, true, false);
    }

    /** Runs a migration's SQL on the connection, in the schema, the way the engine does. */
    private static void replay(Connection connection, MigrationDescriptor entry) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET search_path = public");
        }
        CLASSES.get(entry.className()).up(new MigrationContext() {
            @Override
            public Connection connection() {
                return connection;
            }

            @Override
            public void execute(String sql) throws SQLException {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(sql);
                }
            }

            @Override
            public int update(String sql, Object... parameters) {
                throw new UnsupportedOperationException();
            }

            @Override
            public <T> List<T> query(String sql, RowMapper<T> mapper, Object... parameters) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String schema() {
                return "public";
            }

            @Override
            public MigrationDescriptor migration() {
                throw new UnsupportedOperationException();
            }
        });
    }

    private static BaselineSearch finder(TestDatabase database) {
        return new BaselineSearch(
                "public",
                SchemaFixtures.EXCLUDED,
                name -> DriverManager.getConnection(database.url().replace(database.name(), name)),
                BaselineSearchTest::replay);
    }

    private static void applyUpTo(TestDatabase database, int version) throws SQLException {
        try (Connection connection = database.getConnection()) {
            for (MigrationDescriptor entry : MIGRATIONS.subList(0, version)) {
                replay(connection, entry);
            }
        }
    }

    /** Whether the temporary database named in {@code text} still exists (other builds may make their own). */
    public static boolean exists(TestDatabase database, String text) {
        java.util.regex.Matcher name =
                java.util.regex.Pattern.compile("tidemark_shadow_[0-9a-f]+").matcher(text);
        assertThat(name.find()).as("a temporary database named in: %s", text).isTrue();
        return !"0"
                .equals(database.queryValue("SELECT count(*) FROM pg_database WHERE datname = '" + name.group() + "'"));
    }

    @Test
    void find_schemaMadeByOtherMeans_findsTheVersionItIsAt(TestDatabase database) throws Exception {
        applyUpTo(database, 13);

        BaselineSearch.Match match;
        try (Connection connection = database.getConnection()) {
            match = finder(database).find(connection, connection, MIGRATIONS);
        }

        assertThat(match.version()).isEqualTo("13");
        assertThat(match.sameSchemaVersions()).containsExactly("13");
        assertThat(match.replayed()).isEqualTo(14);
        assertThat(match.snapshot()).isEqualTo(SchemaFixtures.snapshot(database));
        assertThat(exists(database, match.temporaryDatabase())).isFalse();
    }

    @Test
    void find_dataOnlyMigrations_leaveSeveralVersionsWithTheSameSchema(TestDatabase database) throws Exception {
        List<MigrationDescriptor> withData = new ArrayList<>(MIGRATIONS.subList(0, 3));
        JavaMigration insert = db -> db.execute("INSERT INTO users (email) VALUES ('a@example.com')");
        withData.add(migration("4", "db.Data4", insert));
        withData.add(MIGRATIONS.get(4));
        applyUpTo(database, 3);

        BaselineSearch.Match match;
        try (Connection connection = database.getConnection()) {
            match = finder(database).find(connection, connection, withData);
        }

        assertThat(match.version()).isEqualTo("4");
        assertThat(match.sameSchemaVersions()).containsExactly("3", "4");
    }

    @Test
    void find_schemaEditedByHand_refusesAndShowsTheNearestVersion(TestDatabase database) throws Exception {
        applyUpTo(database, 13);
        database.execute("ALTER TABLE orders ADD COLUMN coupon text");

        try (Connection connection = database.getConnection()) {
            Throwable failure = catchThrowable(() -> finder(database).find(connection, connection, MIGRATIONS));
            assertThat(failure)
                    .isInstanceOfSatisfying(
                            TidemarkException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.BASELINE_NO_MATCHING_VERSION))
                    .hasMessageMatching("(?s)\\[TM-R302\\] No migration version leaves the schema \"public\" exactly as"
                            + " it is now: 22 migrations were replayed into the temporary database"
                            + " tidemark_shadow_[0-9a-f]+ \\(dropped since\\) and compared after each\\.\n.*")
                    .hasMessageEndingWith("compared after each.\n"
                            + "The nearest is version 13, with 1 difference from the live schema:\n"
                            + "  - column orders.coupon exists but no migration created it (found text)\n"
                            + "The database is unchanged: no baseline was recorded.\n"
                            + "Make the live schema match version 13 and baseline again, or give the version"
                            + " yourself (baseline(\"13\")) if these differences are intended.");
            assertThat(exists(database, failure.getMessage())).isFalse();
        }
    }

    @Test
    void find_migrationFailingInTheTemporaryDatabase_dropsItAndSaysWhich(TestDatabase database) throws Exception {
        List<MigrationDescriptor> broken = new ArrayList<>(MIGRATIONS.subList(0, 2));
        JavaMigration failing = db -> db.execute("ALTER TABLE nowhere ADD COLUMN x int");
        broken.add(migration("3", "db.Broken3", failing));
        applyUpTo(database, 2);
        database.execute("CREATE TABLE nowhere (id int)");

        try (Connection connection = database.getConnection()) {
            Throwable failure = catchThrowable(() -> finder(database).find(connection, connection, broken));
            assertThat(failure)
                    .isInstanceOfSatisfying(
                            TidemarkException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.SHADOW_REPLAY_FAILED))
                    .hasMessageContaining("[TM-R303] Migration 3 (db.Broken3) failed while being replayed into the"
                            + " temporary database tidemark_shadow_")
                    .hasMessageContaining("SQLSTATE 42P01: ERROR: relation \"nowhere\" does not exist")
                    .hasMessageEndingWith("\nThe live database is unchanged, no baseline was recorded, and the"
                            + " temporary database was dropped.\nFix the migration so that it runs on an empty"
                            + " database, or give the baseline version yourself (baseline(version)).");
            assertThat(exists(database, failure.getMessage())).isFalse();
        }
    }
}
