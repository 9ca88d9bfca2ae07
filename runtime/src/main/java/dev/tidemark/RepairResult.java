package dev.tidemark;

import java.util.List;

/**
 * What {@link Tidemark#repair()} changed in the history table. Repair never touches the schema.
 *
 * @param schema the schema whose history was repaired
 * @param actions every change made, in order; empty when there was nothing to repair
 */
public record RepairResult(String schema, List<Action> actions) {

    public RepairResult {
        actions = List.copyOf(actions);
    }

    /**
     * One change to the history.
     *
     * @param kind what was changed
     * @param version the migration it concerns; null for a repeatable migration
     * @param detail a sentence with the old and new values
     */
    public record Action(Kind kind, MigrationVersion version, String detail) {}

    /** The sorts of change repair makes. */
    public enum Kind {
        REMOVED_FAILED_ROW,
        /** A failed or unfinished migration was marked applied, its row kept and recorded as repaired. */
        MARKED_APPLIED,
        REALIGNED_CHECKSUM,
        REALIGNED_DESCRIPTION,
        /**
         * The history rows of a repeatable migration the code no longer has were deleted; what it
         * made stays in the database.
         */
        REMOVED_MISSING_REPEATABLE,
    }
}
