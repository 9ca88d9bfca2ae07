package dev.tidemark.internal.execution;

import dev.tidemark.ErrorCode;
import dev.tidemark.MigrationDescriptor;
import dev.tidemark.MigrationVersion;
import dev.tidemark.TidemarkException;

/** The message of a run asked to stop between two migrations (see {@link Cancellation}). */
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
}
