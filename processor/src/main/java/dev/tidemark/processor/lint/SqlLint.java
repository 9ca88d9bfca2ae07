package dev.tidemark.processor.lint;

import dev.tidemark.processor.lint.SqlStatement.Action;
import dev.tidemark.processor.lint.SqlStatement.Column;
import dev.tidemark.processor.lint.SqlStatement.SqlType;
import dev.tidemark.spi.sql.ScriptException;
import dev.tidemark.spi.sql.ScriptSplitter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The SQL lint: checks the statements of migrations against the {@link LintRule}s. One instance
 * checks one compilation's migrations; call it in version order, since what an earlier migration
 * did (a column's type, a validated {@code CHECK}) decides some rules for a later one. Statements
 * of one migration share its {@code source} name: a table created in the same migration is new,
 * so the rules about locking a table in use do not apply to it.
 *
 * <p>The same entry points serve migrations written in Java (the SQL of {@code execute} calls)
 * and SQL files: {@link #script} for text that may hold several statements, {@link #statement}
 * for one statement whose line is known.
 *
 * <p>Findings are returned whatever their severity; the caller applies the configured severity
 * and the migration's allowances.
 */
public final class SqlLint {

    private static final Set<String> VOLATILE_FUNCTIONS = Set.of(
            "random",
            "clock_timestamp",
            "timeofday",
            "gen_random_uuid",
            "uuid_generate_v1",
            "uuid_generate_v1mc",
            "uuid_generate_v4",
            "uuidv4",
            "uuidv7",
            "nextval",
            "txid_current",
            "statement_timestamp",
            "setseed");

    /** What earlier statements of every migration established, keyed by table name. */
    private final Map<String, Map<String, SqlType>> columnTypes = new HashMap<>();

    private final Map<String, String> uncheckedNotNullChecks = new HashMap<>(); // "table/constraint" -> column
    private final Set<String> validatedNotNull = new HashSet<>(); // "table/column"
    private final Map<String, MigrationState> migrations = new HashMap<>();

    /** What earlier statements of one migration did. */
    private static final class MigrationState {
        final Set<String> createdTables = new HashSet<>();
        final Set<String> createdIndexes = new HashSet<>();
        String schemaChangedTable;
        String dataChange;
        boolean mixReported;
        int statements;
    }

    /**
     * Checks a script (one {@code execute} argument, or a whole file), split into statements on
     * PostgreSQL's rules.
     *
     * @param source the migration or file, as messages name it
     * @param script the SQL
     * @param firstLine the line of the script's first character in the source
     * @param transactional whether the migration runs in a transaction
     */
    public List<LintFinding> script(String source, String script, int firstLine, boolean transactional) {
        List<String> statements;
        try {
            statements = ScriptSplitter.split(script);
        } catch (ScriptException e) {
            MigrationState state = state(source);
            state.statements++;
            return List.of(new LintFinding(
                    LintRule.UNCHECKED,
                    source,
                    firstLine,
                    state.statements,
                    LintRule.UNCHECKED.describe("the script", e.getMessage())));
        }
        List<LintFinding> findings = new ArrayList<>();
        int from = 0;
        int line = firstLine;
        for (String statement : statements) {
            int offset = script.indexOf(statement, from);
            if (offset < 0) {
                offset = from; // the splitter returns stripped substrings, so this does not happen
            }
            line += countLines(script, from, offset);
            from = offset;
            findings.addAll(statement(source, statement, line, transactional));
        }
        return findings;
    }

    /**
     * How many lines of {@code statement} come before its first token (comments and blank lines a
     * statement's text may start with): what to subtract from the line of its first token to get
     * the line its text starts on.
     */
    public static int linesBeforeFirstToken(String statement) {
        try {
            List<SqlToken> tokens = SqlLexer.tokens(statement);
            return tokens.isEmpty() ? 0 : countLines(statement, 0, tokens.get(0).offset());
        } catch (SqlLexer.LexException e) {
            return 0;
        }
    }

    /**
     * Checks one statement.
     *
     * @param source the migration or file, as messages name it
     * @param statement the statement's text, without its terminating semicolon
     * @param line the line of the statement's first character in the source
     * @param transactional whether the migration runs in a transaction
     */
    public List<LintFinding> statement(String source, String statement, int line, boolean transactional) {
        MigrationState state = state(source);
        int number = ++state.statements;
        int firstTokenLine = line;
        SqlStatement parsed;
        try {
            List<SqlToken> tokens = SqlLexer.tokens(statement);
            if (tokens.isEmpty()) {
                return List.of();
            }
            firstTokenLine = line + countLines(statement, 0, tokens.get(0).offset());
            parsed = SqlParser.parse(tokens);
        } catch (SqlLexer.LexException | SqlParser.ParseException e) {
            return List.of(new LintFinding(
                    LintRule.UNCHECKED,
                    source,
                    firstTokenLine,
                    number,
                    LintRule.UNCHECKED.describe("'" + excerpt(statement) + "'", e.getMessage())));
        }
        Findings findings = new Findings(source, firstTokenLine, number);
        check(parsed, state, transactional, findings);
        return findings.list;
    }

    private static final class Findings {
        final String source;
        final int line;
        final int number;
        final List<LintFinding> list = new ArrayList<>();

        Findings(String source, int line, int number) {
            this.source = source;
            this.line = line;
            this.number = number;
        }

        void add(LintRule rule, Object... arguments) {
            list.add(new LintFinding(rule, source, line, number, rule.describe(arguments)));
        }
    }

    private MigrationState state(String source) {
        return migrations.computeIfAbsent(source, s -> new MigrationState());
    }

    private void check(SqlStatement parsed, MigrationState state, boolean transactional, Findings findings) {
        if (parsed instanceof SqlStatement.CreateTable create) {
            state.createdTables.add(create.table());
            for (Column column : create.columns()) {
                remember(create.table(), column.name(), column.type());
                advise(column, create.primaryKey().contains(column.name()), findings);
            }
        } else if (parsed instanceof SqlStatement.CreateIndex index) {
            if (index.name() != null) {
                state.createdIndexes.add(index.name());
            }
            if (index.concurrently()) {
                if (transactional) {
                    findings.add(LintRule.CONCURRENTLY_IN_TRANSACTION, "CREATE INDEX CONCURRENTLY");
                }
            } else if (!state.createdTables.contains(index.table())) {
                findings.add(LintRule.CREATE_INDEX_BLOCKS_WRITES, index.table());
                schemaChange(index.table(), state, transactional, findings);
            }
        } else if (parsed instanceof SqlStatement.DropIndex drop) {
            if (drop.concurrently()) {
                if (transactional) {
                    findings.add(LintRule.CONCURRENTLY_IN_TRANSACTION, "DROP INDEX CONCURRENTLY");
                }
            } else if (!state.createdIndexes.containsAll(drop.names())) {
                findings.add(LintRule.DROP_INDEX_BLOCKS, String.join(", ", drop.names()));
            }
        } else if (parsed instanceof SqlStatement.DropTable drop) {
            List<String> existing = drop.tables().stream()
                    .filter(table -> !state.createdTables.contains(table))
                    .toList();
            if (!existing.isEmpty()) {
                findings.add(LintRule.DROP_TABLE, String.join(", ", existing));
            }
        } else if (parsed instanceof SqlStatement.AlterTable alter) {
            for (Action action : alter.actions()) {
                check(alter.table(), action, state, findings);
            }
            if (!state.createdTables.contains(alter.table())) {
                schemaChange(alter.table(), state, transactional, findings);
            }
        } else if (parsed instanceof SqlStatement.DataChange change) {
            if (!change.hasWhere() && !state.createdTables.contains(change.table())) {
                findings.add(LintRule.DATA_CHANGE_WITHOUT_WHERE, change.verb(), change.table());
            }
            dataChange(change.verb() + " of " + change.table(), state, transactional, findings);
        } else if (parsed instanceof SqlStatement.InsertSelect insert) {
            if (!state.createdTables.contains(insert.table())) {
                dataChange("INSERT … SELECT into " + insert.table(), state, transactional, findings);
            }
        } else if (parsed instanceof SqlStatement.DoBlock) {
            findings.add(LintRule.UNCHECKED, "DO block", "the lint does not look into the body of a DO block");
        } else if (parsed instanceof SqlStatement.Other other) {
            if (other.concurrently() && transactional) {
                findings.add(
                        LintRule.CONCURRENTLY_IN_TRANSACTION,
                        other.kind().toUpperCase(Locale.ROOT) + " … CONCURRENTLY");
            }
        }
    }

    private void check(String table, Action action, MigrationState state, Findings findings) {
        boolean isNew = state.createdTables.contains(table);
        if (action instanceof SqlStatement.AddColumn add) {
            Column column = add.column();
            if (!isNew) {
                if (column.notNull()
                        && column.defaultExpression().isEmpty()
                        && !column.generated()
                        && !column.type().isOneOf("serial", "bigserial", "smallserial")) {
                    findings.add(LintRule.ADD_COLUMN_NOT_NULL_WITHOUT_DEFAULT, column.name(), table);
                }
                String rewrite = rewritingDefault(column);
                if (rewrite != null) {
                    findings.add(LintRule.VOLATILE_DEFAULT, column.name(), table, rewrite);
                }
                if (column.references() != null) {
                    findings.add(
                            LintRule.CONSTRAINT_WITHOUT_NOT_VALID,
                            "REFERENCES " + column.references() + " in ADD COLUMN " + column.name(),
                            table);
                }
            }
            remember(table, column.name(), column.type());
            advise(column, column.primaryKey(), findings);
        } else if (action instanceof SqlStatement.DropColumn drop) {
            if (!isNew) {
                findings.add(LintRule.DROP_COLUMN, drop.column(), table);
            }
        } else if (action instanceof SqlStatement.AlterColumnType alter) {
            SqlType before = columnTypes.getOrDefault(table, Map.of()).get(alter.column());
            if (!isNew && (alter.using() || !binaryCompatible(before, alter.type()))) {
                findings.add(LintRule.ALTER_COLUMN_TYPE, alter.column(), render(alter.type()), table);
            }
            remember(table, alter.column(), alter.type());
            adviseType(alter.column(), alter.type(), findings);
        } else if (action instanceof SqlStatement.SetNotNull set) {
            if (!isNew && !validatedNotNull.contains(table + "/" + set.column())) {
                findings.add(LintRule.SET_NOT_NULL, set.column(), table, set.column());
            }
        } else if (action instanceof SqlStatement.AddConstraint add) {
            boolean validating = add.kind().equals("check") || add.kind().equals("foreign key");
            if (!isNew && validating && !add.notValid()) {
                findings.add(
                        LintRule.CONSTRAINT_WITHOUT_NOT_VALID,
                        "ADD " + add.kind().toUpperCase(Locale.ROOT)
                                + (add.name() == null ? "" : " constraint " + add.name()),
                        table);
            }
            if (!isNew && (add.kind().equals("unique") || add.kind().equals("primary key")) && !add.usingIndex()) {
                findings.add(LintRule.UNIQUE_WITHOUT_INDEX, add.kind().toUpperCase(Locale.ROOT), table);
            }
            if (add.notNullColumn() != null) {
                if (add.notValid() && add.name() != null) {
                    uncheckedNotNullChecks.put(table + "/" + add.name(), add.notNullColumn());
                } else if (!add.notValid()) {
                    validatedNotNull.add(table + "/" + add.notNullColumn());
                }
            }
        } else if (action instanceof SqlStatement.ValidateConstraint validate) {
            String column = uncheckedNotNullChecks.remove(table + "/" + validate.name());
            if (column != null) {
                validatedNotNull.add(table + "/" + column);
            }
        } else if (action instanceof SqlStatement.RenameColumn rename) {
            if (!isNew) {
                findings.add(LintRule.RENAME, "COLUMN " + rename.from() + " of " + table + " TO " + rename.to());
            }
        } else if (action instanceof SqlStatement.RenameTable rename) {
            if (!isNew) {
                findings.add(LintRule.RENAME, "TABLE " + table + " TO " + rename.to());
            }
        }
    }

    private void schemaChange(String table, MigrationState state, boolean transactional, Findings findings) {
        if (state.schemaChangedTable == null) {
            state.schemaChangedTable = table;
        }
        mixed(state, transactional, findings);
    }

    private void dataChange(String change, MigrationState state, boolean transactional, Findings findings) {
        if (state.dataChange == null) {
            state.dataChange = change;
        }
        mixed(state, transactional, findings);
    }

    private static void mixed(MigrationState state, boolean transactional, Findings findings) {
        if (transactional && !state.mixReported && state.schemaChangedTable != null && state.dataChange != null) {
            state.mixReported = true;
            findings.add(LintRule.DDL_WITH_DATA_CHANGE, state.dataChange, state.schemaChangedTable);
        }
    }

    private void remember(String table, String column, SqlType type) {
        columnTypes.computeIfAbsent(table, t -> new HashMap<>()).put(column, type);
    }

    /** What in the column's definition makes adding it rewrite the table, or null. */
    private static String rewritingDefault(Column column) {
        if (column.type().isOneOf("serial", "bigserial", "smallserial")) {
            return "type " + column.type().name();
        }
        if (column.generated()) {
            return "a GENERATED column";
        }
        List<SqlToken> expression = column.defaultExpression();
        for (int i = 0; i + 1 < expression.size(); i++) {
            SqlToken token = expression.get(i);
            if (token.kind() == SqlToken.Kind.WORD
                    && VOLATILE_FUNCTIONS.contains(token.text())
                    && expression.get(i + 1).isSymbol("(")) {
                return "the volatile default " + token.text() + "()";
            }
        }
        return null;
    }

    /** Whether changing a column from {@code before} to {@code after} is known to keep every row as is. */
    private static boolean binaryCompatible(SqlType before, SqlType after) {
        if (before == null || !before.isOneOf("varchar", "text")) {
            return false;
        }
        if (after.isOneOf("text")
                || (after.isOneOf("varchar") && after.arguments().isEmpty())) {
            return true;
        }
        if (before.isOneOf("varchar")
                && after.isOneOf("varchar")
                && !before.arguments().isEmpty()) {
            return length(after) >= length(before);
        }
        return false;
    }

    private static long length(SqlType type) {
        try {
            return Long.parseLong(type.arguments().get(0));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return -1;
        }
    }

    private static void advise(Column column, boolean primaryKey, Findings findings) {
        adviseType(column.name(), column.type(), findings);
        if (primaryKey && column.type().isOneOf("serial", "integer", "smallint", "smallserial")) {
            findings.add(
                    LintRule.SMALL_PRIMARY_KEY, column.name(), column.type().name());
        }
    }

    private static void adviseType(String column, SqlType type, Findings findings) {
        if (type.isOneOf("json")) {
            findings.add(LintRule.JSON_TYPE, column);
        } else if (type.isOneOf("timestamp")) {
            findings.add(LintRule.TIMESTAMP_WITHOUT_TIME_ZONE, column);
        } else if (type.isOneOf("varchar") && !type.arguments().isEmpty()) {
            findings.add(LintRule.VARCHAR_LENGTH, column, type.arguments().get(0));
        }
    }

    private static String render(SqlType type) {
        return type.name()
                + (type.arguments().isEmpty() ? "" : "(" + String.join(", ", type.arguments()) + ")")
                + (type.array() ? "[]" : "");
    }

    private static int countLines(String text, int from, int to) {
        int lines = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }

    private static String excerpt(String statement) {
        String oneLine = statement.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "…";
    }
}
