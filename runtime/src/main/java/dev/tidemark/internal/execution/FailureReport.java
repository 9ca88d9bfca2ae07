package dev.tidemark.internal.execution;

import dev.tidemark.ErrorCode;
import dev.tidemark.MigrationDescriptor;
import dev.tidemark.MigrationFailedException;
import dev.tidemark.MigrationVersion;
import dev.tidemark.internal.history.StoppedRun;
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

    /** The start of the hint for a statement that could not get a lock. */
    static final String LOCK_HELD = "Another session holds a lock on a table this statement needs (look for it in"
            + " pg_locks and pg_stat_activity). ";

    /**
     * {@code <what> failed and was rolled back}, why when a lock timed out, then the failure;
     * returns whether a lock timed out.
     */
    private boolean rolledBackHeadline(StringBuilder message, String what, String statement, Throwable failure) {
        boolean lockTimedOut = failure instanceof SQLException e && LOCK_NOT_AVAILABLE.equals(e.getSQLState());
        message.append(what).append(" failed and was rolled back");
        if (lockTimedOut) {
            message.append(": a statement waited longer than lock_timeout (")
                    .append(lockTimeout.toMillis())
                    .append(" ms) for a lock held by another session");
        }
        message.append(".\n");
        describeFailure(message, statement, failure);
        return lockTimedOut;
    }

    /** A transactional migration failed and was rolled back. */
    MigrationFailedException rolledBack(
            MigrationDescriptor migration, String statement, Throwable failure, MigrationVersion current) {
        String sqlState = failure instanceof SQLException e ? e.getSQLState() : null;
        StringBuilder message = new StringBuilder();
        boolean lockTimedOut = rolledBackHeadline(message, "Migration " + name(migration), statement, failure);
        message.append(state(migration, current)).append('\n');
        if (lockTimedOut) {
            message.append(LOCK_HELD)
                    .append("Retry when the table is less busy (off-peak), or raise schema.lockTimeout.");
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

    /**
     * The {@code down} of a transactional migration failed and was rolled back with its history
     * row; {@code undoneBefore} were reverted earlier in the run and stay reverted.
     */
    MigrationFailedException undoRolledBack(
            MigrationDescriptor migration,
            String statement,
            Throwable failure,
            MigrationVersion current,
            List<MigrationVersion> undoneBefore) {
        StringBuilder message = new StringBuilder();
        boolean lockTimedOut = rolledBackHeadline(message, "Undo of migration " + name(migration), statement, failure);
        message.append("The database is at version ")
                .append(current == null ? "none" : current)
                .append(": nothing of this undo remains, and migration ")
                .append(migration.version())
                .append(" is still applied");
        if (!undoneBefore.isEmpty()) {
            message.append("; ")
                    .append(undoneBefore.size() == 1 ? "migration " : "migrations ")
                    .append(join(undoneBefore))
                    .append(undoneBefore.size() == 1 ? " was" : " were")
                    .append(" undone before it and ")
                    .append(undoneBefore.size() == 1 ? "stays" : "stay")
                    .append(" undone");
        }
        message.append(".\n");
        if (lockTimedOut) {
            message.append(LOCK_HELD).append("Retry when the table is less busy, or raise schema.lockTimeout.");
        } else {
            message.append("Fix the down() of migration ")
                    .append(migration.version())
                    .append(" (or the data it expects), then run undo again.");
        }
        return exception(ErrorCode.UNDO_FAILED, message, migration, statement, failure, current);
    }

    /** The {@code down} of a non-transactional migration failed part way; a failed undo row was recorded. */
    MigrationFailedException undoPartlyApplied(
            MigrationDescriptor migration,
            String statement,
            List<String> executed,
            Throwable failure,
            MigrationVersion current,
            boolean recorded) {
        StringBuilder message = new StringBuilder();
        message.append("Undo of migration ")
                .append(name(migration))
                .append(", whose down() runs outside a transaction, failed.\n");
        describeFailure(message, statement, failure);
        message.append("The database may be partly reverted: ");
        listExecuted(message, executed);
        recordedFailure(
                message,
                recorded,
                "A failed undo row for version " + migration.version(),
                "; migrate and undo refuse to run until it is cleared. Otherwise the database is at version ",
                current);
        message.append("Finish or reverse by hand what the down() of migration ")
                .append(migration.version())
                .append(" did, then run mvn schema:repair (which leaves the migration applied).");
        return exception(ErrorCode.NON_TRANSACTIONAL_UNDO_FAILED, message, migration, statement, failure, current);
    }

    /** Says that the failure is recorded and what that means, or that recording it failed as well. */
    private void recordedFailure(
            StringBuilder message, boolean recorded, String row, String consequence, MigrationVersion current) {
        if (recorded) {
            message.append(row)
                    .append(" is recorded in ")
                    .append(historyName)
                    .append(consequence)
                    .append(current == null ? "none" : current)
                    .append(".\n");
        } else {
            message.append("Recording the failure in ")
                    .append(historyName)
                    .append(" failed too, so the history does not show it.\n");
        }
    }

    private static String join(List<MigrationVersion> versions) {
        StringBuilder text = new StringBuilder();
        for (MigrationVersion version : versions) {
            text.append(text.length() == 0 ? "" : ", ").append(version);
        }
        return text.toString();
    }

    private static void listExecuted(StringBuilder message, List<String> executed) {
        if (executed.isEmpty()) {
            message.append("none of its statements had completed.\n");
            return;
        }
        message.append("these of its statements ran and stay applied:\n");
        for (int i = 0; i < executed.size(); i++) {
            message.append("  ")
                    .append(i + 1)
                    .append(". ")
                    .append(oneLine(executed.get(i)))
                    .append('\n');
        }
    }

    /**
     * A non-transactional migration failed part way; {@code recorded} is the sentence saying what its
     * history row records now.
     */
    MigrationFailedException partlyApplied(
            MigrationDescriptor migration,
            String statement,
            List<String> executed,
            Throwable failure,
            MigrationVersion current,
            String recorded) {
        StringBuilder message = new StringBuilder();
        message.append("Migration ").append(name(migration)).append(", which runs outside a transaction, failed.\n");
        describeFailure(message, statement, failure);
        message.append("The database may be partly changed by migration ")
                .append(migration.version())
                .append(": ");
        listExecuted(message, executed);
        message.append(recorded)
                .append(" The last fully applied version is ")
                .append(current == null ? "none" : current)
                .append(".\n")
                .append(StoppedRun.remedy(migration.version(), executed.size()));
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

    static void describeFailure(StringBuilder message, String statement, Throwable failure) {
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

    static String oneLine(String statement) {
        String line = statement.strip().replaceAll("\\s+", " ");
        return line.length() > 200 ? line.substring(0, 200) + " …" : line;
    }
}
