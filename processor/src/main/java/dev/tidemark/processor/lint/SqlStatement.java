package dev.tidemark.processor.lint;

import java.util.List;

/**
 * What {@link SqlParser} understood of one statement: the statement kinds and clauses the lint
 * rules look at, and {@link Other} for a statement of a kind no rule concerns.
 */
sealed interface SqlStatement {

    /** A column's declared type, its name canonical ({@code varchar}, {@code timestamptz}, …). */
    record SqlType(String name, List<String> arguments, boolean array) {

        boolean isOneOf(String... names) {
            return !array && List.of(names).contains(name);
        }
    }

    /**
     * A column definition with the parts of its constraints the rules use.
     *
     * @param defaultExpression the tokens of {@code DEFAULT …}, empty when there is none
     * @param references the table of an inline {@code REFERENCES}, or null
     * @param generated {@code GENERATED … AS IDENTITY} or {@code GENERATED ALWAYS AS (…) STORED}
     */
    record Column(
            String name,
            SqlType type,
            boolean notNull,
            boolean primaryKey,
            List<SqlToken> defaultExpression,
            String references,
            boolean generated) {}

    record CreateTable(String table, List<Column> columns, List<String> primaryKey) implements SqlStatement {}

    record CreateIndex(String table, String name, boolean concurrently) implements SqlStatement {}

    record DropIndex(List<String> names, boolean concurrently) implements SqlStatement {}

    record DropTable(List<String> tables) implements SqlStatement {}

    record AlterTable(String table, List<Action> actions) implements SqlStatement {}

    /** {@code UPDATE} or {@code DELETE}. */
    record DataChange(String verb, String table, boolean hasWhere) implements SqlStatement {}

    /** {@code INSERT … SELECT}: as large as the query. */
    record InsertSelect(String table) implements SqlStatement {}

    /** {@code DO}: its body runs now and is not looked into. */
    record DoBlock() implements SqlStatement {}

    /**
     * A statement of a kind no rule looks at, such as {@code CREATE FUNCTION} or {@code GRANT}.
     *
     * @param concurrently whether it is {@code REINDEX … CONCURRENTLY}
     */
    record Other(String kind, boolean concurrently) implements SqlStatement {}

    /** One action of {@code ALTER TABLE}. */
    sealed interface Action {}

    record AddColumn(Column column) implements Action {}

    record DropColumn(String column) implements Action {}

    record AlterColumnType(String column, SqlType type, boolean using) implements Action {}

    record SetNotNull(String column) implements Action {}

    /**
     * {@code ADD [CONSTRAINT name] …}.
     *
     * @param kind {@code check}, {@code foreign key}, {@code unique}, {@code primary key} or {@code
     *     exclude}
     * @param usingIndex whether it is {@code … USING INDEX name}, adopting an index built before
     * @param notNullColumn for {@code CHECK (col IS NOT NULL)}, the column, else null
     */
    record AddConstraint(String name, String kind, boolean notValid, boolean usingIndex, String notNullColumn)
            implements Action {}

    record ValidateConstraint(String name) implements Action {}

    record RenameColumn(String from, String to) implements Action {}

    record RenameTable(String to) implements Action {}

    /** An action no rule looks at ({@code SET DEFAULT}, {@code OWNER TO}, …). */
    record OtherAction() implements Action {}
}
