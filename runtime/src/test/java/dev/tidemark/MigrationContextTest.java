package dev.tidemark;

import static dev.tidemark.MigrateTest.tidemark;
import static dev.tidemark.testing.TestManifest.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.TestDatabase;
import dev.tidemark.testing.TestManifest;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@NeedsPostgres
class MigrationContextTest {

    /** A script of the kind teams bring from Flyway or golang-migrate, run unchanged. */
    static final String REAL_WORLD = """
            -- Users, with a trigger keeping updated_at current.
            CREATE TABLE users (
                id bigserial PRIMARY KEY,
                name text NOT NULL CHECK (name <> ''),
                note text DEFAULT 'none; yet',
                updated_at timestamptz
            );

            /* The trigger function; /* nested */ comments are fine. */
            CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                NEW.updated_at := now();
                RETURN NEW;
            END;
            $fn$;

            CREATE TRIGGER users_touch BEFORE INSERT OR UPDATE ON users
                FOR EACH ROW EXECUTE FUNCTION touch();

            CREATE FUNCTION label(n bigint) RETURNS text LANGUAGE sql
            BEGIN ATOMIC
                SELECT CASE WHEN n > 1 THEN 'many' ELSE 'one' END;
            END;

            INSERT INTO users (name, note) VALUES ('it''s; ann', E'tab\\there;'), ("lower"('BOB'), $$x;y$$);

            DO $$
            DECLARE r record;
            BEGIN
                FOR r IN SELECT id FROM users LOOP
                    UPDATE users SET note = note || ';' WHERE id = r.id;
                END LOOP;
            END
            $$;
            """;

    @Test
    void execute_runsRealWorldScriptsStatementByStatement(TestDatabase db) {
        tidemark(db, TestManifest.of(sql("1", "real world", REAL_WORLD))).migrate();
        assertThat(db.query("SELECT name, note, updated_at IS NOT NULL, label(id) FROM users ORDER BY id"))
                .containsExactly(List.of("it's; ann", "tab\there;;", "t", "one"), List.of("bob", "x;y;", "t", "many"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "COMMIT | COMMIT",
                "commit; | COMMIT",
                "  -- done\\n/* really */ End  | END",
                "begin isolation level serializable | BEGIN",
                "START TRANSACTION | START",
                "ABORT | ABORT",
                "rollback | ROLLBACK",
                "ROLLBACK\\tWORK | ROLLBACK",
                "PREPARE TRANSACTION 'x' | PREPARE",
                "prepare\\ntransaction 'x' | PREPARE"
            })
    void execute_inATransactionalMigration_refusesSqlThatEndsOrStartsTheTransaction(
            String statement, String word, TestDatabase db) {
        String script = "CREATE TABLE kept_out (id int);\n"
                + statement.replace("\\n", "\n").replace("\\t", "\t");
        MigrationFailedException failure = catchThrowableOfType(
                MigrationFailedException.class,
                () -> tidemark(db, TestManifest.of(sql("1", "controls", script)))
                        .migrate());

        assertThat(failure.getMessage())
                .contains("a transactional migration must not start or end a transaction in its SQL (" + word + ")");
        assertThat(db.tableExists("public", "kept_out")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SAVEPOINT s; ROLLBACK TO SAVEPOINT s",
                "SAVEPOINT s; rollback  to s",
                "PREPARE plan AS SELECT 1; EXECUTE plan; DEALLOCATE plan",
                "CREATE TABLE commit_log (id int)",
                "COMMENT ON TABLE kept IS 'BEGIN; COMMIT'"
            })
    void execute_inATransactionalMigration_allowsStatementsThatOnlyLookLikeTransactionControl(
            String statement, TestDatabase db) {
        tidemark(db, TestManifest.of(sql("1", "lookalikes", "CREATE TABLE kept (id int);\n" + statement)))
                .migrate();

        assertThat(db.tableExists("public", "kept")).isTrue();
    }

    @Test
    void updateAndQuery_bindParameters(TestDatabase db) {
        AtomicReference<List<String>> names = new AtomicReference<>();
        AtomicReference<Optional<Integer>> count = new AtomicReference<>();
        tidemark(db, TestManifest.of(TestManifest.java("1", "params", context -> {
                    context.execute("CREATE TABLE t (id int, name text)");
                    assertThat(context.update("INSERT INTO t VALUES (?, ?), (?, ?)", 1, "a';--", 2, null))
                            .isEqualTo(2);
                    names.set(
                            context.query("SELECT name FROM t WHERE id >= ? ORDER BY id", row -> row.getString(1), 1));
                    count.set(context.queryOne("SELECT count(*)::int FROM t", row -> row.getInt(1)));
                    assertThat(context.schema()).isEqualTo("public");
                    assertThat(context.migration().version()).hasToString("1");
                    assertThat(context.connection().getAutoCommit()).isFalse();
                })))
                .migrate();
        assertThat(names.get()).containsExactly("a';--", null);
        assertThat(count.get()).contains(2);
    }

    @Test
    void execute_refusesCopyFromStdinBeforeRunningAnything(TestDatabase db) {
        String script = "CREATE TABLE t (a int);\nCOPY t (a) FROM STDIN;\n1\n2\n\\.\n";
        MigrationFailedException failure = catchThrowableOfType(
                MigrationFailedException.class,
                () -> tidemark(db, TestManifest.of(sql("1", "copy", script))).migrate());
        assertThat(failure.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
        assertThat(failure.getMessage())
                .contains("The script was refused before it ran: COPY … FROM STDIN reads its data from psql's input")
                .contains("Refused:\n    COPY t (a) FROM STDIN")
                .contains("The database has no migration applied: nothing of migration 1 remains.");
        assertThat(db.tableExists("public", "t")).isFalse();
    }

    @Test
    void execute_refusesPsqlMetaCommands(TestDatabase db) {
        MigrationFailedException failure = catchThrowableOfType(
                MigrationFailedException.class,
                () -> tidemark(db, TestManifest.of(sql("1", "psql", "\\set ON_ERROR_STOP on\nSELECT 1;")))
                        .migrate());
        assertThat(failure.getMessage()).contains("psql meta-command (\\set ON_ERROR_STOP on)");
    }

    @Test
    void connection_refusesCommitInATransactionalMigration(TestDatabase db) {
        MigrationFailedException failure = catchThrowableOfType(
                MigrationFailedException.class,
                () -> tidemark(db, TestManifest.of(TestManifest.java("1", "commits", context -> {
                            context.execute("CREATE TABLE early (id int)");
                            context.connection().commit();
                        })))
                        .migrate());
        assertThat(failure.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
        assertThat(failure.getMessage())
                .contains("threw java.lang.IllegalStateException: migration 1 called Connection.commit(), which a"
                        + " transactional migration must not do")
                .contains("or mark the migration @Migration(transactional = false)")
                .contains("nothing of migration 1 remains");
        assertThat(db.tableExists("public", "early")).isFalse();
    }

    @Test
    void connection_allowsSavepointsAndRefusesClose(TestDatabase db) {
        tidemark(db, TestManifest.of(TestManifest.java("1", "savepoint", context -> {
                    java.sql.Connection connection = context.connection();
                    context.execute("CREATE TABLE kept (id int)");
                    java.sql.Savepoint savepoint = connection.setSavepoint();
                    context.execute("CREATE TABLE undone (id int)");
                    connection.rollback(savepoint);
                })))
                .migrate();
        assertThat(db.tableExists("public", "kept")).isTrue();
        assertThat(db.tableExists("public", "undone")).isFalse();

        MigrationFailedException failure = catchThrowableOfType(
                MigrationFailedException.class,
                () -> tidemark(
                                db,
                                TestManifest.of(
                                        TestManifest.java("1", "savepoint", context -> {}),
                                        TestManifest.java(
                                                "2",
                                                "closes",
                                                context -> context.connection().close())))
                        .migrate());
        assertThat(failure.getMessage())
                .contains("migration 2 called Connection.close(); the session belongs to" + " Tidemark");
    }
}
