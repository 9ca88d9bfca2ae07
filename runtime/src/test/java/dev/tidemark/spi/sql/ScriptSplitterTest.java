package dev.tidemark.spi.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptSplitterTest {

    @Test
    void splitsOnSemicolonsAndDropsEmptyStatements() throws ScriptException {
        assertThat(ScriptSplitter.split("CREATE TABLE a (id int);\n\n;  INSERT INTO a VALUES (1);\n-- done\n"))
                .containsExactly("CREATE TABLE a (id int)", "INSERT INTO a VALUES (1)");
        assertThat(ScriptSplitter.split("SELECT 1")).containsExactly("SELECT 1");
        assertThat(ScriptSplitter.split("  -- only a comment\n/* and another */"))
                .isEmpty();
    }

    @Test
    void keepsSemicolonsInsideStringsIdentifiersAndComments() throws ScriptException {
        String script = "INSERT INTO t VALUES ('a;b', 'it''s; fine');\n"
                + "SELECT \"odd;\"\"name\" FROM t; -- trailing; comment\n"
                + "/* block; /* nested; */ still comment; */ SELECT 2;\n"
                + "SELECT E'back\\'slash; quote', e'\\\\';\n"
                + "SELECT U&'d\\0061t;a', B'101', X'1F';";
        assertThat(ScriptSplitter.split(script))
                .containsExactly(
                        "INSERT INTO t VALUES ('a;b', 'it''s; fine')",
                        "SELECT \"odd;\"\"name\" FROM t",
                        "-- trailing; comment\n/* block; /* nested; */ still comment; */ SELECT 2",
                        "SELECT E'back\\'slash; quote', e'\\\\'",
                        "SELECT U&'d\\0061t;a', B'101', X'1F'");
    }

    @Test
    void standardStringsDoNotTreatBackslashAsEscape() throws ScriptException {
        assertThat(ScriptSplitter.split("SELECT 'C:\\'; SELECT 2")).containsExactly("SELECT 'C:\\'", "SELECT 2");
    }

    @Test
    void keepsPlpgsqlFunctionsDoBlocksAndTriggersWhole() throws ScriptException {
        String function = """
                CREATE OR REPLACE FUNCTION touch_updated_at() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    NEW.updated_at := now(); -- keep; the time
                    IF NEW.name = '' THEN RAISE EXCEPTION 'empty; name'; END IF;
                    RETURN NEW;
                END;
                $$""";
        String trigger = "CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW"
                + " EXECUTE FUNCTION touch_updated_at()";
        String block = """
                DO $migrate$
                DECLARE r record;
                BEGIN
                    FOR r IN SELECT id FROM users LOOP
                        EXECUTE format('UPDATE users SET name = %L WHERE id = %s;', 'x$$y', r.id);
                    END LOOP;
                END
                $migrate$""";
        assertThat(ScriptSplitter.split(function + ";\n" + trigger + ";\n" + block + ";\nSELECT $1, a$b$c FROM t;"))
                .containsExactly(function, trigger, block, "SELECT $1, a$b$c FROM t");
    }

    @Test
    void keepsBeginAtomicBodiesWhole() throws ScriptException {
        String function = """
                CREATE FUNCTION classify(n int) RETURNS text LANGUAGE sql
                BEGIN ATOMIC
                    SELECT CASE WHEN n < 0 THEN 'negative' ELSE 'other' END;
                    SELECT 'unreached';
                END""";
        String procedure = """
                CREATE PROCEDURE add_two(a int) LANGUAGE sql begin atomic
                  INSERT INTO t VALUES (a); INSERT INTO t VALUES (a + 1);
                end""";
        assertThat(ScriptSplitter.split(
                        "BEGIN;\n" + function + ";\n" + procedure + ";\nCOMMIT;\nSELECT CASE WHEN true THEN 1 END;"))
                .containsExactly("BEGIN", function, procedure, "COMMIT", "SELECT CASE WHEN true THEN 1 END");
    }

    @Test
    void keepsRuleActionsInParenthesesWhole() throws ScriptException {
        String rule = "CREATE RULE log AS ON UPDATE TO t DO ALSO (INSERT INTO l VALUES (1); INSERT INTO l VALUES (2))";
        assertThat(ScriptSplitter.split(rule + "; SELECT 1")).containsExactly(rule, "SELECT 1");
    }

    @Test
    void refusesCopyFromStdin() {
        assertThatThrownBy(() -> ScriptSplitter.split("CREATE TABLE t (a int);\nCOPY t (a) FROM stdin;\n"))
                .isInstanceOf(ScriptException.class)
                .hasMessageContaining("COPY … FROM STDIN reads its data from psql's input")
                .hasMessageContaining("Write the rows as INSERT statements")
                .satisfies(e -> assertThat(((ScriptException) e).statement()).isEqualTo("COPY t (a) FROM stdin"));
        List<String> toFile = List.of("COPY t TO STDOUT");
        assertThat(toFile).hasSize(1);
    }

    @Test
    void refusesPsqlMetaCommands() {
        assertThatThrownBy(() -> ScriptSplitter.split("\\set ON_ERROR_STOP on\nCREATE TABLE t (a int);"))
                .isInstanceOf(ScriptException.class)
                .hasMessageContaining("psql meta-command (\\set ON_ERROR_STOP on)");
        assertThatThrownBy(() -> ScriptSplitter.split("SELECT 1;\n\\connect other\n"))
                .hasMessageContaining("(\\connect other)");
    }

    @Test
    void convertsPositionsToLineAndColumn() {
        assertThat(StatementPosition.of("SELECT\n  nosuch FROM t", 10)).hasToString("line 2, column 3");
        assertThat(StatementPosition.of("SELECT x", 1)).hasToString("line 1, column 1");
        assertThat(StatementPosition.of("SELECT x", 0)).isNull();
        assertThat(StatementPosition.of("SELECT x", 50)).isNull();
        assertThat(StatementPosition.of("SELECT '😀', y", 13)).hasToString("line 1, column 13");
    }
}
