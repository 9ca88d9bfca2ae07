package dev.tidemark;

import static dev.tidemark.testing.TestManifest.reversible;
import static dev.tidemark.testing.TestManifest.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tidemark.RoundTripResult.Check;
import dev.tidemark.RoundTripResult.Outcome;
import dev.tidemark.spi.MigrationEntry;
import dev.tidemark.spi.MigrationManifest;
import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.RecordingListener;
import dev.tidemark.testing.TestDatabase;
import dev.tidemark.testing.TestManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@NeedsPostgres
class RoundTripTest {

    private static final Pattern TEMPORARY = Pattern.compile("temporary database (tidemark_roundtrip_[0-9a-f]+)");

    /**
     * 34 migrations of every common sort: tables, columns, indexes, constraints, a view, a function
     * and trigger, an enum, a non-transactional index, data-only migrations without down; the downs
     * of 3, 12, 20 and 25 are wrong on purpose, each in its own way.
     */
    static MigrationManifest history() {
        List<MigrationEntry> entries = new ArrayList<>();
        entries.add(reversible(
                "1",
                "create users",
                "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL)",
                "DROP TABLE users"));
        entries.add(reversible(
                "2",
                "add nickname",
                "ALTER TABLE users ADD COLUMN nickname text",
                "ALTER TABLE users DROP COLUMN nickname"));
        // Wrong: drops the index but forgets the column.
        entries.add(reversible(
                "3",
                "add email verification",
                "ALTER TABLE users ADD COLUMN email_verified boolean NOT NULL DEFAULT false;"
                        + " CREATE INDEX users_email_verified_idx ON users (email_verified)",
                "DROP INDEX users_email_verified_idx"));
        entries.add(sql("4", "seed admin", "INSERT INTO users (id, name) VALUES (1, 'admin')"));
        for (int i = 5; i <= 11; i++) {
            entries.add(reversible(
                    String.valueOf(i),
                    "create table t" + i,
                    "CREATE TABLE t" + i + " (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                            + " user_id bigint REFERENCES users, amount numeric(10,2) CHECK (amount >= 0))",
                    "DROP TABLE t" + i));
        }
        // Wrong: also drops a column an earlier migration made.
        entries.add(reversible(
                "12",
                "index names",
                "CREATE INDEX users_name_idx ON users (name)",
                "DROP INDEX users_name_idx; ALTER TABLE users DROP COLUMN nickname"));
        entries.add(reversible(
                "13", "create status enum", "CREATE TYPE status AS ENUM ('new', 'paid')", "DROP TYPE status"));
        entries.add(reversible(
                "14",
                "orders",
                "CREATE TABLE orders (id bigint PRIMARY KEY, state status NOT NULL"
                        + " DEFAULT 'new', quantity integer)",
                "DROP TABLE orders"));
        entries.add(reversible(
                "15",
                "active users view",
                "CREATE VIEW active_users AS SELECT id, name FROM users WHERE name <> ''",
                "DROP VIEW active_users"));
        entries.add(reversible(
                "16",
                "touch function",
                "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
                "DROP FUNCTION touch()"));
        entries.add(reversible(
                "17",
                "orders trigger",
                "CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch()",
                "DROP TRIGGER orders_touch ON orders"));
        entries.add(sql("18", "backfill orders", "UPDATE orders SET quantity = 1 WHERE quantity IS NULL"));
        entries.add(reversible(
                "19",
                "unique user names",
                "ALTER TABLE users ADD CONSTRAINT users_name_key UNIQUE (name)",
                "ALTER TABLE users DROP CONSTRAINT users_name_key"));
        // Wrong: restores the column with another type than it had.
        entries.add(reversible(
                "20",
                "widen quantity",
                "ALTER TABLE orders ALTER COLUMN quantity TYPE bigint",
                "ALTER TABLE orders ALTER COLUMN quantity TYPE numeric"));
        entries.add(reversible(
                "21",
                "index orders concurrently",
                "CREATE INDEX CONCURRENTLY orders_state_idx ON orders (state)",
                "DROP INDEX CONCURRENTLY orders_state_idx",
                false));
        for (int i = 22; i <= 24; i++) {
            entries.add(reversible(
                    String.valueOf(i),
                    "add column c" + i,
                    "ALTER TABLE t5 ADD COLUMN c" + i + " text DEFAULT 'x'",
                    "ALTER TABLE t5 DROP COLUMN c" + i));
        }
        // Wrong: its down fails.
        entries.add(reversible(
                "25", "create audit", "CREATE TABLE audit (id bigint, at timestamptz)", "DROP TABLE audit_log"));
        for (int i = 26; i <= 33; i++) {
            entries.add(reversible(
                    String.valueOf(i),
                    "sequence s" + i,
                    "CREATE SEQUENCE s" + i + " START 100",
                    "DROP SEQUENCE s" + i));
        }
        entries.add(sql("34", "analyze", "ANALYZE users"));
        return TestManifest.of(entries.toArray(MigrationEntry[]::new));
    }

    @Test
    void roundTrip_ofThirtyFourMigrations_reportsExactlyTheWrongDowns(TestDatabase db) {
        RecordingListener listener = new RecordingListener();
        RoundTripResult result = Tidemark.configure()
                .dataSource(db)
                .manifests(history())
                .listener(listener)
                .load()
                .roundTrip();

        assertThat(result.checks()).hasSize(34);
        assertThat(result.isClean()).isFalse();
        Map<String, Outcome> outcomes = result.checks().stream()
                .collect(Collectors.toMap(c -> c.version().toString(), Check::outcome));
        assertThat(result.problems()).extracting(c -> c.version().toString()).containsExactly("3", "12", "20", "25");
        assertThat(outcomes)
                .containsEntry("3", Outcome.UP_FAILED_AFTER_DOWN)
                .containsEntry("12", Outcome.DOWN_LEAVES_DIFFERENCES)
                .containsEntry("20", Outcome.DOWN_LEAVES_DIFFERENCES)
                .containsEntry("25", Outcome.DOWN_FAILED)
                .containsEntry("4", Outcome.NOT_CHECKED)
                .containsEntry("18", Outcome.NOT_CHECKED)
                .containsEntry("34", Outcome.NOT_CHECKED)
                .containsEntry("21", Outcome.CLEAN)
                .containsEntry("33", Outcome.CLEAN);
        assertThat(outcomes.values().stream().filter(o -> o == Outcome.CLEAN)).hasSize(27);

        Check email = result.problems().get(0);
        assertThat(email.differences()).containsExactly("column users.email_verified still present after down of 3");
        assertThat(email.error())
                .contains("SQLSTATE 42701: column \"email_verified\" of relation \"users\" already exists");
        assertThat(result.problems().get(1).differences())
                .containsExactly("column users.nickname missing after down of 12, although it existed before up"
                        + " (was text)");
        assertThat(result.problems().get(2).differences())
                .containsExactly("after down of 20, column orders.quantity has type numeric, expected integer");
        assertThat(result.problems().get(3).error())
                .startsWith("Statement:\n    DROP TABLE audit_log\n")
                .contains("SQLSTATE 42P01: table \"audit_log\" does not exist");

        assertThat(result.report())
                .startsWith("Round-trip test of 34 migrations of schema public: 4 problems, 3 migrations without"
                        + " down() not checked.\n")
                .contains("  3 'add email verification' (test.V3): up failed when run again after down\n"
                        + "      column users.email_verified still present after down of 3\n")
                .contains("  4 'seed admin' (test.V4): not checked: it has no down()\n")
                .contains("  5 'create table t5' (test.V5): down restores the schema\n");

        TidemarkException failure = catchThrowableOfType(TidemarkException.class, result::assertClean);
        assertThat(failure.code()).isEqualTo(ErrorCode.ROUND_TRIP_FAILED);
        assertThat(failure.getMessage())
                .startsWith("[TM-R430] The round-trip test found 4 migrations whose down() does not take the schema"
                        + " back exactly, or that fail:\n  - 3 'add email verification' (test.V3): up failed when"
                        + " run again after down\n      column users.email_verified still present after down of 3\n")
                .contains("\n  - 25 'create audit' (test.V25): down failed\n")
                .endsWith("\nThe test ran on a temporary database, which was dropped; no other database was changed.\n"
                        + "Make each down() undo exactly what its up() does (drop what up() creates, restore what it"
                        + " drops or alters), then run the round-trip test again.");

        assertTemporaryDatabaseDropped(db, listener);
        assertThat(db.queryValue("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = 'public'"))
                .isEqualTo("0");
    }

    @Test
    void roundTrip_ofCorrectDowns_isClean(TestDatabase db) {
        RoundTripResult result = Tidemark.configure()
                .dataSource(db)
                .manifests(TestManifest.of(UndoTest.USERS, UndoTest.EMAIL, UndoTest.ORDERS))
                .schema("shop")
                .load()
                .roundTrip();
        assertThat(result.isClean()).isTrue();
        assertThat(result.assertClean()).isSameAs(result);
        assertThat(result.checks()).extracting(Check::outcome).containsOnly(Outcome.CLEAN);
        assertThat(result.report()).startsWith("Round-trip test of 3 migrations of schema shop: clean.\n");
    }

    @Test
    void roundTrip_whenAnUpFails_reportsItAndRunsNothingAfter(TestDatabase db) {
        RecordingListener listener = new RecordingListener();
        RoundTripResult result = Tidemark.configure()
                .dataSource(db)
                .manifests(TestManifest.of(
                        UndoTest.USERS,
                        sql("2", "index verified", "CREATE INDEX users_email_verified_idx ON users (email_verified)"),
                        UndoTest.ORDERS))
                .listener(listener)
                .load()
                .roundTrip();
        assertThat(result.checks())
                .extracting(Check::outcome)
                .containsExactly(Outcome.CLEAN, Outcome.UP_FAILED, Outcome.NOT_RUN);
        assertThat(result.problems()).extracting(c -> c.version().toString()).containsExactly("2");
        assertThat(result.problems().get(0).error())
                .contains("SQLSTATE 42703: column \"email_verified\" does not exist");
        assertTemporaryDatabaseDropped(db, listener);
    }

    @Test
    void roundTrip_whenUpRunAgainMakesAnotherSchema_reportsIt(TestDatabase db) {
        // up moves rows out and picks its table by the data; down drops the table but leaves the rows gone.
        MigrationManifest manifest = TestManifest.of(
                reversible(
                        "1",
                        "settings",
                        "CREATE TABLE settings (k text); INSERT INTO settings VALUES ('legacy')",
                        "DROP TABLE settings"),
                reversible(
                        "2",
                        "move legacy settings",
                        "DO $$ BEGIN IF EXISTS (SELECT 1 FROM settings) THEN CREATE TABLE legacy_settings (k text);"
                                + " ELSE CREATE TABLE new_settings (k text); END IF; DELETE FROM settings; END $$",
                        "DROP TABLE IF EXISTS legacy_settings; DROP TABLE IF EXISTS new_settings"));
        RoundTripResult result =
                Tidemark.configure().dataSource(db).manifests(manifest).load().roundTrip();
        assertThat(result.problems()).hasSize(1);
        Check check = result.problems().get(0);
        assertThat(check.outcome()).isEqualTo(Outcome.UP_AGAIN_DIFFERS);
        assertThat(check.summary())
                .isEqualTo("2 'move legacy settings' (test.V2): up run again after down makes a different schema");
        assertThat(check.differences())
                .containsExactly(
                        "after up of 2 ran again, table legacy_settings is missing (expected columns k)",
                        "after up of 2 ran again, table new_settings exists but no migration created it (found"
                                + " columns k)");
    }

    @Test
    void roundTrip_withoutTheRightToCreateADatabase_saysWhatToGrant(TestDatabase db) {
        String role =
                "tidemark_nocreatedb_" + Long.toHexString(System.nanoTime()).toLowerCase(Locale.ROOT);
        db.execute("CREATE ROLE " + role + " LOGIN NOCREATEDB");
        try {
            TidemarkException failure = catchThrowableOfType(
                    TidemarkException.class,
                    () -> Tidemark.configure()
                            .url(db.url())
                            .user(role)
                            .manifests(TestManifest.of(UndoTest.USERS))
                            .load()
                            .roundTrip());
            assertThat(failure.code()).isEqualTo(ErrorCode.ROUND_TRIP_DATABASE_FAILED);
            assertThat(failure.getMessage())
                    .startsWith("[TM-R431] Cannot create the temporary database tidemark_roundtrip_")
                    .contains(": SQLSTATE 42501: ")
                    .contains("\nNothing was tested, and no database was changed (the temporary one was dropped).\n")
                    .endsWith("Grant the user CREATEDB (ALTER ROLE … CREATEDB), or set shadowUrl(String) to a server"
                            + " where it may create databases, with its credentials (a DataSource's password cannot be"
                            + " reused).");
        } finally {
            db.execute("DROP ROLE " + role);
        }
    }

    private static void assertTemporaryDatabaseDropped(TestDatabase db, RecordingListener listener) {
        Matcher name = TEMPORARY.matcher(listener.all());
        assertThat(name.find()).isTrue();
        assertThat(db.queryValue("SELECT count(*) FROM pg_database WHERE datname = '" + name.group(1) + "'"))
                .isEqualTo("0");
    }
}
