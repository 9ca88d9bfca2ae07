package dev.tidemark.internal.execution;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Notices a transactional migration that ends Tidemark's transaction from inside: a {@code COMMIT}
 * sent through its connection, or a procedure that commits. What it did before that commit stays
 * committed without a history row, so neither "applied" nor "unchanged" would be true.
 *
 * <p>Each migration's transaction carries a marker, unique to the run and the migration, in two
 * settings set at its start. {@code tidemark.transaction} is set for the transaction alone: any
 * end of the transaction takes it away. {@code tidemark.boundary} is set for the session, inside
 * the transaction: a rollback puts back the value it had, a commit keeps the marker. The history
 * row's insert is followed, before the {@code COMMIT}, by a {@link #GUARD} (part of the {@link
 * CommitGuard}) that fails when the first is gone and the second kept, so a migration that ended the transaction is never recorded
 * as applied; and read after the rollback of a failed migration, the second says whether a commit
 * happened in between ({@link #committedInside}).
 *
 * <p>This costs no round trip of its own: the history row's statement ends with the next
 * transaction's {@code BEGIN} and its marker ({@link #COMMIT_AND_ARM_NEXT}); only the first
 * transaction of a run, and one after a commit Tidemark made otherwise, sets it in a statement of
 * its own ({@link #arm}).
 */
final class TransactionBoundary {

    private static final String SET_MARKER =
            "SELECT set_config('tidemark.boundary', ?, false), set_config('tidemark.transaction', ?, true)";

    /**
     * A {@code WHEN … THEN …} clause of the {@link CommitGuard}, after the history row's insert: fails
     * the transaction (so that the {@code COMMIT} after it never runs) when a commit happened since the
     * marker, the one parameter, was set: the session's marker then holds it, committed, while the
     * transaction's is gone. A {@code RESET ALL} in the migration takes both away, and passes (it ends
     * no transaction; a commit after it would pass too).
     */
    static final String GUARD = "WHEN current_setting('tidemark.boundary', true) = ?"
            + " AND current_setting('tidemark.transaction', true) IS DISTINCT FROM"
            + " current_setting('tidemark.boundary', true)"
            + " THEN 'Tidemark: a commit inside the migration ended its transaction'";

    /** Follows {@link #GUARD}: commits, and opens the next transaction with its marker (one parameter, set twice). */
    static final String COMMIT_AND_ARM_NEXT = "; COMMIT; BEGIN; " + SET_MARKER;

    /** Puts the session's marker back to empty when the run ends; part of a statement that sets other settings. */
    static final String RESET = "set_config('tidemark.boundary', '', false)";

    /*
     * The run's part of the marker need only differ from what an earlier run left on a session that
     * is reused (a pooled connection whose run ended without putting the setting back): nobody
     * guesses it, so it is not a secret, and SecureRandom's first use would cost every run 40 ms of
     * loading the security providers.
     */
    private final String run = Long.toHexString(ThreadLocalRandom.current().nextLong());
    private int sequence;
    /** The marker of the open transaction, or null when no open transaction carries one. */
    private String armed;

    /** The marker of the open transaction, or null. */
    String armed() {
        return armed;
    }

    /** Sets a marker on the transaction that the next statement opens, unless it carries one. */
    void arm(Connection work) throws SQLException {
        if (armed != null) {
            return;
        }
        String marker = next();
        try (PreparedStatement set = work.prepareStatement(SET_MARKER)) {
            set.setString(1, marker);
            set.setString(2, marker);
            set.execute();
        }
        armed = marker;
    }

    /** A new marker for the transaction {@link #COMMIT_AND_ARM_NEXT} opens. */
    String next() {
        return run + "." + ++sequence;
    }

    /** The transaction {@link #COMMIT_AND_ARM_NEXT} opened carries {@code marker}. */
    void armed(String marker) {
        armed = marker;
    }

    /**
     * The transaction ended (commit or rollback) without a new marker. Every end of a transaction on
     * the work session other than {@link #COMMIT_AND_ARM_NEXT} must say so here (auto-commit turned
     * on included): otherwise the next migration runs without a marker of its own, and its history
     * row is refused as if it had committed from inside.
     */
    void ended() {
        armed = null;
    }

    /**
     * After the rollback of the transaction that carried {@code marker}: whether a commit happened
     * after the marker was set, that is, inside the migration.
     */
    static boolean committedInside(Connection session, String marker) throws SQLException {
        try (PreparedStatement read = session.prepareStatement("SELECT current_setting('tidemark.boundary', true)");
                ResultSet row = read.executeQuery()) {
            row.next();
            return marker.equals(row.getString(1));
        }
    }
}
