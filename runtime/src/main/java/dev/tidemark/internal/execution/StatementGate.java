package dev.tidemark.internal.execution;

import java.sql.SQLException;

/**
 * Asked by a {@link RecordingContext} before each statement it runs: whether the statement runs,
 * or was completed by an earlier run and is skipped. Statements are numbered from 1 in the order
 * the migration sends them through its context; when the gate is asked about statement {@code n},
 * statements 1 to {@code n - 1} have completed.
 */
@FunctionalInterface
interface StatementGate {

    /** Runs every statement. */
    StatementGate ALL = (number, statement, more) -> true;

    /**
     * @param number the statement's number
     * @param statement its text
     * @param more how many statements of the same script follow it
     * @return false to skip it
     */
    boolean runs(int number, String statement, int more) throws SQLException;
}
