package dev.tidemark.cli;

import dev.tidemark.ErrorCode;

/**
 * The command's exit codes, stable so that deploy scripts can branch on them. A failure maps to its
 * code through the {@link ErrorCode} of the runtime's exception, never through its text.
 */
enum ExitCode {
    /** The command did what it was asked. */
    OK(0, "ok"),
    /** A migration (or an undo, a rehearsal, a repair) failed, or anything else went wrong. */
    FAILED(1, "a migration (undo, rehearsal, repair) failed, or another failure"),
    /** The command line or a setting is wrong; nothing was connected to. */
    USAGE(2, "usage or configuration error; nothing was connected to"),
    /** The code and the database disagree: validation problems, drift, pending migrations with --fail-on-pending, a round trip that does not restore the schema. */
    VALIDATION(3, "validation problems, drift, pending with --fail-on-pending"),
    /** Another session held the migration lock longer than --lock-wait. */
    LOCK(4, "the migration lock was not obtained within --lock-wait"),
    /** The database could not be reached, or refused the login. */
    CONNECTION(5, "cannot connect to the database");

    private final int code;
    private final String summary;

    ExitCode(int code, String summary) {
        this.code = code;
        this.summary = summary;
    }

    String summary() {
        return summary;
    }

    int code() {
        return code;
    }

    /** The exit code of a run that failed with {@code error}. */
    static ExitCode of(ErrorCode error) {
        return switch (error) {
            case INVALID_CONFIGURATION,
                    INVALID_MANIFEST,
                    INVALID_TARGET,
                    POOLED_CONNECTION,
                    SCHEMA_MISSING,
                    UNDO_INVALID_TARGET,
                    ADOPT_SEVERAL_FOREIGN_HISTORIES -> USAGE;
            case CONNECTION_FAILED, AUTHENTICATION_FAILED, DATABASE_NOT_FOUND -> CONNECTION;
            case LOCK_WAIT_TIMEOUT -> LOCK;
            case VALIDATION_FAILED,
                    DRIFT_DETECTED,
                    FAILED_MIGRATION_PRESENT,
                    INCOMPATIBLE_HISTORY,
                    UNDO_MISSING_FROM_CODE,
                    UNDO_CHANGED_MIGRATION,
                    ROUND_TRIP_FAILED,
                    ADOPT_REFUSED -> VALIDATION;
            default -> FAILED;
        };
    }
}
