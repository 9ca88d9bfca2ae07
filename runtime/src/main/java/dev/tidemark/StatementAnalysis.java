package dev.tidemark;

import java.time.Duration;
import java.util.List;

/**
 * What one statement of a pending migration did to the tables it touched, observed inside a
 * rehearsal's rolled-back transaction (or, for a statement that cannot run there, read from the
 * catalog): the table locks it took, whether it rewrote a table, how large the tables are, and how
 * long it ran, said in one sentence.
 *
 * @param version the migration's version; null for a statement of a repeatable migration
 * @param repeatable the repeatable migration's file ({@code R__Users_view.sql}) for a statement of
 *     one; null for a statement of a versioned migration
 * @param number the statement's number within its migration, from 1
 * @param sql the statement as sent
 * @param status whether it ran, and how it ended
 * @param locks the locks it took on tables, and on indexes and sequences (locks the rehearsal
 *     already held are listed on the statement that took them first), strongest first
 * @param time how long it ran; zero when it did not run
 * @param sentence what it does to production, in one sentence
 * @param ruleId the lint rule ({@code TM-L…}) whose advice applies, or null
 * @param advice that rule's safer alternative, or null
 */
public record StatementAnalysis(
        MigrationVersion version,
        String repeatable,
        int number,
        String sql,
        Status status,
        List<TableLock> locks,
        Duration time,
        String sentence,
        String ruleId,
        String advice) {

    public StatementAnalysis {
        locks = List.copyOf(locks);
    }

    /** The migration the statement is of: {@code version 3}, or {@code repeatable migration R__Users_view.sql}. */
    public String migration() {
        return version != null ? "version " + version : "repeatable migration " + repeatable;
    }

    /**
     * Whether the statement takes ACCESS EXCLUSIVE on a table that exists in production, or on one of
     * its indexes (the planner locks every index of a table it plans a query for).
     */
    public boolean blocksReads() {
        return locks.stream().anyMatch(lock -> lock.accessExclusive() && !lock.created());
    }

    /** How a statement's analysis came about. */
    public enum Status {
        /** It ran inside the rehearsal's transaction; its locks and rewrites were observed. */
        RAN,
        /** It cannot run inside a transaction (non-transactional migration): analysed from the catalog. */
        NOT_RUN,
        /** It could not get a lock within the rehearsal's lock_timeout and did not wait. */
        LOCK_UNAVAILABLE,
        /** It failed; the rehearsal stopped there. */
        FAILED
    }

    /**
     * One lock a statement took on a table, or on an index or a sequence when that lock says more
     * than the lock on its table (the index of a {@code DROP INDEX} or {@code REINDEX}, a sequence
     * {@code ALTER SEQUENCE} changes); an index or sequence that is new in the rehearsal, or whose
     * table the statement rewrites or drops, is not listed.
     *
     * @param table the table's, index's or sequence's name, qualified with its schema when that is not
     *     the migrated schema
     * @param mode PostgreSQL's lock mode, spelled as in the documentation: {@code ACCESS EXCLUSIVE}
     * @param rewritten whether the statement wrote it anew (its file node changed)
     * @param created whether it is new in this rehearsal (no other session can see it yet)
     * @param dropped whether the statement dropped it
     * @param rows the planner's estimate of its rows ({@code reltuples}), or -1 when never analysed
     * @param bytes its size on disk ({@code pg_relation_size}), or -1 when unknown
     * @param kind {@code table}, {@code index} or {@code sequence}
     * @param ofTable for an index, the table it is on; for a sequence, the table whose column owns it
     *     (or null); null for a table
     */
    public record TableLock(
            String table,
            String mode,
            boolean rewritten,
            boolean created,
            boolean dropped,
            long rows,
            long bytes,
            String kind,
            String ofTable) {

        /** A lock on a table. */
        public TableLock(
                String table, String mode, boolean rewritten, boolean created, boolean dropped, long rows, long bytes) {
            this(table, mode, rewritten, created, dropped, rows, bytes, "table", null);
        }

        public boolean accessExclusive() {
            return mode.equals("ACCESS EXCLUSIVE");
        }

        /** Whether the lock is on a table (not an index or a sequence). */
        public boolean onTable() {
            return kind.equals("table");
        }
    }
}
