package dev.tidemark.internal.execution;

/**
 * The one statement a transactional migration's transaction runs after its history row's insert and
 * before its {@code COMMIT}, in the same round trip: it fails the transaction, so that the {@code
 * COMMIT} rolls it back with the row, when the migration lock no longer holds ({@link
 * dev.tidemark.internal.lock.LockSessionCheck#commitGuard}) or when the migration ended Tidemark's
 * transaction from inside ({@link TransactionBoundary#GUARD}). The checks are the clauses of one
 * {@code CASE}, not a statement each: every statement of a round trip costs the server a parse, a
 * bind and an execution. A failing clause names its cause in the error; the lock's comes first.
 */
final class CommitGuard {

    private CommitGuard() {}

    /**
     * The statement, starting with {@code ;} to follow the insert, with {@code lockClause} (empty
     * when the run has no lock to check) before the transaction marker's clause, whose one parameter
     * is the marker.
     */
    static String statement(String lockClause) {
        return "; SELECT CAST(CASE " + (lockClause.isEmpty() ? "" : lockClause + " ") + TransactionBoundary.GUARD
                + " END AS integer)";
    }
}
