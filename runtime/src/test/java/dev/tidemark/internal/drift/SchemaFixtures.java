package dev.tidemark.internal.drift;

import dev.tidemark.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/** Schemas used by the drift tests, and a shortcut to snapshot a test database. */
public final class SchemaFixtures {

    private SchemaFixtures() {}

    /** The history tables a snapshot leaves out in these tests. */
    public static final Set<String> EXCLUDED = Set.of("tidemark_history", "tidemark_history_snapshot");

    private static final String TOUCH_FUNCTION = """
            CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.created_at := now();
                RETURN NEW;
            END
            $$""";

    /** A schema with one or more objects of every kind a snapshot records, created in one order. */
    static final List<String> EVERY_KIND = List.of(
            "CREATE EXTENSION IF NOT EXISTS pgcrypto",
            "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')",
            "CREATE DOMAIN positive_amount AS numeric(12,2) NOT NULL DEFAULT 0 CONSTRAINT amount_positive CHECK (VALUE >= 0)",
            "CREATE TYPE address AS (street text, city text COLLATE \"C\", zip varchar(10))",
            "CREATE SEQUENCE invoice_number AS integer START 1000 INCREMENT 5 MAXVALUE 99999 CYCLE",
            """
            CREATE TABLE users (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                email text NOT NULL UNIQUE,
                name varchar(100) COLLATE "C",
                mood mood DEFAULT 'ok',
                balance positive_amount,
                email_lower text GENERATED ALWAYS AS (lower(email)) STORED,
                email_verified boolean NOT NULL DEFAULT false,
                created_at timestamptz NOT NULL DEFAULT now()
            )""",
            "CREATE INDEX users_email_verified_idx ON users (email_verified) WHERE email_verified",
            """
            CREATE TABLE orders (
                id serial PRIMARY KEY,
                user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                amount numeric(12,2) CHECK (amount > 0),
                during tstzrange,
                shipped_to address,
                CONSTRAINT orders_no_overlap EXCLUDE USING gist (during WITH &&)
            )""",
            "CREATE TABLE events (id bigint NOT NULL, at date NOT NULL, what text) PARTITION BY RANGE (at)",
            "CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
            "CREATE UNLOGGED TABLE scratch (k text PRIMARY KEY, v jsonb DEFAULT '{}'::jsonb)",
            "CREATE VIEW active_users AS SELECT id, email FROM users WHERE email_verified",
            "CREATE MATERIALIZED VIEW order_totals AS SELECT user_id, sum(amount) AS total FROM orders GROUP BY user_id",
            "CREATE UNIQUE INDEX order_totals_user_idx ON order_totals (user_id)",
            TOUCH_FUNCTION,
            "CREATE FUNCTION add(a integer, b integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT a + b'",
            "CREATE PROCEDURE archive(before date) LANGUAGE sql AS $$ DELETE FROM events WHERE at < before $$",
            "CREATE TRIGGER users_touch BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION touch()",
            "CREATE TABLE tidemark_history (installed_rank int PRIMARY KEY, version text)",
            "CREATE TABLE tidemark_history_snapshot (id serial PRIMARY KEY, snapshot text)",
            "CREATE INDEX tidemark_history_version_idx ON tidemark_history (version)");

    /**
     * The same schema as {@link #EVERY_KIND}, reached another way: objects created in another
     * order, columns and constraints added afterwards, objects created and dropped in between so
     * that every OID differs.
     */
    static final List<String> EVERY_KIND_OTHER_ORDER = List.of(
            "CREATE TABLE tidemark_history (installed_rank int PRIMARY KEY, version text, extra int)",
            "CREATE TABLE throwaway (a int, b text)",
            "CREATE TYPE address AS (street text, city text COLLATE \"C\", zip varchar(10))",
            "CREATE TYPE mood AS ENUM ('sad', 'happy')",
            "ALTER TYPE mood ADD VALUE 'ok' BEFORE 'happy'",
            "DROP TABLE throwaway",
            "CREATE FUNCTION add(a integer, b integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT a + b'",
            "CREATE DOMAIN positive_amount AS numeric(12,2)",
            "ALTER DOMAIN positive_amount SET NOT NULL",
            "ALTER DOMAIN positive_amount SET DEFAULT 0",
            "ALTER DOMAIN positive_amount ADD CONSTRAINT amount_positive CHECK (VALUE >= 0)",
            "CREATE UNLOGGED TABLE scratch (v jsonb DEFAULT '{}'::jsonb, k text PRIMARY KEY)",
            """
            CREATE TABLE users (
                created_at timestamptz NOT NULL DEFAULT now(),
                id bigint GENERATED ALWAYS AS IDENTITY,
                dropped_later int,
                email text NOT NULL,
                mood mood DEFAULT 'ok'
            )""",
            "ALTER TABLE users DROP COLUMN dropped_later",
            "ALTER TABLE users ADD COLUMN email_verified boolean NOT NULL DEFAULT false",
            "ALTER TABLE users ADD COLUMN name varchar(100) COLLATE \"C\"",
            "ALTER TABLE users ADD COLUMN email_lower text GENERATED ALWAYS AS (lower(email)) STORED",
            "ALTER TABLE users ADD COLUMN balance positive_amount",
            "ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY (id)",
            "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email)",
            "CREATE VIEW active_users AS SELECT id, email FROM users WHERE email_verified",
            "CREATE INDEX users_email_verified_idx ON users (email_verified) WHERE email_verified",
            TOUCH_FUNCTION,
            "CREATE TRIGGER users_touch BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION touch()",
            "CREATE SEQUENCE invoice_number AS integer START 1000 INCREMENT 5 MAXVALUE 99999 CYCLE",
            "CREATE TABLE events (id bigint NOT NULL, at date NOT NULL, what text) PARTITION BY RANGE (at)",
            "CREATE TABLE events_2026 (id bigint NOT NULL, at date NOT NULL, what text)",
            "ALTER TABLE events ATTACH PARTITION events_2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
            "CREATE PROCEDURE archive(before date) LANGUAGE sql AS $$ DELETE FROM events WHERE at < before $$",
            """
            CREATE TABLE orders (
                shipped_to address,
                during tstzrange,
                amount numeric(12,2),
                user_id bigint NOT NULL,
                id serial PRIMARY KEY
            )""",
            "ALTER TABLE orders ADD CONSTRAINT orders_no_overlap EXCLUDE USING gist (during WITH &&)",
            "ALTER TABLE orders ADD CONSTRAINT orders_amount_check CHECK (amount > 0)",
            "ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id)"
                    + " ON DELETE CASCADE",
            "CREATE MATERIALIZED VIEW order_totals AS SELECT user_id, sum(amount) AS total FROM orders GROUP BY user_id",
            "CREATE UNIQUE INDEX order_totals_user_idx ON order_totals (user_id)",
            "CREATE EXTENSION IF NOT EXISTS pgcrypto");

    static void run(TestDatabase database, List<String> statements) {
        for (String statement : statements) {
            database.execute(statement);
        }
    }

    public static SchemaSnapshot snapshot(TestDatabase database) {
        return snapshot(database, List.of("public"));
    }

    static SchemaSnapshot snapshot(TestDatabase database, List<String> schemas) {
        try (Connection connection = database.getConnection()) {
            return SchemaSnapshot.take(connection, schemas, EXCLUDED);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
