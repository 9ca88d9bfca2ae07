package dev.tidemark.internal.history;

import dev.tidemark.MigrationVersion;
import java.time.Instant;

/**
 * One row of the history table.
 *
 * @param installedRank the order rows were written in
 * @param version the migration's version
 * @param description its description when it was applied
 * @param type {@code JAVA} for a migration class, {@code SQL} for a SQL file (rows written before
 *     this type existed say {@code JAVA} for both), {@code BASELINE}, or {@code UNDO} for a revert of
 *     the version by its down
 * @param className the migration class, or null for a baseline
 * @param checksum the checksum when applied, or null for a baseline
 * @param installedBy who applied it
 * @param installedOn when
 * @param executionTime how long it took, in milliseconds
 * @param success false for a non-transactional migration that failed, or started and did not finish
 * @param progress what a non-transactional migration recorded as it ran, or null for a row written
 *     whole (a transactional migration, a baseline, a row of history format 1)
 */
public record HistoryRow(
        int installedRank,
        MigrationVersion version,
        String description,
        String type,
        String className,
        String checksum,
        String installedBy,
        Instant installedOn,
        int executionTime,
        boolean success,
        Progress progress) {

    public static final String JAVA = "JAVA";
    public static final String SQL = "SQL";
    public static final String BASELINE = "BASELINE";
    public static final String UNDO = "UNDO";

    public boolean isBaseline() {
        return BASELINE.equals(type);
    }

    /** Whether this row records a non-transactional migration that started and has not finished. */
    public boolean unfinished() {
        return !success && progress != null;
    }

    /** Whether this row records that the version was reverted by its {@code down}. */
    public boolean isUndo() {
        return UNDO.equals(type);
    }
}
