package dev.tidemark;

/**
 * Stable identifiers for every failure Tidemark reports. The id appears at the start of each
 * message ({@code [TM-R101]}) so that users can search for it and tests can assert on it. Ids are
 * never reused or renumbered.
 */
public enum ErrorCode {
    /** A setting is missing or invalid; nothing was connected to. */
    INVALID_CONFIGURATION("TM-R001"),
    /** The manifests found are unusable: none, a duplicate version across manifests, a newer format. */
    INVALID_MANIFEST("TM-R002"),
    /** The database could not be reached. */
    CONNECTION_FAILED("TM-R010"),
    /** The database refused the credentials. */
    AUTHENTICATION_FAILED("TM-R011"),
    /** The server answered, but has no database of the configured name. */
    DATABASE_NOT_FOUND("TM-R012"),
    /** The history table was written by a newer Tidemark, or is not a Tidemark history table. */
    INCOMPATIBLE_HISTORY("TM-R020"),
    /** The schema does not exist and creating it is not allowed. */
    SCHEMA_MISSING("TM-R021"),
    /** Another session held the migration lock for longer than the configured wait. */
    LOCK_WAIT_TIMEOUT("TM-R030"),
    /** The session holding the migration lock ended during a run; nothing more was applied. */
    LOCK_LOST("TM-R031"),
    /** A pooler in transaction or statement mode sits between Tidemark and the server. */
    POOLED_CONNECTION("TM-R032"),
    /** Validation found problems. */
    VALIDATION_FAILED("TM-R040"),
    /** The schema already has tables but no history: baseline it first. */
    SCHEMA_NOT_EMPTY("TM-R041"),
    /**
     * A non-transactional migration failed or never finished; it must be resumed or repaired before
     * anything else runs.
     */
    FAILED_MIGRATION_PRESENT("TM-R042"),
    /** The target version is not a migration of the code, or is below the current version. */
    INVALID_TARGET("TM-R043"),
    /** Repair found a failed or unfinished migration and was not told whether to mark it applied or remove it. */
    REPAIR_CHOICE_REQUIRED("TM-R044"),
    /**
     * The run was asked to stop (Ctrl-C): the transactional migration running was rolled back, or the
     * next one did not start.
     */
    INTERRUPTED("TM-R050"),
    /** The live schema differs from the snapshot recorded by the last migrate or baseline. */
    /** A migration failed; the database is unchanged at the previous version. */
    MIGRATION_FAILED("TM-R100"),
    /** A non-transactional migration failed part way; its row records the statements that completed. */
    NON_TRANSACTIONAL_MIGRATION_FAILED("TM-R101"),
    /** A statement waited longer than lock_timeout for a table lock. */
    LOCK_TIMEOUT_EXCEEDED("TM-R102"),
    /**
     * The connection was lost or the server ended the session (SQLSTATE class 08, 57P01-57P03, an
     * I/O error) during a migration or the run's last, flushing commit; not a fault of the
     * migration. The message states the version read back on a new session, or that none could be
     * opened.
     */
    CONNECTION_LOST("TM-R103"),
    /**
     * A transactional migration ended Tidemark's transaction from inside (a COMMIT through its
     * connection, a procedure that commits): what it did before that commit stays, without a history row.
     */
    MIGRATION_ENDED_TRANSACTION("TM-R104"),
    /**
     * A non-transactional migration ran to its end, but an index it builds or names is INVALID (a
     * failed concurrent build kept, skipped by IF NOT EXISTS); it does not count as applied.
     */
    INVALID_INDEX_LEFT("TM-R105"),
    /**
     * Resume refused before running anything: the migration's statements differ from those the
     * stopped run completed, its row records no statements, or its session still runs on the server.
     */
    RESUME_REFUSED("TM-R106"),
    /** Baseline refused: the history already has rows. */
    BASELINE_HISTORY_NOT_EMPTY("TM-R200"),
    /** Baseline refused: no migration of the code has that version. */
    BASELINE_UNKNOWN_VERSION("TM-R201"),
    /** The live schema differs from the snapshot recorded by the last migrate or baseline. */
    DRIFT_DETECTED("TM-R300"),
    /** The recorded schema snapshot was written by a newer Tidemark or is damaged. */
    UNREADABLE_SNAPSHOT("TM-R301"),
    /** Baseline without a version: no migration leaves the schema exactly as it is now. */
    BASELINE_NO_MATCHING_VERSION("TM-R302"),
    /** Baseline without a version: the temporary database could not be made or a migration failed in it. */
    SHADOW_REPLAY_FAILED("TM-R303"),
    /** Undo refused: a migration to revert has no {@code down}. */
    UNDO_WITHOUT_DOWN("TM-R400"),
    /** Undo refused: a migration to revert is non-transactional and undoing such is not allowed. */
    UNDO_NON_TRANSACTIONAL("TM-R401"),
    /** Undo refused: the target is at or below the baseline, whose changes no migration made. */
    UNDO_BELOW_BASELINE("TM-R402"),
    /** Undo refused: the target is not a known version, or is above the version the database is at. */
    UNDO_INVALID_TARGET("TM-R403"),
    /** Undo refused: a migration to revert is applied but missing from the code, so its down cannot run. */
    UNDO_MISSING_FROM_CODE("TM-R404"),
    /** Undo refused: a migration to revert was changed after it was applied. */
    UNDO_CHANGED_MIGRATION("TM-R405"),
    /** Undo refused: no migration is applied. */
    NOTHING_TO_UNDO("TM-R406"),
    /** A down failed and was rolled back with its history row; earlier undone steps stay undone. */
    UNDO_FAILED("TM-R410"),
    /** The down of a non-transactional migration failed part way; a failed undo row was recorded. */
    NON_TRANSACTIONAL_UNDO_FAILED("TM-R411"),
    /** Rehearsal: a pending migration failed inside the rehearsal transaction (which was rolled back). */
    REHEARSAL_FAILED("TM-R420"),
    /** Rehearsal: a statement could not get a table lock within the rehearsal's short lock_timeout. */
    REHEARSAL_LOCK_UNAVAILABLE("TM-R421"),
    /** Rehearsal: a statement would hold ACCESS EXCLUSIVE on a table above failOnExclusiveLockAbove. */
    REHEARSAL_EXCLUSIVE_LOCK_TOO_LARGE("TM-R422"),
    /** Round-trip test: a down did not restore the schema, or an up or down failed. */
    ROUND_TRIP_FAILED("TM-R430"),
    /** Round-trip test: the temporary database could not be created. */
    ROUND_TRIP_DATABASE_FAILED("TM-R431"),
    /** A failure Tidemark did not expect; the cause tells more. */
    INTERNAL("TM-R999");

    private final String id;

    ErrorCode(String id) {
        this.id = id;
    }

    /** The stable id, such as {@code TM-R100}. */
    public String id() {
        return id;
    }
}
