package dev.tidemark.internal.execution;

import dev.tidemark.ErrorCode;
import dev.tidemark.MigrationDescriptor;
import dev.tidemark.MigrationFailedException;
import dev.tidemark.MigrationVersion;
import dev.tidemark.TidemarkException;

/** The messages of a run asked to stop (see {@link Cancellation}). */
final class Interrupted {

    private Interrupted() {}

    static TidemarkException beforeMigration(MigrationDescriptor next, MigrationVersion current, int appliedInRun) {
        return new TidemarkException(
                ErrorCode.INTERRUPTED,
                "The run was asked to stop before migration " + FailureReport.name(next) + " started; nothing of it"
                        + " ran. "
                        + (appliedInRun == 0
                                ? "No migration was applied in this run"
                                : appliedInRun + (appliedInRun == 1 ? " migration was" : " migrations were")
                                        + " applied in this run")
                        + "; the database is at version " + (current == null ? "none" : current) + ".\n"
                        + "Run migrate again to apply the rest.");
    }

    /**
     * A transactional migration failed because the run was asked to stop (its statement cancelled,
     * or the next one refused): the failure's account of the rollback, with the remedy of a stop
     * instead of the one for a faulty migration.
     */
    static MigrationFailedException rolledBack(MigrationFailedException failure) {
        String message = failure.getMessage().replaceFirst("^\\[[A-Z0-9-]+] ", "");
        int remedy = message.lastIndexOf('\n');
        return new MigrationFailedException(
                ErrorCode.INTERRUPTED,
                "The run was asked to stop while migration " + FailureReport.name(failure.migration())
                        + " ran; its statement was cancelled.\n" + (remedy < 0 ? message : message.substring(0, remedy))
                        + "\nRun migrate again to apply it and the rest.",
                failure.migration(),
                failure.statement(),
                failure.sqlState(),
                failure.currentVersion(),
                failure.getCause());
    }
}
