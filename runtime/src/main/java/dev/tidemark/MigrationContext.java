package dev.tidemark;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * What a running migration sees: its connection, helpers to run SQL, the target schema and its
 * own metadata. Every statement run through this context is recorded, so that an error or a
 * dry run can show the exact SQL.
 *
 * <p>For a transactional migration the connection is already inside the migration's
 * transaction: do not commit, roll back or change auto-commit.
 *
 * <p>For a non-transactional migration, statements are numbered in the order they are sent through
 * {@link #execute} (each statement of a script), {@link #update} and {@link #query}, and its history
 * row records, before each one, how many completed. When a stopped run is resumed ({@link
 * Configuration#resume}), {@code up} is called again and the first statements, as many as had
 * completed, are not sent again: each is checked to be the same statement, {@code execute} skips
 * it, {@code update} returns 0 for it, and {@code query} runs it anyway (a read changes nothing).
 * Statements sent through {@link #connection()} directly are neither numbered nor skipped.
 */
public interface MigrationContext {

    /**
     * The JDBC connection the migration runs on. In a transactional migration, {@code commit()},
     * {@code rollback()} (other than to a savepoint) and {@code setAutoCommit(…)} throw an {@link
     * IllegalStateException}, since the migration's changes are committed together with its
     * history row; {@code close()} always does.
     */
    Connection connection();

    /**
     * Runs a SQL script: one statement or many. The script is split on PostgreSQL's own rules
     * (quotes, quoted identifiers, {@code $tag$} dollar quotes, comments, {@code BEGIN ATOMIC}
     * bodies) and each statement is sent on its own, so a failure names the exact statement.
     */
    void execute(String sql) throws SQLException;

    /**
     * Runs one parameterised statement ({@code ?} placeholders) and returns the update count.
     */
    int update(String sql, Object... parameters) throws SQLException;

    /** Runs one parameterised query and maps each row. */
    <T> List<T> query(String sql, RowMapper<T> mapper, Object... parameters) throws SQLException;

    /** Runs one parameterised query that returns at most one row, and maps it. */
    default <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... parameters) throws SQLException {
        List<T> rows = query(sql, mapper, parameters);
        if (rows.size() > 1) {
            throw new SQLException("expected at most one row but got " + rows.size() + " from: " + sql);
        }
        return rows.stream().findFirst();
    }

    /** The schema migrations apply to, unquoted (as configured). */
    String schema();

    /** The migration being run. */
    MigrationDescriptor migration();

    /** Maps one row of a result set. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }
}
