package dev.tidemark.internal.execution;

import dev.tidemark.Action;
import dev.tidemark.ErrorCode;
import dev.tidemark.MigrationDescriptor;
import dev.tidemark.MigrationFailedException;
import dev.tidemark.MigrationVersion;
import dev.tidemark.Phrase;
import dev.tidemark.Setting;
import dev.tidemark.internal.history.StoppedRun;
import dev.tidemark.internal.jdbc.ConnectionFault;
import dev.tidemark.internal.jdbc.ServerError;
import dev.tidemark.spi.sql.ScriptException;
import dev.tidemark.spi.sql.SqlFileException;
import dev.tidemark.spi.sql.StatementPosition;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * Writes the message of a failed migration: what failed (migration, class, statement, SQLSTATE,
 * PostgreSQL's message, position as line and column of the statement), the state the database is
 * in now, and what to do, on its own line. The state is what {@link ReadBack} read, never assumed.
 */
public final class FailureReport {

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

    /** A transactional migration failed and was rolled back; {@code state} was read back after the rollback. */
    MigrationFailedException rolledBack(
            MigrationDescriptor migration,
            String statement,
            Throwable failure,
            MigrationVersion current,
            ReadBack.State state) {
        String sqlState = failure instanceof SQLException e ? e.getSQLState() : null;
        StringBuilder message = new StringBuilder();
        boolean lockTimedOut = rolledBackHeadline(message, "Migration " + name(migration), statement, failure);
        int stateStart = message.length();
        message.append(state(migration, current, state));
        Phrase.Builder remedy = Phrase.builder();
        if (!state.read()) {
            remedy.append(runInfo());
        } else if (lockTimedOut) {
            remedy.append(LOCK_HELD)
                    .append("Retry when the table is less busy (off-peak), or raise ")
                    .setting(Setting.LOCK_TIMEOUT)
                    .append(".");
        } else if (QUERY_CANCELED.equals(sqlState) && !statementTimeout.isZero()) {
            remedy.append("The statement ran longer than ")
                    .setting(Setting.STATEMENT_TIMEOUT)
                    .append(" (")
                    .append(statementTimeout.toMillis())
                    .append(" ms): raise it, or make the statement cheaper, then run ")
                    .action(Action.MIGRATE)
                    .append(" again.");
        } else {
            remedy.append("Fix migration ")
                    .append(migration.version())
                    .append(" (or the database it expects), then run ")
                    .action(Action.MIGRATE)
                    .append(" again.");
        }
        return exception(
                lockTimedOut ? ErrorCode.LOCK_TIMEOUT_EXCEEDED : ErrorCode.MIGRATION_FAILED,
                message,
                stateStart,
                remedy.build(),
                migration,
                statement,
                failure,
                state.read() ? state.current() : current);
    }

    /** The advice when the state of the database could not be read back. */
    private static Phrase runInfo() {
        return Phrase.builder()
                .append("Run ")
                .action(Action.INFO)
                .append(" (or ")
                .action(Action.VALIDATE)
                .append(") to see the version the database is at, then fix what failed and run the command again.")
                .build();
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
            List<MigrationVersion> undoneBefore,
            ReadBack.State state) {
        StringBuilder message = new StringBuilder();
        boolean lockTimedOut = rolledBackHeadline(message, "Undo of migration " + name(migration), statement, failure);
        int stateStart = message.length();
        if (!state.read()) {
            message.append(notReadBack(state));
            return exception(
                    ErrorCode.UNDO_FAILED, message, stateStart, runInfo(), migration, statement, failure, current);
        }
        current = state.current();
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
        message.append(".");
        Phrase.Builder remedy = Phrase.builder();
        if (lockTimedOut) {
            remedy.append(LOCK_HELD)
                    .append("Retry when the table is less busy, or raise ")
                    .setting(Setting.LOCK_TIMEOUT)
                    .append(".");
        } else {
            remedy.append("Fix the down() of migration ")
                    .append(migration.version())
                    .append(" (or the data it expects), then run ")
                    .action(Action.UNDO)
                    .append(" again.");
        }
        return exception(
                ErrorCode.UNDO_FAILED, message, stateStart, remedy.build(), migration, statement, failure, current);
    }

    /** The {@code down} of a non-transactional migration failed part way; a failed undo row was recorded. */
    MigrationFailedException undoPartlyApplied(
            MigrationDescriptor migration,
            String statement,
            List<String> executed,
            Throwable failure,
            MigrationVersion current,
            boolean recorded,
            List<InvalidIndexes.Index> invalid) {
        StringBuilder message = new StringBuilder();
        message.append("Undo of migration ")
                .append(name(migration))
                .append(", whose down() runs outside a transaction, failed.\n");
        describeFailure(message, statement, failure);
        int stateStart = message.length();
        message.append("The database may be partly reverted: ");
        listExecuted(message, executed);
        message.append(InvalidIndexes.describe(invalid));
        recordedFailure(
                message,
                recorded,
                "A failed undo row for version " + migration.version(),
                "; migrate and undo refuse to run until it is cleared. Otherwise the database is at version ",
                current);
        Phrase remedy = Phrase.builder()
                .append("Finish or reverse by hand what the down() of migration ")
                .append(migration.version())
                .append(" did, then run ")
                .action(Action.REPAIR)
                .append(" (which leaves the migration applied).")
                .build();
        return exception(
                ErrorCode.NON_TRANSACTIONAL_UNDO_FAILED,
                message,
                stateStart,
                remedy,
                migration,
                statement,
                failure,
                current);
    }

    /** Says that a failed row for {@code migration} is recorded and what that means, or that recording it failed. */
    private void failedRowRecorded(
            StringBuilder message, boolean recorded, MigrationDescriptor migration, MigrationVersion current) {
        recordedFailure(
                message,
                recorded,
                "A failed row for version " + migration.version(),
                "; migrate refuses to run until it is cleared. The last fully applied version is ",
                current);
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

    static String join(List<MigrationVersion> versions) {
        StringBuilder text = new StringBuilder();
        for (MigrationVersion version : versions) {
            text.append(text.length() == 0 ? "" : ", ").append(version);
        }
        return text.toString();
    }

    static void listExecuted(StringBuilder message, List<String> executed) {
        if (executed.isEmpty()) {
            message.append("none of its statements had completed.\n");
            return;
        }
        message.append("these of its statements ran and stay applied:\n");
        numbered(message, executed);
    }

    /** One line per statement: {@code   1. CREATE TABLE …}. */
    private static void numbered(StringBuilder message, List<String> statements) {
        for (int i = 0; i < statements.size(); i++) {
            message.append("  ")
                    .append(i + 1)
                    .append(". ")
                    .append(oneLine(statements.get(i)))
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
            String recorded,
            List<InvalidIndexes.Index> invalid) {
        StringBuilder message = new StringBuilder();
        ConnectionFault fault = ConnectionFault.of(failure);
        message.append("Migration ").append(name(migration)).append(", which runs outside a transaction, ");
        if (fault == null) {
            message.append("failed.\n");
            describeFailure(message, statement, failure);
        } else {
            message.append("did not finish: ").append(fault.happened()).append(" while it ran.\n");
            if (statement != null) {
                message.append("Statement:\n").append(indent(statement)).append('\n');
            }
            message.append("Driver: ")
                    .append(driverError(failure))
                    .append("\nThis is a failure of the connection or the server, not of migration ")
                    .append(migration.version())
                    .append(".\n");
        }
        int stateStart = message.length();
        message.append("The database may be partly changed by migration ")
                .append(migration.version())
                .append(": ");
        listExecuted(message, executed);
        message.append(InvalidIndexes.describe(invalid));
        message.append(recorded)
                .append(" The last fully applied version is ")
                .append(current == null ? "none" : current)
                .append(".");
        return exception(
                ErrorCode.NON_TRANSACTIONAL_MIGRATION_FAILED,
                message,
                stateStart,
                StoppedRun.remedy(migration.version(), executed.size()),
                migration,
                statement,
                failure,
                current);
    }

    /**
     * A non-transactional migration (or its {@code down}, when {@code undo}) ran to its end, but an
     * index it names, or one that became invalid while it ran, is invalid: it does not count as
     * applied, and a failed row was recorded.
     */
    MigrationFailedException invalidIndexes(
            MigrationDescriptor migration,
            boolean undo,
            List<InvalidIndexes.Index> invalid,
            MigrationVersion current,
            boolean recorded) {
        StringBuilder message = new StringBuilder();
        message.append(undo ? "Undo of migration " : "Migration ")
                .append(name(migration))
                .append(", which runs outside a transaction, ran to its end, but ")
                .append(invalid.size() == 1 ? "an index it builds or names is" : "indexes it builds or names are")
                .append(" INVALID, so it does not count as ")
                .append(undo ? "undone" : "applied")
                .append(".\n")
                .append(InvalidIndexes.describe(invalid));
        int stateStart = message.length();
        recordedFailure(
                message,
                recorded,
                (undo ? "A failed undo row for version " : "A failed row for version ") + migration.version(),
                "; migrate refuses to run until it is cleared. The last fully applied version is ",
                current);
        Phrase remedy = Phrase.builder()
                .append("Drop the invalid ")
                .append(invalid.size() == 1 ? "index" : "indexes")
                .append(" as shown, fix what made the build fail (duplicate values for a unique index, a deadlock,"
                        + " a cancelled build), then ")
                .action(Action.REPAIR, Setting.REPAIR_AS, "removed")
                .append(" (the migration runs again from its first statement) and ")
                .action(undo ? Action.UNDO : Action.MIGRATE)
                .append(" again.")
                .build();
        return exception(ErrorCode.INVALID_INDEX_LEFT, message, stateStart, remedy, migration, null, null, current);
    }

    /**
     * The failure whose {@code message} says what happened up to {@code stateStart} and the state of
     * the database from there, followed by {@code remedy}.
     */
    static MigrationFailedException exception(
            ErrorCode code,
            StringBuilder message,
            int stateStart,
            Phrase remedy,
            MigrationDescriptor migration,
            String statement,
            Throwable failure,
            MigrationVersion current) {
        String sqlState = failure instanceof SQLException e ? e.getSQLState() : null;
        return new MigrationFailedException(
                code,
                Phrase.of(message.substring(0, stateStart).strip()),
                Phrase.of(message.substring(stateStart).strip()),
                remedy,
                migration,
                statement,
                sqlState,
                current,
                failure);
    }

    static MigrationFailedException exception(
            ErrorCode code,
            StringBuilder message,
            MigrationDescriptor migration,
            String statement,
            Throwable failure,
            MigrationVersion current) {
        String sqlState = failure instanceof SQLException e ? e.getSQLState() : null;
        return new MigrationFailedException(code, message.toString(), migration, statement, sqlState, current, failure);
    }

    public static void describeFailure(StringBuilder message, String statement, Throwable failure) {
        if (failure instanceof SqlFileException inFile) {
            message.append("In ").append(inFile.file());
            message.append(inFile.line() > 0 ? ", the statement at line " + inFile.line() + " failed.\n" : ":\n");
            failure = inFile.getCause();
        }
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

    /**
     * After a rollback: the version read back, which says "unchanged" only when it is the version
     * the run was at and no commit happened inside the migration (the caller checked that).
     */
    private static String state(MigrationDescriptor migration, MigrationVersion current, ReadBack.State state) {
        if (!state.read()) {
            return notReadBack(state);
        }
        MigrationVersion now = state.current();
        String nothing = ": nothing of migration " + migration.version() + " remains.";
        if (now == null ? current == null : now.equals(current)) {
            return (now == null
                            ? "The database has no migration applied"
                            : "The database is unchanged at version " + now)
                    + nothing;
        }
        return "The history, read back after the rollback, puts the database at version "
                + (now == null ? "none" : now) + " (this run expected " + (current == null ? "none" : current)
                + ")" + nothing;
    }

    private static String notReadBack(ReadBack.State state) {
        return "Tidemark could not read the history back to check the state of the database (" + state.problem() + ").";
    }

    /**
     * A transactional migration ended Tidemark's transaction from inside: what it did before that
     * commit stays committed, without a history row; {@code failure} came after (from the migration,
     * or, when {@code ranToItsEnd}, from the guard that keeps its history row out).
     */
    MigrationFailedException transactionEnded(
            MigrationDescriptor migration,
            String statement,
            List<String> executed,
            Throwable failure,
            boolean ranToItsEnd,
            ReadBack.State state,
            boolean recorded) {
        StringBuilder message = new StringBuilder();
        message.append("Migration ")
                .append(name(migration))
                .append(" ended the transaction Tidemark runs it in: a COMMIT sent through its connection, or a"
                        + " procedure that commits, committed part of it without its history row.\n");
        if (ranToItsEnd) {
            message.append("It then ran to its end, but Tidemark did not record it as applied.\n");
        } else {
            message.append("It then failed, and what it did after that commit was rolled back.\n");
            describeFailure(message, statement, failure);
        }
        int stateStart = message.length();
        message.append("The database is NOT unchanged: what migration ")
                .append(migration.version())
                .append(" did before that commit stays committed, and no history row records it. ");
        if (executed.isEmpty()) {
            message.append("It ran no statement through its context before the failure (statements sent through"
                    + " db.connection() are not listed).\n");
        } else {
            message.append("The statements it ran through its context (the commit came among or after them;"
                    + " statements sent through db.connection() are not listed):\n");
            numbered(message, executed);
        }
        message.append("The history, read back after the rollback, says the database is at version ")
                .append(state.current() == null ? "none" : state.current())
                .append(", without migration ")
                .append(migration.version())
                .append(".\n");
        failedRowRecorded(message, recorded, migration, state.current());
        Phrase remedy = Phrase.builder()
                .append("Drop by hand what migration ")
                .append(migration.version())
                .append(" committed (the objects it created, the rows it wrote), remove the commit from it (or mark it"
                        + " @Migration(transactional = false)), then ")
                .action(Action.REPAIR, Setting.REPAIR_AS, "removed")
                .append(" and ")
                .action(Action.MIGRATE)
                .append(" again.")
                .build();
        return exception(
                ErrorCode.MIGRATION_ENDED_TRANSACTION,
                message,
                stateStart,
                remedy,
                migration,
                ranToItsEnd ? null : statement,
                failure,
                state.current());
    }

    static String driverError(Throwable failure) {
        SQLException sql = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException e) {
                sql = e;
                break;
            }
        }
        if (sql == null) {
            return failure.getClass().getName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        }
        return ServerError.of(sql).describe();
    }

    static String name(MigrationDescriptor migration) {
        return migration.version() + " '" + migration.description() + "' (" + migration.className() + ")";
    }

    static String indent(String statement) {
        return "    " + statement.strip().replace("\n", "\n    ");
    }

    static String oneLine(String statement) {
        String line = statement.strip().replaceAll("\\s+", " ");
        return line.length() > 200 ? line.substring(0, 200) + " …" : line;
    }
}
