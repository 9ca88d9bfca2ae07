package dev.tidemark.processor.lint;

import dev.tidemark.processor.lint.SqlStatement.Action;
import dev.tidemark.processor.lint.SqlStatement.Column;
import dev.tidemark.processor.lint.SqlStatement.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A recursive-descent parser over {@link SqlToken}s for the statements the lint rules look at,
 * following PostgreSQL's grammar for them ({@code CREATE TABLE}, {@code CREATE INDEX}, {@code
 * ALTER TABLE} and its actions, {@code DROP INDEX}, {@code DROP TABLE}, {@code UPDATE}, {@code
 * DELETE}, {@code INSERT}). Other statements are classified by their leading key words only.
 * Anything it does not follow ends in a {@link ParseException}, so the caller can report the
 * statement as unchecked rather than pass it.
 */
final class SqlParser {

    /** The statement is not in the grammar this parser follows. */
    static final class ParseException extends Exception {
        private static final long serialVersionUID = 1L;

        ParseException(String message) {
            super(message);
        }
    }

    /** Key words that end a column's type and start one of its constraints. */
    private static final Set<String> COLUMN_CONSTRAINT_START = Set.of(
            "constraint",
            "not",
            "null",
            "default",
            "primary",
            "unique",
            "check",
            "references",
            "generated",
            "collate",
            "deferrable",
            "initially",
            "using",
            "compression",
            "storage");

    /** Statement kinds (first words) no rule looks at; their text is not parsed further. */
    private static final Set<String> UNCHECKED_KINDS = Set.of(
            "select",
            "values",
            "grant",
            "revoke",
            "comment",
            "set",
            "reset",
            "vacuum",
            "analyze",
            "refresh",
            "cluster",
            "reindex",
            "truncate",
            "lock",
            "notify",
            "listen",
            "call",
            "security",
            "discard",
            "create",
            "alter",
            "drop",
            "insert",
            "copy",
            "import",
            "explain",
            "prepare",
            "execute",
            "deallocate",
            "checkpoint",
            "load",
            "reassign",
            "savepoint",
            "release");

    /** First words of the ALTER TABLE actions no rule looks at. */
    private static final Set<String> OTHER_ACTIONS = Set.of(
            "set", "reset", "owner", "enable", "disable", "cluster", "inherit", "no", "of", "not", "replica", "attach",
            "detach", "force");

    private final List<SqlToken> tokens;
    private int at;

    private SqlParser(List<SqlToken> tokens) {
        this.tokens = tokens;
    }

    static SqlStatement parse(List<SqlToken> tokens) throws ParseException {
        SqlParser parser = new SqlParser(tokens);
        SqlStatement statement = parser.statement();
        if (parser.at < tokens.size() && !parser.peekSymbol(";")) {
            throw parser.unexpected("the end of the statement");
        }
        return statement;
    }

    private SqlStatement statement() throws ParseException {
        if (acceptWord("with")) {
            skipCommonTableExpressions();
        }
        if (acceptWord("create")) {
            acceptWords("or", "replace");
            boolean unique = acceptWord("unique");
            if (acceptWord("index")) {
                return createIndex();
            }
            if (unique) {
                throw unexpected("INDEX");
            }
            acceptAnyWord("global", "local");
            acceptAnyWord("temp", "temporary", "unlogged");
            if (acceptWord("table")) {
                return createTable();
            }
            return other("create");
        }
        if (acceptWord("alter")) {
            if (acceptWord("table")) {
                return alterTable();
            }
            return other("alter");
        }
        if (acceptWord("drop")) {
            if (acceptWord("index")) {
                boolean concurrently = acceptWord("concurrently");
                acceptWords("if", "exists");
                return new SqlStatement.DropIndex(nameList(), concurrently);
            }
            if (acceptWord("table")) {
                acceptWords("if", "exists");
                return new SqlStatement.DropTable(nameList());
            }
            return other("drop");
        }
        if (acceptWord("update")) {
            acceptWord("only");
            String table = qualifiedName();
            return new SqlStatement.DataChange("UPDATE", table, topLevelWord("where"));
        }
        if (acceptWord("delete")) {
            expectWord("from");
            acceptWord("only");
            String table = qualifiedName();
            return new SqlStatement.DataChange("DELETE", table, topLevelWord("where"));
        }
        if (acceptWord("insert")) {
            expectWord("into");
            String table = qualifiedName();
            if (topLevelWord("select")) {
                return new SqlStatement.InsertSelect(table);
            }
            return other("insert");
        }
        if (acceptWord("do")) {
            return new SqlStatement.DoBlock();
        }
        if (at < tokens.size() && tokens.get(at).kind() == SqlToken.Kind.WORD) {
            String kind = tokens.get(at).text();
            if (UNCHECKED_KINDS.contains(kind)) {
                return other(kind);
            }
        }
        throw unexpected("a statement");
    }

    /** A statement no rule reads; {@code REINDEX … CONCURRENTLY} is noted, as no transaction may hold it. */
    private SqlStatement other(String kind) {
        boolean concurrently = false;
        while (at < tokens.size()) {
            concurrently |= kind.equals("reindex") && tokens.get(at).isWord("concurrently");
            at++;
        }
        return new SqlStatement.Other(kind, concurrently);
    }

    private SqlStatement createIndex() throws ParseException {
        boolean concurrently = acceptWord("concurrently");
        acceptWords("if", "not", "exists");
        String name = null;
        if (!peekWord("on")) {
            name = qualifiedName();
        }
        expectWord("on");
        acceptWord("only");
        String table = qualifiedName();
        skipRest();
        return new SqlStatement.CreateIndex(table, name, concurrently);
    }

    private SqlStatement createTable() throws ParseException {
        acceptWords("if", "not", "exists");
        String table = qualifiedName();
        List<Column> columns = new ArrayList<>();
        List<String> primaryKey = new ArrayList<>();
        if (!acceptSymbol("(")) {
            skipRest(); // AS query, PARTITION OF, OF type: no column definitions to check
            return new SqlStatement.CreateTable(table, columns, primaryKey);
        }
        if (!peekSymbol(")")) {
            do {
                if (peekAnyWord("constraint", "primary", "unique", "check", "foreign", "exclude", "like")) {
                    if (acceptWord("constraint")) {
                        name();
                    }
                    if (acceptWord("primary")) {
                        expectWord("key");
                        primaryKey.addAll(nameGroup());
                    }
                    skipElement();
                } else {
                    Column column = column();
                    columns.add(column);
                    if (column.primaryKey()) {
                        primaryKey.add(column.name());
                    }
                }
            } while (acceptSymbol(","));
        }
        expectSymbol(")");
        skipRest();
        return new SqlStatement.CreateTable(table, columns, primaryKey);
    }

    private SqlStatement alterTable() throws ParseException {
        acceptWords("if", "exists");
        acceptWord("only");
        String table = qualifiedName();
        acceptSymbol("*");
        List<Action> actions = new ArrayList<>();
        do {
            actions.add(action());
        } while (acceptSymbol(","));
        return new SqlStatement.AlterTable(table, actions);
    }

    private Action action() throws ParseException {
        if (acceptWord("add")) {
            if (peekAnyWord("constraint", "check", "foreign", "unique", "primary", "exclude")) {
                return addConstraint();
            }
            acceptWord("column");
            acceptWords("if", "not", "exists");
            Column column = column();
            return new SqlStatement.AddColumn(column);
        }
        if (acceptWord("drop")) {
            if (acceptWord("constraint")) {
                skipElement();
                return new SqlStatement.OtherAction();
            }
            acceptWord("column");
            acceptWords("if", "exists");
            String column = name();
            skipElement();
            return new SqlStatement.DropColumn(column);
        }
        if (acceptWord("alter")) {
            if (peekWord("constraint")) {
                skipElement();
                return new SqlStatement.OtherAction();
            }
            acceptWord("column");
            String column = name();
            if (acceptWords("set", "data", "type") || acceptWord("type")) {
                SqlType type = type();
                if (acceptWord("collate")) {
                    qualifiedName();
                }
                boolean using = acceptWord("using");
                skipElement();
                return new SqlStatement.AlterColumnType(column, type, using);
            }
            if (acceptWords("set", "not", "null")) {
                return new SqlStatement.SetNotNull(column);
            }
            skipElement();
            return new SqlStatement.OtherAction();
        }
        if (acceptWord("validate")) {
            expectWord("constraint");
            return new SqlStatement.ValidateConstraint(name());
        }
        if (acceptWord("rename")) {
            if (acceptWord("to")) {
                return new SqlStatement.RenameTable(qualifiedName());
            }
            if (acceptWord("constraint")) {
                skipElement();
                return new SqlStatement.OtherAction();
            }
            acceptWord("column");
            String from = name();
            expectWord("to");
            return new SqlStatement.RenameColumn(from, name());
        }
        if (at < tokens.size() && OTHER_ACTIONS.contains(tokens.get(at).text())) {
            skipElement(); // SET (…), OWNER TO, ENABLE TRIGGER, ATTACH PARTITION, …
            return new SqlStatement.OtherAction();
        }
        throw unexpected("an ALTER TABLE action");
    }

    private Action addConstraint() throws ParseException {
        String name = null;
        if (acceptWord("constraint")) {
            name = name();
        }
        String kind;
        String notNullColumn = null;
        boolean usingIndex = false;
        if (acceptWord("check")) {
            kind = "check";
            notNullColumn = isNotNullCheck();
        } else if (acceptWords("foreign", "key")) {
            kind = "foreign key";
        } else if (acceptWord("unique")) {
            kind = "unique";
            usingIndex = acceptWords("using", "index");
        } else if (acceptWords("primary", "key")) {
            kind = "primary key";
            usingIndex = acceptWords("using", "index");
        } else if (acceptWord("exclude")) {
            kind = "exclude";
        } else {
            throw unexpected("CHECK, FOREIGN KEY, UNIQUE, PRIMARY KEY or EXCLUDE");
        }
        boolean notValid = false;
        int depth = 0;
        while (at < tokens.size()) {
            SqlToken token = tokens.get(at);
            if (depth == 0 && token.isSymbol(",")) {
                break;
            }
            depth += token.isSymbol("(") ? 1 : token.isSymbol(")") ? -1 : 0;
            if (depth == 0 && token.isWord("not") && peekWordAt(at + 1, "valid")) {
                notValid = true;
            }
            at++;
        }
        return new SqlStatement.AddConstraint(name, kind, notValid, usingIndex, notNullColumn);
    }

    /** After CHECK: reads {@code (col IS NOT NULL)}, returning the column, or any other condition. */
    private String isNotNullCheck() throws ParseException {
        int start = at;
        if (acceptSymbol("(")) {
            acceptSymbol("(");
            if (at < tokens.size() && tokens.get(at).isName()) {
                String column = name();
                acceptSymbol(")");
                if (acceptWords("is", "not", "null") && acceptSymbol(")")) {
                    acceptSymbol(")");
                    return column;
                }
            }
        }
        at = start;
        return null;
    }

    private Column column() throws ParseException {
        String name = name();
        SqlType type = type();
        boolean notNull = false;
        boolean primaryKey = false;
        List<SqlToken> defaultExpression = List.of();
        String references = null;
        boolean generated = false;
        while (at < tokens.size() && !peekSymbol(",") && !peekSymbol(")")) {
            if (acceptWord("constraint")) {
                name();
            } else if (acceptWords("not", "null")) {
                notNull = true;
            } else if (acceptWord("null")) {
                notNull = false;
            } else if (acceptWord("default")) {
                int start = at;
                skipUntilColumnConstraint();
                defaultExpression = tokens.subList(start, at);
            } else if (acceptWords("primary", "key")) {
                primaryKey = true;
                notNull = true;
            } else if (acceptWord("unique")) {
                acceptWords("nulls", "not", "distinct");
                acceptWords("nulls", "distinct");
            } else if (acceptWord("check")) {
                skipGroup();
                acceptWords("no", "inherit");
            } else if (acceptWord("references")) {
                references = qualifiedName();
                skipUntilColumnConstraint();
            } else if (acceptWord("generated")) {
                generated = true;
                skipUntilColumnConstraint();
            } else if (acceptWord("collate")) {
                qualifiedName();
            } else if (peekAnyWord("deferrable", "initially", "not", "using", "compression", "storage")) {
                at++;
                skipUntilColumnConstraint();
            } else {
                throw unexpected("a column constraint");
            }
        }
        return new Column(name, type, notNull, primaryKey, defaultExpression, references, generated);
    }

    private SqlType type() throws ParseException {
        List<String> words = new ArrayList<>();
        words.add(qualifiedName());
        while (at < tokens.size()
                && tokens.get(at).kind() == SqlToken.Kind.WORD
                && !COLUMN_CONSTRAINT_START.contains(tokens.get(at).text())) {
            words.add(tokens.get(at++).text());
        }
        List<String> arguments = new ArrayList<>();
        if (acceptSymbol("(")) {
            while (!acceptSymbol(")")) {
                if (at >= tokens.size()) {
                    throw unexpected(")");
                }
                SqlToken token = tokens.get(at++);
                if (!token.isSymbol(",")) {
                    arguments.add(token.text());
                }
            }
            while (at < tokens.size()
                    && tokens.get(at).kind() == SqlToken.Kind.WORD
                    && !COLUMN_CONSTRAINT_START.contains(tokens.get(at).text())) {
                words.add(tokens.get(at++).text()); // timestamp(3) with time zone
            }
        }
        boolean array = false;
        while (acceptSymbol("[")) {
            while (at < tokens.size() && !acceptSymbol("]")) {
                at++;
            }
            array = true;
        }
        if (acceptWord("array")) {
            array = true;
        }
        return new SqlType(canonicalType(String.join(" ", words)), List.copyOf(arguments), array);
    }

    private static String canonicalType(String written) {
        String name = written.substring(written.lastIndexOf('.') + 1);
        return switch (name) {
            case "character varying", "varchar" -> "varchar";
            case "character", "char", "bpchar" -> "char";
            case "timestamp", "timestamp without time zone" -> "timestamp";
            case "timestamp with time zone", "timestamptz" -> "timestamptz";
            case "time", "time without time zone" -> "time";
            case "int", "integer", "int4" -> "integer";
            case "bigint", "int8" -> "bigint";
            case "smallint", "int2" -> "smallint";
            case "serial", "serial4" -> "serial";
            case "bigserial", "serial8" -> "bigserial";
            case "smallserial", "serial2" -> "smallserial";
            case "decimal", "numeric" -> "numeric";
            default -> name;
        };
    }

    private void skipCommonTableExpressions() throws ParseException {
        acceptWord("recursive");
        do {
            name();
            if (peekSymbol("(")) {
                skipGroup();
            }
            expectWord("as");
            acceptWord("not");
            acceptWord("materialized");
            skipGroup();
        } while (acceptSymbol(","));
    }

    /** Whether {@code word} comes at parenthesis depth 0 in the rest of the statement; consumes it. */
    private boolean topLevelWord(String word) {
        int depth = 0;
        boolean found = false;
        while (at < tokens.size()) {
            SqlToken token = tokens.get(at++);
            depth += token.isSymbol("(") ? 1 : token.isSymbol(")") ? -1 : 0;
            found |= depth == 0 && token.isWord(word);
        }
        return found;
    }

    private void skipUntilColumnConstraint() {
        int depth = 0;
        while (at < tokens.size()) {
            SqlToken token = tokens.get(at);
            if (depth == 0
                    && (token.isSymbol(",")
                            || token.isSymbol(")")
                            || (token.kind() == SqlToken.Kind.WORD
                                    && COLUMN_CONSTRAINT_START.contains(token.text())
                                    && !token.isWord("null")
                                    && !isNotNullAfterExpression(token)))) {
                return;
            }
            depth += token.isSymbol("(") ? 1 : token.isSymbol(")") ? -1 : 0;
            at++;
        }
    }

    /** {@code NOT} inside an expression ({@code DEFAULT NOT true}) rather than {@code NOT NULL}. */
    private boolean isNotNullAfterExpression(SqlToken token) {
        return token.isWord("not") && !peekWordAt(at + 1, "null") && !peekWordAt(at + 1, "deferrable");
    }

    /** Skips to the next comma at depth 0, or to the closing parenthesis of the enclosing group. */
    private void skipElement() {
        int depth = 0;
        while (at < tokens.size()) {
            SqlToken token = tokens.get(at);
            if (depth == 0 && (token.isSymbol(",") || token.isSymbol(")"))) {
                return;
            }
            depth += token.isSymbol("(") ? 1 : token.isSymbol(")") ? -1 : 0;
            at++;
        }
    }

    private void skipGroup() throws ParseException {
        expectSymbol("(");
        int depth = 1;
        while (depth > 0) {
            if (at >= tokens.size()) {
                throw unexpected(")");
            }
            SqlToken token = tokens.get(at++);
            depth += token.isSymbol("(") ? 1 : token.isSymbol(")") ? -1 : 0;
        }
    }

    private void skipRest() {
        at = tokens.size();
    }

    private List<String> nameGroup() throws ParseException {
        expectSymbol("(");
        List<String> names = new ArrayList<>();
        do {
            names.add(name());
        } while (acceptSymbol(","));
        expectSymbol(")");
        return names;
    }

    private List<String> nameList() throws ParseException {
        List<String> names = new ArrayList<>();
        do {
            names.add(qualifiedName());
        } while (acceptSymbol(","));
        acceptAnyWord("cascade", "restrict");
        return names;
    }

    /** A possibly schema-qualified name, as {@code schema.name}. */
    private String qualifiedName() throws ParseException {
        StringBuilder name = new StringBuilder(name());
        while (acceptSymbol(".")) {
            name.append('.').append(name());
        }
        return name.toString();
    }

    private String name() throws ParseException {
        if (at < tokens.size() && tokens.get(at).isName()) {
            return tokens.get(at++).text();
        }
        throw unexpected("a name");
    }

    private boolean peekWord(String word) {
        return peekWordAt(at, word);
    }

    private boolean peekWordAt(int index, String word) {
        return index < tokens.size() && tokens.get(index).isWord(word);
    }

    private boolean peekAnyWord(String... words) {
        for (String word : words) {
            if (peekWord(word)) {
                return true;
            }
        }
        return false;
    }

    private boolean peekSymbol(String symbol) {
        return at < tokens.size() && tokens.get(at).isSymbol(symbol);
    }

    private boolean acceptWord(String word) {
        if (peekWord(word)) {
            at++;
            return true;
        }
        return false;
    }

    /** Accepts the whole sequence of words or none of it. */
    private boolean acceptWords(String... words) {
        for (int i = 0; i < words.length; i++) {
            if (!peekWordAt(at + i, words[i])) {
                return false;
            }
        }
        at += words.length;
        return true;
    }

    private void acceptAnyWord(String... words) {
        for (String word : words) {
            if (acceptWord(word)) {
                return;
            }
        }
    }

    private boolean acceptSymbol(String symbol) {
        if (peekSymbol(symbol)) {
            at++;
            return true;
        }
        return false;
    }

    private void expectWord(String word) throws ParseException {
        if (!acceptWord(word)) {
            throw unexpected(word.toUpperCase(java.util.Locale.ROOT));
        }
    }

    private void expectSymbol(String symbol) throws ParseException {
        if (!acceptSymbol(symbol)) {
            throw unexpected("'" + symbol + "'");
        }
    }

    private ParseException unexpected(String expected) {
        String found = at < tokens.size() ? "'" + tokens.get(at).text() + "'" : "the end of the statement";
        return new ParseException("expected " + expected + " but found " + found);
    }
}
