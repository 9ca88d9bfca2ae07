package dev.tidemark.internal.history;

import static dev.tidemark.testing.TestManifest.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.Tidemark;
import dev.tidemark.ValidateResult;
import dev.tidemark.internal.plan.MigrationCatalog;
import dev.tidemark.internal.plan.Reconciliation;
import dev.tidemark.internal.plan.Validator;
import dev.tidemark.spi.MigrationManifest;
import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.PostgresExtension;
import dev.tidemark.testing.RecordingListener;
import dev.tidemark.testing.TestDatabase;
import dev.tidemark.testing.TestManifest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The server's summary of the history against the code: it must say "agrees" exactly when the
 * rows are the code's first migrations as migrate writes them, and then the state built from the
 * code alone must validate exactly as the rows read one by one do.
 */
@NeedsPostgres
class HistorySummaryTest {

    private static final String HISTORY = "public.tidemark_history";

    static TestManifest code() {
        return TestManifest.of(
                sql("1", "create users", "CREATE TABLE users (id int)"),
                sql("2", "add email", "ALTER TABLE users ADD COLUMN email text"),
                sql("3", "create orders", "CREATE TABLE orders (id int)"));
    }

    private static void migrate(TestDatabase db, MigrationManifest code, String target) {
        Tidemark.configure()
                .dataSource(db)
                .manifests(code)
                .target(target)
                .load()
                .migrate();
    }

    /** Summarizes the history against {@code code} and, when it agrees, compares both states. */
    private static HistoryTable.Summary summarize(TestDatabase db, MigrationManifest code) throws SQLException {
        try (Connection connection = db.getConnection()) {
            return summarize(connection, code);
        }
    }

    private static HistoryTable.Summary summarize(Connection connection, MigrationManifest code) throws SQLException {
        MigrationCatalog catalog = MigrationCatalog.load(List.of(code), null);
        HistoryTable history = new HistoryTable("public", "tidemark_history");
        HistoryTable.Summary summary = history.summarize(connection, catalog.migrations());
        Reconciliation read = new Reconciliation(catalog, true, history.read(connection));
        assertThat(summary.rows()).isEqualTo(read.rowCount());
        assertThat(summary.maxRank() + 1).isEqualTo(read.nextRank());
        if (summary.agrees()) {
            Reconciliation agreeing = Reconciliation.agreeing(catalog, summary.rows(), summary.maxRank());
            assertThat(agreeing.currentVersion()).isEqualTo(read.currentVersion());
            assertThat(agreeing.appliedCount()).isEqualTo(read.appliedCount());
            assertThat(agreeing.pending()).isEqualTo(read.pending());
            assertThat(agreeing.failed()).isEqualTo(read.failed());
            assertThat(agreeing.baselineVersion()).isEqualTo(read.baselineVersion());
            assertThat(agreeing.nextRank()).isEqualTo(read.nextRank());
            for (boolean outOfOrder : new boolean[] {false, true}) {
                for (boolean failOnPending : new boolean[] {false, true}) {
                    Validator validator = new Validator(catalog, HISTORY, outOfOrder, failOnPending);
                    assertSame(validator.validate(agreeing), validator.validate(read));
                }
            }
        }
        return summary;
    }

    private static void assertSame(ValidateResult agreeing, ValidateResult read) {
        assertThat(agreeing.problems()).isEqualTo(read.problems());
        assertThat(agreeing.warnings()).isEqualTo(read.warnings());
        assertThat(agreeing.pending()).isEqualTo(read.pending());
        assertThat(agreeing.currentVersion()).isEqualTo(read.currentVersion());
    }

    @Test
    void aHistoryMigrateWroteAgrees_fromTheFirstRowToAll(TestDatabase db) throws SQLException {
        migrate(db, code(), "current");
        assertThat(summarize(db, code())).isEqualTo(new HistoryTable.Summary(0, 0, true));

        migrate(db, code(), "2");
        assertThat(summarize(db, code())).isEqualTo(new HistoryTable.Summary(2, 2, true));

        migrate(db, code(), "latest");
        assertThat(summarize(db, code())).isEqualTo(new HistoryTable.Summary(3, 3, true));
    }

    @Test
    void descriptionsOfAnyCharacters_encodeAlikeOnBothSides(TestDatabase db) throws SQLException {
        TestManifest code = TestManifest.of(
                sql("1", "tables 📦 and ünïcödé: 12:34|5", "CREATE TABLE a (id int)"),
                sql("1.1", "two\nlines\tand - a dash", "CREATE TABLE b (id int)"),
                sql("2", "", "CREATE TABLE c (id int)"),
                sql("10", "'quoted' \\ backslash", "CREATE TABLE d (id int)"));
        migrate(db, code, "latest");

        assertThat(summarize(db, code).agrees()).isTrue();
    }

    @Test
    void everyChangeToWhatValidationReads_disagrees(TestDatabase db) throws SQLException {
        migrate(db, code(), "latest");
        List<String> changes = List.of(
                "UPDATE tidemark_history SET checksum = 'v1:edited' WHERE version = '2'",
                "UPDATE tidemark_history SET checksum = NULL WHERE version = '2'",
                "UPDATE tidemark_history SET description = 'add e-mail' WHERE version = '2'",
                "UPDATE tidemark_history SET success = false WHERE version = '3'",
                "UPDATE tidemark_history SET type = 'UNDO' WHERE version = '3'",
                "UPDATE tidemark_history SET type = 'BASELINE' WHERE version = '1'",
                "UPDATE tidemark_history SET version = '2.0' WHERE version = '2'",
                "DELETE FROM tidemark_history WHERE version = '2'",
                "DELETE FROM tidemark_history WHERE version = '1'",
                "UPDATE tidemark_history SET installed_rank = 10 - installed_rank WHERE version IN ('1', '2')",
                "INSERT INTO tidemark_history SELECT 4, '4', 'gone', 'JAVA', 'test.V4', 'v1:x', 'me', now(), 1, true",
                "INSERT INTO tidemark_history SELECT 4, '2', 'add email', 'UNDO', 'test.V2', NULL, 'me', now(), 1,"
                        + " true");
        try (Connection connection = db.getConnection();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            for (String change : changes) {
                statement.execute(change);
                assertThat(summarize(connection, code()).agrees()).as(change).isFalse();
                connection.rollback();
                assertThat(summarize(connection, code()).agrees())
                        .as("rolled back: " + change)
                        .isTrue();
            }
        }
    }

    @Test
    void everyChangeOfTheCode_disagrees(TestDatabase db) throws SQLException {
        migrate(db, code(), "latest");
        List<TestManifest> changed = List.of(
                TestManifest.of(
                        sql("1", "create users", "CREATE TABLE users (id int)"),
                        sql("2", "add email", "ALTER TABLE users ADD COLUMN email varchar"),
                        sql("3", "create orders", "CREATE TABLE orders (id int)")),
                TestManifest.of(
                        sql("1", "create users", "CREATE TABLE users (id int)"),
                        sql("2", "add an email", "ALTER TABLE users ADD COLUMN email text"),
                        sql("3", "create orders", "CREATE TABLE orders (id int)")),
                TestManifest.of(
                        sql("1", "create users", "CREATE TABLE users (id int)"),
                        sql("2", "add email", "ALTER TABLE users ADD COLUMN email text")),
                TestManifest.of(
                        sql("1", "create users", "CREATE TABLE users (id int)"),
                        sql("1.5", "audit", "CREATE TABLE audit (id int)"),
                        sql("2", "add email", "ALTER TABLE users ADD COLUMN email text"),
                        sql("3", "create orders", "CREATE TABLE orders (id int)")));
        for (TestManifest code : changed) {
            assertThat(summarize(db, code).agrees()).isFalse();
        }
        TestManifest oneMore = TestManifest.of(
                sql("1", "create users", "CREATE TABLE users (id int)"),
                sql("2", "add email", "ALTER TABLE users ADD COLUMN email text"),
                sql("3", "create orders", "CREATE TABLE orders (id int)"),
                sql("4", "create items", "CREATE TABLE items (id int)"));
        assertThat(summarize(db, oneMore)).isEqualTo(new HistoryTable.Summary(3, 3, true));
    }

    @Test
    void aDescriptionHoldingTheNextRow_cannotPassForTwoRows(TestDatabase db) throws SQLException {
        migrate(db, code(), "latest");
        // Without the lengths in front of each field, this one row would encode as the code's
        // first two, and the history would pass for holding migrations 1 and 2.
        String twoRows = HistoryTable.encode(
                MigrationCatalog.load(List.of(code()), null).migrations().subList(0, 2));
        String forged =
                twoRows.substring(twoRows.indexOf("create users") + "create users".length(), twoRows.length() - 1);
        try (Connection connection = db.getConnection();
                var update = connection.prepareStatement(
                        "UPDATE tidemark_history SET description = description || ? WHERE version = '1'")) {
            update.setString(1, forged);
            update.executeUpdate();
        }
        db.execute("DELETE FROM tidemark_history WHERE version IN ('2', '3')");

        assertThat(summarize(db, code())).isEqualTo(new HistoryTable.Summary(1, 1, false));
    }

    @Test
    void validateAndMigrate_readNoRowOfAnAgreeingHistory(TestDatabase db) {
        migrate(db, code(), "2");
        RecordingListener listener = new RecordingListener();
        Tidemark tidemark = Tidemark.configure()
                .dataSource(db)
                .manifests(code())
                .listener(listener)
                .load();

        ValidateResult validated = tidemark.validate();
        assertThat(validated.pending()).hasSize(1);
        assertThat(listener.lines)
                .contains("DEBUG The history agrees with the code's first 2 migrations; its rows are not read")
                .contains("INFO Schema public is valid at version 2", "INFO 1 migration is pending:");

        listener.lines.clear();
        assertThat(tidemark.migrate().applied()).hasSize(1);
        assertThat(listener.lines)
                .contains("DEBUG The history agrees with the code's first 2 migrations; its rows are not read");
        assertThat(db.query("SELECT installed_rank, version FROM tidemark_history ORDER BY installed_rank"))
                .containsExactly(List.of("1", "1"), List.of("2", "2"), List.of("3", "3"));

        db.execute("UPDATE tidemark_history SET description = 'changed' WHERE version = '3'");
        listener.lines.clear();
        assertThat(tidemark.validate().warnings()).anyMatch(warning -> warning.contains("recorded as 'changed'"));
        assertThat(listener.lines).noneMatch(line -> line.contains("agrees"));
    }

    @Test
    void aCodeDescriptionTheDatabaseCannotEncode_fallsBackToReadingTheRows(TestDatabase db) {
        TestDatabase latin1 =
                PostgresExtension.create("TEMPLATE template0 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C'");
        try {
            TestManifest code = TestManifest.of(
                    sql("1", "create users", "CREATE TABLE users (id int)"),
                    sql("2", "prices in €", "CREATE TABLE prices (id int)"));
            migrate(latin1, code, "1");
            RecordingListener listener = new RecordingListener();
            Tidemark tidemark = Tidemark.configure()
                    .dataSource(latin1)
                    .manifests(code)
                    .listener(listener)
                    .load();

            assertThat(tidemark.validate().pending()).hasSize(1);
            assertThat(listener.lines)
                    .anyMatch(line -> line.startsWith("DEBUG The history's summary failed (SQLSTATE" + " 22P05")
                            && line.endsWith("); its rows are read"));

            // migrate reads the history inside its transaction: the failed summary must not abort it.
            listener.lines.clear();
            assertThatThrownBy(tidemark::migrate).hasMessageContaining("22P05").hasMessageContaining("Migration 2");
            assertThat(listener.lines).anyMatch(line -> line.startsWith("DEBUG The history's summary failed"));
            assertThat(latin1.query("SELECT version FROM tidemark_history")).containsExactly(List.of("1"));
        } finally {
            PostgresExtension.drop(latin1);
        }
    }
}
