package dev.tidemark.processor.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SqlLintTest {

    /** Rule, whether the migration is transactional, the unsafe script, the safe script. */
    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of(
                        "TM-L001",
                        false,
                        "CREATE INDEX orders_customer ON orders (customer_id)",
                        "CREATE INDEX CONCURRENTLY orders_customer ON orders (customer_id)"),
                Arguments.of(
                        "TM-L001",
                        true,
                        "CREATE INDEX ON orders USING btree (customer_id) WHERE deleted_at IS NULL",
                        "CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, customer_id bigint);\n"
                                + "CREATE INDEX orders_customer ON orders (customer_id)"),
                Arguments.of(
                        "TM-L002",
                        true,
                        "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS orders_code ON orders (code)",
                        "CREATE UNIQUE INDEX orders_code ON orders (code)"),
                Arguments.of("TM-L002", true, "DROP INDEX CONCURRENTLY orders_code", "DROP INDEX orders_code"),
                Arguments.of("TM-L002", true, "REINDEX INDEX CONCURRENTLY orders_code", "REINDEX INDEX orders_code"),
                Arguments.of(
                        "TM-L003", false, "DROP INDEX IF EXISTS orders_code", "DROP INDEX CONCURRENTLY orders_code"),
                Arguments.of(
                        "TM-L004",
                        true,
                        "ALTER TABLE orders ADD COLUMN region text NOT NULL",
                        "ALTER TABLE orders ADD COLUMN region text NOT NULL DEFAULT 'eu'"),
                Arguments.of(
                        "TM-L005",
                        true,
                        "ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid()",
                        "ALTER TABLE orders ADD COLUMN created_at timestamptz NOT NULL DEFAULT now()"),
                Arguments.of(
                        "TM-L005",
                        true,
                        "ALTER TABLE orders ADD COLUMN r double precision NOT NULL DEFAULT random()",
                        "ALTER TABLE orders ADD COLUMN r double precision DEFAULT 0.5"),
                Arguments.of(
                        "TM-L005",
                        true,
                        "ALTER TABLE orders ADD COLUMN seq bigserial",
                        "ALTER TABLE orders ADD COLUMN seq bigint"),
                Arguments.of(
                        "TM-L006",
                        true,
                        "ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,2)",
                        "CREATE TABLE notes (body varchar(100));\n"
                                + "CREATE TABLE other (x int);\n"
                                + "ALTER TABLE notes ALTER COLUMN body TYPE varchar(200)"),
                Arguments.of(
                        "TM-L006",
                        true,
                        "ALTER TABLE orders ALTER COLUMN total SET DATA TYPE bigint USING total::bigint",
                        "ALTER TABLE orders ALTER COLUMN total SET DEFAULT 0"),
                Arguments.of(
                        "TM-L007",
                        true,
                        "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id)"
                                + " REFERENCES customers (id)",
                        "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id)"
                                + " REFERENCES customers (id) NOT VALID"),
                Arguments.of(
                        "TM-L007",
                        true,
                        "ALTER TABLE orders ADD CHECK (total > 0)",
                        "ALTER TABLE orders ADD CONSTRAINT positive CHECK (total > 0) NOT VALID;\n"
                                + "ALTER TABLE orders VALIDATE CONSTRAINT positive"),
                Arguments.of(
                        "TM-L008",
                        true,
                        "ALTER TABLE orders ALTER COLUMN total SET NOT NULL",
                        "ALTER TABLE orders ADD CONSTRAINT total_nn CHECK (total IS NOT NULL) NOT VALID;\n"
                                + "ALTER TABLE orders VALIDATE CONSTRAINT total_nn;\n"
                                + "ALTER TABLE orders ALTER COLUMN total SET NOT NULL"),
                Arguments.of(
                        "TM-L009",
                        true,
                        "ALTER TABLE orders ADD CONSTRAINT orders_code UNIQUE (code)",
                        "ALTER TABLE orders ADD CONSTRAINT orders_code UNIQUE USING INDEX orders_code_idx"),
                Arguments.of(
                        "TM-L009",
                        true,
                        "ALTER TABLE orders ADD PRIMARY KEY (id)",
                        "ALTER TABLE orders ADD CONSTRAINT orders_pk PRIMARY KEY USING INDEX orders_pk_idx"),
                Arguments.of(
                        "TM-L010",
                        true,
                        "ALTER TABLE orders DROP COLUMN IF EXISTS note CASCADE",
                        "ALTER TABLE orders ALTER COLUMN note DROP NOT NULL"),
                Arguments.of(
                        "TM-L011",
                        true,
                        "DROP TABLE IF EXISTS orders CASCADE",
                        "CREATE TABLE scratch (x int);\nDROP TABLE scratch"),
                Arguments.of(
                        "TM-L012",
                        true,
                        "ALTER TABLE orders RENAME COLUMN note TO remark",
                        "ALTER TABLE orders RENAME CONSTRAINT a TO b"),
                Arguments.of(
                        "TM-L012",
                        true,
                        "ALTER TABLE orders RENAME TO purchases",
                        "ALTER INDEX orders_code RENAME TO orders_code_idx"),
                Arguments.of(
                        "TM-L013",
                        true,
                        "UPDATE orders SET total = (SELECT 0 WHERE true)",
                        "UPDATE orders SET total = 0 WHERE total IS NULL"),
                Arguments.of(
                        "TM-L013",
                        true,
                        "DELETE FROM orders",
                        "WITH old AS (SELECT id FROM orders) DELETE FROM orders WHERE id IN (SELECT id FROM old)"),
                Arguments.of(
                        "TM-L014",
                        true,
                        "ALTER TABLE orders ADD COLUMN region text;\nUPDATE orders SET region = 'eu' WHERE id < 10",
                        "CREATE TABLE regions (name text);\nINSERT INTO regions SELECT DISTINCT region FROM orders"),
                Arguments.of(
                        "TM-L015", true, "CREATE TABLE events (payload json)", "CREATE TABLE events (payload jsonb)"),
                Arguments.of(
                        "TM-L016",
                        true,
                        "ALTER TABLE events ADD COLUMN at timestamp(3) without time zone",
                        "ALTER TABLE events ADD COLUMN at timestamp(3) with time zone"),
                Arguments.of(
                        "TM-L017",
                        true,
                        "CREATE TABLE events (id serial PRIMARY KEY)",
                        "CREATE TABLE events (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY)"),
                Arguments.of(
                        "TM-L017",
                        true,
                        "CREATE TABLE events (id integer, CONSTRAINT pk PRIMARY KEY (id))",
                        "CREATE TABLE events (id bigint, CONSTRAINT pk PRIMARY KEY (id))"),
                Arguments.of(
                        "TM-L018",
                        true,
                        "CREATE TABLE events (name character varying(40))",
                        "CREATE TABLE events (name text CHECK (length(name) <= 40))"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("rules")
    void rule_firesOnUnsafeFormOnlyOnItsLastStatement(String rule, boolean transactional, String unsafe, String safe) {
        String script = "-- a comment first\n\n" + unsafe;
        List<LintFinding> findings = new SqlLint().script("V1", script, 10, transactional);
        int lastLine = 10 + (int) script.lines().count() - 1;
        assertThat(findings)
                .filteredOn(finding -> finding.rule().id().equals(rule))
                .singleElement()
                .satisfies(finding -> {
                    assertThat(finding.line()).isEqualTo(lastLine);
                    assertThat(finding.message()).startsWith("[" + rule + "] V1, line " + lastLine + ": ");
                });
        assertThat(new SqlLint().script("V1", safe, 1, transactional))
                .extracting(finding -> finding.rule().id())
                .doesNotContain(rule)
                .doesNotContain("TM-L000");
    }

    @Test
    void unparseableStatement_isReportedUnchecked() {
        List<LintFinding> findings =
                new SqlLint().script("V2", "SELECT 1;\nALTER TABLE orders FROBNICATE;\nCREAT TABLE x (a int)", 5, true);
        assertThat(findings)
                .extracting(LintFinding::line, f -> f.rule().id())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(6, "TM-L000"),
                        org.assertj.core.groups.Tuple.tuple(7, "TM-L000"));
        assertThat(findings.get(0).message()).contains("'ALTER TABLE orders FROBNICATE'", "expected");
    }

    @Test
    void doBlock_isReportedUnchecked() {
        assertThat(new SqlLint().statement("V3", "DO $$ BEGIN ALTER TABLE orders DROP COLUMN x; END $$", 3, true))
                .extracting(f -> f.rule().id())
                .containsExactly("TM-L000");
    }

    @Test
    void unterminatedQuote_isReportedUnchecked() {
        assertThat(new SqlLint().statement("V3", "ALTER TABLE orders ADD COLUMN x text DEFAULT 'oops", 3, true))
                .extracting(f -> f.rule().id())
                .containsExactly("TM-L000");
    }

    /** PostgreSQL DDL that an evaluated general-purpose Java SQL parser did not read: all of it is read here. */
    @Test
    void postgresqlDdl_isParsed() {
        String script = """
                CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.x := 1; RETURN NEW; END $$;
                CREATE OR REPLACE FUNCTION add(a integer, b integer) RETURNS integer AS $body$ SELECT a + b; $body$ LANGUAGE sql;
                CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC INSERT INTO t VALUES (1); END;
                CREATE TYPE mood AS ENUM ('sad', 'ok');
                CREATE EXTENSION IF NOT EXISTS pgcrypto;
                CREATE SEQUENCE s START 1;
                CREATE TABLE x (a int) PARTITION BY RANGE (a);
                CREATE TABLE y PARTITION OF x FOR VALUES FROM (1) TO (10);
                ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total > 0) NOT VALID;
                ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;
                ALTER TABLE ONLY orders ALTER COLUMN note SET DEFAULT 'x', ALTER COLUMN note SET STATISTICS 100;
                ALTER TABLE orders ADD COLUMN IF NOT EXISTS x integer DEFAULT 0 CHECK (x >= 0);
                ALTER TABLE orders OWNER TO app;
                COMMENT ON TABLE orders IS 'x';
                GRANT SELECT ON orders TO reporting;
                VACUUM ANALYZE orders;
                SET lock_timeout = '5s';
                INSERT INTO t VALUES (1), (2)
                """;
        assertThat(new SqlLint().script("V4", script, 1, false))
                .extracting(f -> f.rule().id() + " " + f.what())
                .noneMatch(text -> text.startsWith("TM-L000"));
    }
}
