package dev.tidemark.internal.execution;

import dev.tidemark.ErrorCode;
import dev.tidemark.MigrationDescriptor;
import dev.tidemark.MigrationFailedException;
import dev.tidemark.MigrationVersion;
import dev.tidemark.internal.jdbc.ServerError;
import dev.tidemark.internal.sql.ScriptException;
import dev.tidemark.internal.sql.StatementPosition;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * Writes the message of a failed migration: what failed (migration, class, statement, SQLSTATE,
 * PostgreSQL's message, position as line and column of the statement), the state the database is
 * in now, and what to do, on its own line.
 */
final class FailureReport {

    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final String QUERY_CANCELED = "57014";

    private final String historyName;
    private final Duration lockTimeout;
    private final Duration statementTimeout;

    FailureReport(String historyName, Duration lockTimeout, Duration statementTimeout) {
        this.historyName = historyName;
        this.lockTimeout = lockTimeout;
        this.statementTimeout = statementTimeout;
    }

    /** A transactional migration failed and was rolled back. */
    MigrationFailedException rolledBack(
            MigrationDescriptor migration, String statement, Throwable failure, MigrationVersion current) {
        String sqlState = failure instanceof SQLException e ? e.getSQLState() : null;
        boolean lockTimedOut = LOCK_NOT_AVAILABLE.equals(sqlState);
        StringBuilder message = new StringBuilder();
        message.append("Migration ").append(name(migration)).append(" failed and was rolled back");
        if (lockTimedOut) {
            message.append(": a statement waited longer than lock_timeout (")
                    .append(lockTimeout.toMillis())
                    .append(" ms) for a lock held by another session");
        }
        message.append(".\n");
        describeFailure(message, statement, failure);
        message.append(state(migration, current)).append('\n');
        if (lockTimedOut) {
            message.append("Another session holds a lock on a table this statement needs (look for it in pg_locks"
                    + " and pg_stat_activity). Retry when the table is less busy (off-peak), or raise"
                    + " schema.lockTimeout.");
        } else if (QUERY_CANCELED.equals(sqlState) && !statementTimeout.isZero()) {
            message.append("The statement ran longer than schema.statementTimeout (")
                    .append(statementTimeout.toMillis())
                    .append(" ms): raise it, or make the statement cheaper, then run migrate again.");
        } else {
            message.append("Fix migration ")
                    .append(migration.version())
                    .append(" (or the database it expects), then run migrate again.");
        }
        return exception(
                lockTimedOut ? ErrorCode.LOCK_TIMEOUT_EXCEEDED : ErrorCode.MIGRATION_FAILED,
                message,
                migration,
                statement,
                failure,
                current);
    }

    /** A non-transactional migration failed part way; a failed row was recorded. */
    MigrationFailedException partlyApplied(
            MigrationDescriptor migration,
            String statement,
            List<String> executed,
            Throwable failure,
            MigrationVersion current,
            boolean recorded) {
        String sqlState = failure instanceof SQLException e ? e.getSQLState() : null;
        StringBuilder message = new StringBuilder();
        message.append("Migration ").append(name(migration)).append(", which runs outside a transaction, failed.\n");
        describeFailure(message, statement, failure);
        message.append("The database may be partly changed by migration ").append(migration.version());
        if (executed.isEmpty()) {
            message.append(": none of its statements had completed.\n");
        } else {
            message.append(": these of its statements ran and stay applied:\n");
            for (int i = 0; i < executed.size(); i++) {
                message.append("  ")
                        .append(i + 1)
                        .append(". ")
                        .append(oneLine(executed.get(i)))
                        .append('\n');
            }
        }
        if (recorded) {
            message.append("A failed row for version ")
                    .append(migration.version())
                    .append(" is recorded in ")
                    .append(historyName)
                    .append("; migrate refuses to run until it is cleared. The last fully applied version is ")
                    .append(current == null ? "none" : current)
                    .append(".\n");
        } else {
            message.append("Recording the failure in ")
                    .append(historyName)
                    .append(" failed too, so the history does not show it.\n");
        }
        message.append("Check what migration ")
                .append(migration.version())
                .append(" left behind and finish or undo it by hand, then run mvn schema:repair and migrate"
                        + " again.");
        return exception(ErrorCode.NON_TRANSACTIONAL_MIGRATION_FAILED, message, migration, statement, failure, current);
    }

    private static MigrationFailedException exception(
            ErrorCode code,
            StringBuilder message,
            MigrationDescriptor migration,
            String statement,
            Throwable failure,
            MigrationVersion current) {
        String sqlState = failure instanceof SQLException e ? e.getSQLState() : null;
        return new MigrationFailedException(code, message.toString(), migration, statement, sqlState, current, failure);
    }

    private static void describeFailure(StringBuilder message, String statement, Throwable failure) {
        if (failure instanceof ScriptException script) {
            message.append("The script was refused before it ran: ")
                    .append(script.getMessage())
                    .append(".\n");
            if (statement != null) {
                message.append("Refused:\n").append(indent(statement)).append('\n');
            }
            return;
        }
        if (failure instanceof SQLException e) {
            ServerError error = ServerError.of(e);
            StatementPosition position = StatementPosition.of(statement, error.position());
            if (statement != null) {
                message.append("Statement")
                        .append(position == null ? "" : " (error at " + position + ")")
                        .append(":\n")
                        .append(indent(statement))
                        .append('\n');
            }
            message.append("PostgreSQL: ").append(error.describe()).append('\n');
            return;
        }
        message.append("The migration's Java code threw ")
                .append(failure.getClass().getName())
                .append(failure.getMessage() == null ? "" : ": " + failure.getMessage());
        if (statement != null) {
            message.append(" while running:\n").append(indent(statement));
        }
        message.append('\n');
    }

    private String state(MigrationDescriptor migration, MigrationVersion current) {
        return (current == null
                        ? "The database has no migration applied"
                        : "The database is unchanged at version " + current)
                + ": nothing of migration " + migration.version() + " remains.";
    }

    static String name(MigrationDescriptor migration) {
        return migration.version() + " '" + migration.description() + "' (" + migration.className() + ")";
    }

    private static String indent(String statement) {
        return "    " + statement.strip().replace("\n", "\n    ");
    }

    private static String oneLine(String statement) {
        String line = statement.strip().replaceAll("\\s+", " ");
        return line.length() > 200 ? line.substring(0, 200) + " …" : line;
    }
}
