package dev.tidemark;

/** Where a migration stands in a database, as {@link Tidemark#info()} reports it. */
public enum MigrationState {
    /** In the code, not applied, and will run on the next migrate. */
    PENDING("pending"),
    /** In the code, not applied, and above the configured target. */
    ABOVE_TARGET("above target"),
    /** In the code, not applied, and older than the newest applied migration. */
    OUT_OF_ORDER("out of order"),
    /** Applied successfully. */
    APPLIED("applied"),
    /** Applied successfully, after a newer migration had already been applied. */
    APPLIED_OUT_OF_ORDER("applied out of order"),
    /** A non-transactional migration that failed; resume or repair it. */
    FAILED("failed"),
    /**
     * A non-transactional migration whose run started and never recorded an end: it was killed, lost
     * its connection, or is still running; resume or repair it.
     */
    UNFINISHED("started, never finished"),
    /** The baseline row itself. */
    BASELINE("baseline"),
    /** In the code, at or below the baseline version: counts as applied, never runs. */
    BELOW_BASELINE("below baseline"),
    /** Applied in the database but absent from the code. */
    MISSING_FROM_CODE("missing from code"),
    /** Applied, then reverted by undo; pending again. */
    UNDONE("undone");

    private final String label;

    MigrationState(String label) {
        this.label = label;
    }

    /** A lower-case label for tables and messages. */
    public String label() {
        return label;
    }
}
