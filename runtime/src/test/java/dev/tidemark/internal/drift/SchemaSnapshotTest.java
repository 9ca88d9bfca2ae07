package dev.tidemark.internal.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.ResultFormat;
import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

@NeedsPostgres
class SchemaSnapshotTest {

    @Test
    void snapshot_sameSchemaBuiltInAnotherOrder_hasSameTextAndFingerprint(TestDatabase one, TestDatabase other) {
        SchemaFixtures.run(one, SchemaFixtures.EVERY_KIND);
        SchemaFixtures.run(other, SchemaFixtures.EVERY_KIND_OTHER_ORDER);

        SchemaSnapshot first = SchemaFixtures.snapshot(one);
        SchemaSnapshot second = SchemaFixtures.snapshot(other);

        assertThat(SchemaDiff.between(first, second).differences()).isEmpty();
        assertThat(second.text()).isEqualTo(first.text());
        assertThat(second.fingerprint())
                .isEqualTo(first.fingerprint())
                .startsWith("v1:")
                .hasSize(3 + 64);
    }

    @Test
    void snapshot_takenTwice_reportsNoDifference(TestDatabase database) {
        SchemaFixtures.run(database, SchemaFixtures.EVERY_KIND);

        SchemaSnapshot first = SchemaFixtures.snapshot(database);
        SchemaSnapshot second = SchemaFixtures.snapshot(database);

        SchemaDiff diff = SchemaDiff.between(first, second);
        assertThat(diff.isEmpty()).isTrue();
        assertThat(ResultFormat.toJson(diff.result("public", null, true, null)))
                .contains("\"drift\":false", "\"differences\":[]");
        assertThat(second.fingerprint()).isEqualTo(first.fingerprint());
    }

    @Test
    void snapshot_coversEveryKindOfObject(TestDatabase database) {
        SchemaFixtures.run(database, SchemaFixtures.EVERY_KIND);

        SchemaSnapshot snapshot = SchemaFixtures.snapshot(database);

        assertThat(snapshot.objects()).map(SchemaObject::kind).containsAll(List.of(ObjectKind.values()));
        assertThat(snapshot.text())
                .contains("column\tpublic\tusers\temail_verified\tdefault=false\tnot_null=true\ttype=boolean\n")
                .contains("enum\tpublic\t\tmood\tlabels='sad', 'ok', 'happy'\n")
                .contains("table\tpublic\t\tevents\tpartition_key=RANGE (at)\n")
                .contains("extension\t\t\tpgcrypto\tin_schema=public\tversion=");
    }

    @Test
    void snapshot_rendersDefaultsAsPostgresDoesWithTheirTable(TestDatabase database) {
        // Defaults are rendered without their table (see CatalogReader); PostgreSQL's rendering with
        // the table is what a reader expects, and names objects outside the schema the same way.
        database.execute("CREATE SCHEMA other; CREATE TYPE other.mood AS ENUM ('ok', 'sad');"
                + " CREATE SEQUENCE other.counter; CREATE FUNCTION other.twice(int) RETURNS int"
                + " LANGUAGE sql AS 'SELECT $1 * 2';"
                + " CREATE TABLE defaults (a int DEFAULT other.twice(3), b other.mood DEFAULT 'ok',"
                + " c bigint DEFAULT nextval('other.counter'), d serial, e text DEFAULT 'x' || current_user,"
                + " f numeric(10, 2) DEFAULT 1.5 * 2, g timestamp DEFAULT localtimestamp(3),"
                + " h int GENERATED ALWAYS AS (a * 2) STORED,"
                + " i text DEFAULT CASE WHEN random() > 0.5 THEN 'y' END)");
        List<List<String>> expected = database.query("SELECT a.attname, pg_get_expr(d.adbin, d.adrelid)"
                + " FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum"
                + " WHERE d.adrelid = 'public.defaults'::regclass ORDER BY a.attnum");

        SchemaSnapshot snapshot = SchemaFixtures.snapshot(database);

        assertThat(expected).hasSize(9).contains(List.of("c", "nextval('other.counter'::regclass)"));
        for (List<String> column : expected) {
            SchemaObject object = snapshot.objects().stream()
                    .filter(o -> o.kind() == ObjectKind.COLUMN && o.name().equals(column.get(0)))
                    .findFirst()
                    .orElseThrow();
            assertThat(object.attribute(column.get(0).equals("h") ? "generated" : "default"))
                    .as(column.get(0))
                    .isEqualTo(column.get(1));
        }
    }

    @Test
    void snapshot_leavesOutExcludedTablesAndWhatBelongsToThem(TestDatabase database) {
        SchemaFixtures.run(database, SchemaFixtures.EVERY_KIND);

        String text = SchemaFixtures.snapshot(database).text();

        assertThat(text).doesNotContain("tidemark_history");
    }

    @Test
    void snapshot_leavesOutObjectsOfExtensions(TestDatabase database) {
        database.execute("CREATE EXTENSION pgcrypto");

        SchemaSnapshot snapshot = SchemaFixtures.snapshot(database);

        assertThat(snapshot.objects()).extracting(SchemaObject::kind).containsOnly(ObjectKind.EXTENSION);
    }

    @Test
    void snapshot_ofSeveralSchemas_namesObjectsWithTheirSchema(TestDatabase database) {
        database.execute("CREATE SCHEMA billing; CREATE TABLE billing.invoices (id int, total numeric);"
                + " CREATE TABLE public.users (id int)");
        SchemaSnapshot recorded = SchemaFixtures.snapshot(database, List.of("public", "billing"));
        database.execute("ALTER TABLE billing.invoices DROP COLUMN total; CREATE TABLE billing.audit (at date)");

        SchemaDiff diff = SchemaDiff.between(recorded, SchemaFixtures.snapshot(database, List.of("public", "billing")));

        assertThat(diff.differences())
                .map(Difference::message)
                .containsExactly(
                        "table billing.audit exists but no migration created it (found columns at)",
                        "column billing.invoices.total is missing (expected numeric)");
    }

    @Test
    void snapshot_ofOneSchema_ignoresOtherSchemas(TestDatabase database) {
        database.execute("CREATE TABLE users (id int)");
        SchemaSnapshot recorded = SchemaFixtures.snapshot(database);
        database.execute("CREATE SCHEMA other; CREATE TABLE other.stuff (id int)");

        assertThat(SchemaDiff.between(recorded, SchemaFixtures.snapshot(database))
                        .isEmpty())
                .isTrue();
    }

    @Test
    void snapshot_ofObjectsMovedInWithSetSchema_isTheSnapshotOfThoseMadeInPlace_andForgetsThoseMovedOut(
            TestDatabase inPlace, TestDatabase moved) {
        // The snapshot finds a schema's objects through their pg_depend link to it, which SET SCHEMA moves.
        String objects = """
                CREATE TYPE mood AS ENUM ('sad', 'ok');
                CREATE DOMAIN positive AS integer CHECK (VALUE > 0);
                CREATE TYPE pair AS (a int, b int);
                CREATE SEQUENCE numbers;
                CREATE TABLE items (id serial PRIMARY KEY, n positive, m mood, p pair, created_at timestamptz);
                CREATE INDEX items_n_idx ON items (n);
                CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN NEW.created_at := now(); RETURN NEW; END';
                CREATE TRIGGER items_touch BEFORE INSERT ON items FOR EACH ROW EXECUTE FUNCTION touch();
                CREATE VIEW item_view AS SELECT id, n FROM items;
                CREATE MATERIALIZED VIEW item_counts AS SELECT count(*) AS c FROM items;
                CREATE PROCEDURE clear_items() LANGUAGE sql AS 'DELETE FROM items';
                """;
        inPlace.execute(objects);
        moved.execute("CREATE SCHEMA staging; SET search_path = staging; " + objects
                + "SET search_path = public;"
                + " ALTER TYPE staging.mood SET SCHEMA public; ALTER DOMAIN staging.positive SET SCHEMA public;"
                + " ALTER TYPE staging.pair SET SCHEMA public; ALTER SEQUENCE staging.numbers SET SCHEMA public;"
                + " ALTER TABLE staging.items SET SCHEMA public; ALTER FUNCTION staging.touch() SET SCHEMA public;"
                + " ALTER VIEW staging.item_view SET SCHEMA public;"
                + " ALTER MATERIALIZED VIEW staging.item_counts SET SCHEMA public;"
                + " ALTER PROCEDURE staging.clear_items() SET SCHEMA public;"
                + " CREATE TABLE leaving (id int PRIMARY KEY); CREATE FUNCTION gone() RETURNS int LANGUAGE sql AS 'SELECT 1';"
                + " ALTER TABLE leaving SET SCHEMA staging; ALTER FUNCTION gone() SET SCHEMA staging");

        SchemaSnapshot expected = SchemaFixtures.snapshot(inPlace);
        SchemaSnapshot actual = SchemaFixtures.snapshot(moved);

        assertThat(actual.objects())
                .map(SchemaObject::kind)
                .contains(
                        ObjectKind.TABLE,
                        ObjectKind.INDEX,
                        ObjectKind.SEQUENCE,
                        ObjectKind.VIEW,
                        ObjectKind.MATERIALIZED_VIEW,
                        ObjectKind.FUNCTION,
                        ObjectKind.PROCEDURE,
                        ObjectKind.TRIGGER,
                        ObjectKind.ENUM,
                        ObjectKind.DOMAIN,
                        ObjectKind.COMPOSITE);
        assertThat(actual.text()).isEqualTo(expected.text()).doesNotContain("leaving", "gone");
    }

    @Test
    void snapshot_leavesConnectionAsFound(TestDatabase database) throws Exception {
        try (var connection = database.getConnection();
                var statement = connection.createStatement()) {
            statement.execute("SET search_path = pg_catalog, public");
            SchemaSnapshot.take(connection, List.of("public"), SchemaFixtures.EXCLUDED);
            assertThat(connection.getAutoCommit()).isTrue();
            try (var rows = statement.executeQuery("SHOW search_path")) {
                rows.next();
                assertThat(rows.getString(1)).isEqualTo("pg_catalog, public");
            }
            connection.setAutoCommit(false);
            statement.execute("CREATE TABLE public.inside (id int)");
            SchemaSnapshot inside = SchemaSnapshot.take(connection, List.of("public"), SchemaFixtures.EXCLUDED);
            assertThat(inside.text()).contains("table\tpublic\t\tinside\n");
            try (var rows = statement.executeQuery("SHOW search_path")) {
                rows.next();
                assertThat(rows.getString(1)).isEqualTo("pg_catalog, public");
            }
            connection.rollback();
        }
    }

    @Test
    void parse_readsBackTheTextExactly(TestDatabase database) {
        SchemaFixtures.run(database, SchemaFixtures.EVERY_KIND);
        database.execute("COMMENT ON TABLE users IS 'ignored'; CREATE VIEW odd AS SELECT E'tab\\there\\\\' AS x");
        SchemaSnapshot snapshot = SchemaFixtures.snapshot(database);

        SchemaSnapshot parsed = SchemaSnapshot.parse(snapshot.text());

        assertThat(parsed).isEqualTo(snapshot);
        assertThat(parsed.text()).isEqualTo(snapshot.text());
        assertThat(parsed.fingerprint()).isEqualTo(snapshot.fingerprint());
    }

    @Test
    void parse_refusesTextOfAnotherFormat() {
        assertThatThrownBy(() -> SchemaSnapshot.parse("tidemark-snapshot v9\nschemas\tpublic\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a Tidemark schema snapshot of format 'tidemark-snapshot v1'")
                .hasMessageContaining("tidemark-snapshot v9");
    }
}
