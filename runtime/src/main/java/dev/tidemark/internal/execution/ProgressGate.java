package dev.tidemark.internal.execution;

import dev.tidemark.internal.history.Progress;
import dev.tidemark.internal.history.ProgressRow;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The gate of a non-transactional migration: records in its history row, before each statement,
 * the statements completed so far and the one about to run. When the run resumes one that stopped,
 * it skips the statements that run completed, after checking each is the same statement (by its
 * recorded hash); it opens the row for the resumed run only at the first statement it lets run, so
 * a refused resume leaves the row as it was.
 */
final class ProgressGate implements StatementGate {

    /** Opens the history row when the first statement is about to run. */
    @FunctionalInterface
    interface RowOpener {
        ProgressRow open() throws SQLException;
    }

    private final RowOpener opener;
    private final List<String> recorded;
    private final List<String> hashes = new ArrayList<>();
    private ProgressRow row;
    /** The hash of the statement let run and not yet known to have completed, or null. */
    private String running;

    private int seen;
    /** The statement that differs from the recorded one, with its number, or null. */
    private Mismatch mismatch;

    /** The first statement that differs from what the stopped run completed. */
    record Mismatch(int number, String statement, String recordedHash, String hash) {}

    private ProgressGate(RowOpener opener, List<String> recorded) {
        this.opener = opener;
        this.recorded = List.copyOf(recorded);
    }

    /** A fresh run: {@code row} was written before the first statement. */
    static ProgressGate fresh(ProgressRow row) {
        ProgressGate gate = new ProgressGate(null, List.of());
        gate.row = row;
        return gate;
    }

    /** A resumed run, skipping the statements whose {@code recorded} hashes the stopped run left. */
    static ProgressGate resuming(List<String> recorded, RowOpener opener) {
        return new ProgressGate(opener, recorded);
    }

    @Override
    public boolean runs(int number, String statement, int more) throws SQLException {
        completeRunning();
        seen = Math.max(seen, number + more);
        String hash = Progress.hash(statement);
        if (number <= recorded.size()) {
            String expected = recorded.get(number - 1);
            if (!expected.equals(hash)) {
                mismatch = new Mismatch(number, statement, expected, hash);
                throw new ResumeMismatchException(number);
            }
            hashes.add(hash);
            return false;
        }
        if (row == null) {
            row = opener.open();
        }
        row.starting(hashes, seen, statement);
        running = hash;
        return true;
    }

    private void completeRunning() {
        if (running != null) {
            hashes.add(running);
            running = null;
        }
    }

    /** The migration's code returned: every statement it ran completed. */
    List<String> completed() {
        completeRunning();
        return hashes;
    }

    /**
     * The migration failed; {@code statementFailed} when a statement was running (it did not
     * complete), false when the migration's code threw between statements.
     */
    List<String> completedBeforeFailure(boolean statementFailed) {
        if (!statementFailed) {
            completeRunning();
        }
        running = null;
        return hashes;
    }

    /** How many statements the run knew of. */
    int seen() {
        return seen;
    }

    /** How many statements the stopped run had completed (0 for a fresh run). */
    int recordedCount() {
        return recorded.size();
    }

    /** The statement that differed from the stopped run's, or null. */
    Mismatch mismatch() {
        return mismatch;
    }

    /** The row, once opened: null when a resumed run let no statement run. */
    ProgressRow row() {
        return row;
    }

    /** Thrown through the migration's code to stop it at a statement that differs. */
    static final class ResumeMismatchException extends SQLException {
        private static final long serialVersionUID = 1L;

        ResumeMismatchException(int number) {
            super("statement " + number + " differs from the one the stopped run completed");
        }
    }
}
