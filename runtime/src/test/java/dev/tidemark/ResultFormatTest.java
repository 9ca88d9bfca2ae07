package dev.tidemark;

import static dev.tidemark.testing.TestManifest.reversible;
import static dev.tidemark.testing.TestManifest.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tidemark.spi.MigrationManifest;
import dev.tidemark.testing.JsonReader;
import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.TestDatabase;
import dev.tidemark.testing.TestManifest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every result, and a failure, as one JSON document with stable fields; never with a password. */
@NeedsPostgres
class ResultFormatTest {

    static final String USERS = "CREATE TABLE users (id bigint PRIMARY KEY)";
    static final String ORDERS = "CREATE TABLE orders (id bigint PRIMARY KEY)";
    static final String PASSWORD = "Never-Shown-8Kq";

    static MigrationManifest migrations() {
        return TestManifest.of(
                reversible("1", "create users", USERS, "DROP TABLE users"),
                reversible("2", "create orders", ORDERS, "DROP TABLE orders"));
    }

    /** Connects through a URL with a password (the server trusts, so any password is accepted). */
    static Tidemark tidemark(TestDatabase db, MigrationManifest manifest) {
        return Tidemark.configure()
                .url(db.url() + (db.url().contains("?") ? "&" : "?") + "password=" + PASSWORD)
                .manifests(manifest)
                .load();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    @Test
    void everyResult_isOneDocumentWithItsData_andNoPassword(TestDatabase db) {
        List<String> documents = new ArrayList<>();
        Tidemark tidemark = tidemark(db, migrations());

        String rehearsal = ResultFormat.toJson(tidemark.rehearse());
        documents.add(rehearsal);
        Map<String, Object> rehearse = JsonReader.object(rehearsal);
        assertThat(rehearse.get("result")).isEqualTo("rehearse");
        assertThat(rehearse.get("succeeded")).isEqualTo(true);
        assertThat(list(rehearse.get("steps")))
                .extracting(step -> step.get("version") + " " + step.get("outcome"))
                .containsExactly("1 SUCCEEDED", "2 SUCCEEDED");
        assertThat(list(list(rehearse.get("steps")).get(0).get("statements")).get(0))
                .containsEntry("sql", USERS)
                .containsKey("timeMs");

        MigrateResult migrated = tidemark.migrate();
        String migrateJson = ResultFormat.toJson(migrated);
        documents.add(migrateJson);
        Map<String, Object> migrate = JsonReader.object(migrateJson);
        assertThat(migrate)
                .containsEntry("result", "migrate")
                .containsEntry("schema", "public")
                .containsEntry("initialVersion", null)
                .containsEntry("currentVersion", "2")
                .containsEntry("totalTimeMs", migrated.totalTime().toMillis())
                .containsEntry("rehearsal", null);
        assertThat(list(migrate.get("applied")).get(1))
                .containsEntry("version", "2")
                .containsEntry("description", "create orders")
                .containsEntry("className", "test.V2")
                .containsEntry("transactional", true)
                .containsEntry(
                        "executionTimeMs",
                        migrated.applied().get(1).executionTime().toMillis());

        String validateJson = ResultFormat.toJson(tidemark.validate());
        documents.add(validateJson);
        assertThat(JsonReader.object(validateJson))
                .containsEntry("result", "validate")
                .containsEntry("schema", "public")
                .containsEntry("valid", true)
                .containsEntry("currentVersion", "2")
                .containsEntry("problems", List.of())
                .containsEntry("pending", List.of());

        InfoResult info = tidemark.info();
        String infoJson = ResultFormat.toJson(info);
        documents.add(infoJson);
        Map<String, Object> infoDocument = JsonReader.object(infoJson);
        assertThat(infoDocument).containsEntry("result", "info").containsEntry("table", "tidemark_history");
        Map<String, Object> first = list(infoDocument.get("migrations")).get(0);
        assertThat(first)
                .containsEntry("version", "1")
                .containsEntry("type", "JAVA")
                .containsEntry("state", "APPLIED")
                .containsEntry("installedBy", "postgres")
                .containsEntry("checksumMatches", true);
        assertThat(Instant.parse((String) first.get("installedOn")))
                .isEqualTo(info.migrations().get(0).installedOn());

        db.execute("CREATE TABLE audit_log (id bigint)");
        String diffJson = ResultFormat.toJson(tidemark.diff());
        documents.add(diffJson);
        Map<String, Object> diff = JsonReader.object(diffJson);
        assertThat(diff).containsEntry("result", "diff").containsEntry("drift", true);
        assertThat(list(diff.get("differences")))
                .singleElement()
                .satisfies(d -> assertThat(d)
                        .containsEntry("change", "UNEXPECTED")
                        .containsEntry("kind", "table")
                        .containsEntry("object", "audit_log")
                        .containsEntry("expected", null)
                        .containsEntry("found", "columns id"));

        String acceptJson = ResultFormat.toJson(tidemark.acceptDrift());
        documents.add(acceptJson);
        assertThat(JsonReader.object(acceptJson))
                .containsEntry("result", "acceptDrift")
                .containsEntry("recorded", true)
                .containsEntry("version", "2")
                .containsEntry("acceptedBy", "postgres");

        UndoResult undone = tidemark.undo("1");
        String undoJson = ResultFormat.toJson(undone);
        documents.add(undoJson);
        Map<String, Object> undo = JsonReader.object(undoJson);
        assertThat(undo)
                .containsEntry("result", "undo")
                .containsEntry("initialVersion", "2")
                .containsEntry("currentVersion", "1");
        assertThat(list(undo.get("undone"))).extracting(u -> u.get("version")).containsExactly("2");

        String roundTripJson = ResultFormat.toJson(tidemark.roundTrip());
        documents.add(roundTripJson);
        Map<String, Object> roundTrip = JsonReader.object(roundTripJson);
        assertThat(roundTrip).containsEntry("result", "test").containsEntry("clean", true);
        assertThat(list(roundTrip.get("checks")))
                .extracting(c -> c.get("version") + " " + c.get("outcome"))
                .containsExactly("1 CLEAN", "2 CLEAN");

        String repairJson = ResultFormat.toJson(tidemark(
                        db,
                        TestManifest.of(
                                reversible("1", "create the users", USERS, "DROP TABLE users"),
                                reversible("2", "create orders", ORDERS, "DROP TABLE orders")))
                .repair());
        documents.add(repairJson);
        assertThat(list(JsonReader.object(repairJson).get("actions")))
                .singleElement()
                .satisfies(a -> assertThat(a)
                        .containsEntry("kind", "REALIGNED_DESCRIPTION")
                        .containsEntry("version", "1"));

        assertThat(documents)
                .allSatisfy(document -> assertThat(document)
                        .doesNotContain(PASSWORD)
                        .doesNotContain("password")
                        .doesNotContain("jdbc:"));
    }

    @Test
    void baseline_isADocumentWithTheVersionsThatLeaveTheSameSchema(TestDatabase db) {
        db.execute(USERS);
        db.execute(ORDERS);

        Map<String, Object> baseline =
                JsonReader.object(ResultFormat.toJson(tidemark(db, migrations()).baseline()));

        assertThat(baseline)
                .containsEntry("result", "baseline")
                .containsEntry("schema", "public")
                .containsEntry("version", "2")
                .containsEntry("coveredMigrations", 2L)
                .containsEntry("sameSchemaVersions", List.of("2"));
    }

    @Test
    void aFailure_isADocumentWithItsCodeMessageAndProblems(TestDatabase db) {
        tidemark(db, TestManifest.of(sql("1", "create users", USERS))).migrate();
        ValidationException failure = catchThrowableOfType(
                () -> Tidemark.configure()
                        .url(db.url() + (db.url().contains("?") ? "&" : "?") + "password=" + PASSWORD)
                        .manifests(TestManifest.of(sql("1", "create users", USERS), sql("2", "create orders", ORDERS)))
                        .failOnPending(true)
                        .load()
                        .validate(),
                ValidationException.class);

        String json = ResultFormat.toJson(failure);
        Map<String, Object> error = JsonReader.object(json);
        assertThat(error)
                .containsEntry("result", "error")
                .containsEntry("code", "TM-R040")
                .containsEntry("message", failure.getMessage());
        assertThat(list(error.get("problems"))).extracting(p -> p.get("kind")).containsExactly("PENDING");
        assertThat(list(error.get("pending"))).extracting(p -> p.get("version")).containsExactly("2");
        assertThat(json).doesNotContain(PASSWORD);
    }

    @Test
    void aConnectionFailure_isADocumentWithoutThePassword() {
        TidemarkException failure = catchThrowableOfType(
                () -> Tidemark.configure()
                        .url("jdbc:postgresql://127.0.0.1:25491/nowhere?user=someone&password=" + PASSWORD)
                        .manifests(TestManifest.of(sql("1", "create users", USERS)))
                        .load()
                        .migrate(),
                TidemarkException.class);

        String json = ResultFormat.toJson(failure);
        assertThat(JsonReader.object(json)).containsEntry("result", "error").containsEntry("code", "TM-R010");
        assertThat(json).doesNotContain(PASSWORD);
    }

    @Test
    void text_isTheSameResultForAPerson(TestDatabase db) {
        Tidemark tidemark = tidemark(db, migrations());
        tidemark.migrate();

        assertThat(ResultFormat.toText(tidemark.validate()))
                .isEqualTo("Schema public is valid at version 2\nNo migration is pending");
        assertThat(ResultFormat.toText(tidemark.info()))
                .startsWith("Schema public, history table tidemark_history, at version 2\n"
                        + "Version | Description   | Type | State   | Installed on        | Time");
    }
}
