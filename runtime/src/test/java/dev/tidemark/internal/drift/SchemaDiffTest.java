package dev.tidemark.internal.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.ResultFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The report's wording and JSON, on snapshots built in memory. */
class SchemaDiffTest {

    private static SchemaObject object(ObjectKind kind, String parent, String name, String... attributes) {
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i < attributes.length; i += 2) {
            map.put(attributes[i], attributes[i + 1]);
        }
        return new SchemaObject(kind, "public", parent, name, new TreeMap<>(map));
    }

    private static SchemaSnapshot snapshot(SchemaObject... objects) {
        return SchemaSnapshot.of(List.of("public"), List.of(objects));
    }

    @Test
    void missingTable_coversItsColumnsIndexesConstraintsAndTriggers() {
        SchemaSnapshot expected = snapshot(
                object(ObjectKind.TABLE, "", "audit"),
                object(ObjectKind.COLUMN, "audit", "id", "type", "bigint"),
                object(ObjectKind.COLUMN, "audit", "at", "type", "date"),
                object(ObjectKind.INDEX, "audit", "audit_at_idx", "definition", "CREATE INDEX …"),
                object(ObjectKind.CONSTRAINT, "audit", "audit_pkey", "type", "primary key", "definition", "…"),
                object(ObjectKind.TRIGGER, "audit", "audit_t", "definition", "CREATE TRIGGER …"));

        SchemaDiff diff = SchemaDiff.between(expected, snapshot());

        assertThat(diff.differences())
                .map(Difference::message)
                .containsExactly("table audit is missing (expected columns at, id)");
    }

    @Test
    void changedMultiLineDefinition_pointsAtTheFirstDifferingLine() {
        SchemaSnapshot expected =
                snapshot(object(ObjectKind.FUNCTION, "", "f()", "definition", "CREATE FUNCTION f()\n BEGIN\n x;\n"));
        SchemaSnapshot found =
                snapshot(object(ObjectKind.FUNCTION, "", "f()", "definition", "CREATE FUNCTION f()\n BEGIN\n"));

        assertThat(SchemaDiff.between(expected, found).differences())
                .map(Difference::message)
                .containsExactly("function f() differs at line 3 of its definition: expected \"x;\" found the end");
    }

    @Test
    void toJson_escapesQuotesBackslashesAndControlCharacters() {
        SchemaSnapshot expected = snapshot(
                object(ObjectKind.VIEW, "", "v", "definition", "SELECT 'a\"b\\c' AS \"q\"\n\tFROM t\u0001\u2028x"));
        SchemaSnapshot found = snapshot();

        String json = ResultFormat.toJson(SchemaDiff.between(expected, found).result("public", null, true, null));

        assertThat(json)
                .isEqualTo("{\"result\":\"diff\",\"schema\":\"public\",\"drift\":true,\"note\":null,"
                        + "\"snapshotRecorded\":true,\"snapshotVersion\":null,\"expectedFingerprint\":\""
                        + expected.fingerprint() + "\",\"foundFingerprint\":\"" + found.fingerprint()
                        + "\",\"differences\":["
                        + "{\"change\":\"MISSING\",\"kind\":\"view\",\"object\":\"v\",\"attribute\":null,"
                        + "\"expected\":\"SELECT 'a\\\"b\\\\c' AS \\\"q\\\" FROM t\\u0001\\u2028x\",\"found\":null,"
                        + "\"message\":\"view v is missing (expected SELECT 'a\\\"b\\\\c' AS \\\"q\\\" FROM"
                        + " t\\u0001\\u2028x)\"}]}");
    }

    @Test
    void toJson_ofNoDrift_isAnEmptyList() {
        SchemaSnapshot same = snapshot(object(ObjectKind.TABLE, "", "t"));

        assertThat(ResultFormat.toJson(SchemaDiff.between(same, same).result("public", null, true, null)))
                .endsWith("\"drift\":false,\"note\":null,\"snapshotRecorded\":true,\"snapshotVersion\":null,"
                        + "\"expectedFingerprint\":\"" + same.fingerprint() + "\",\"foundFingerprint\":\""
                        + same.fingerprint() + "\",\"differences\":[]}");
    }

    @Test
    void text_escapesTabsAndNewlinesSoEveryObjectIsOneLine() {
        SchemaSnapshot snapshot = snapshot(object(ObjectKind.VIEW, "", "v\tw", "definition", "a\nb\\c\r"));

        assertThat(snapshot.text()).endsWith("view\tpublic\t\tv\\tw\tdefinition=a\\nb\\\\c\\r\n");
        assertThat(SchemaSnapshot.parse(snapshot.text())).isEqualTo(snapshot);
    }
}
