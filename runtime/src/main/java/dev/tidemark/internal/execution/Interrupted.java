package dev.tidemark.internal.execution;

import dev.tidemark.Action;
import dev.tidemark.ErrorCode;
import dev.tidemark.MigrationDescriptor;
import dev.tidemark.MigrationFailedException;
import dev.tidemark.MigrationVersion;
import dev.tidemark.Phrase;
import dev.tidemark.TidemarkException;

/** The messages of a run asked to stop (see {@link Cancellation}). */
final class Interrupted {

    private Interrupted() {}

    static TidemarkException beforeMigration(MigrationDescriptor next, MigrationVersion current, int appliedInRun) {
        return new TidemarkException(
                ErrorCode.INTERRUPTED,
                Phrase.of("The run was asked to stop before migration " + FailureReport.name(next) + " started;"
                        + " nothing of it ran."),
                Phrase.of((appliedInRun == 0
                                ? "No migration was applied in this run"
                                : appliedInRun + (appliedInRun == 1 ? " migration was" : " migrations were")
                                        + " applied in this run")
                        + "; the database is at version " + (current == null ? "none" : current) + "."),
                Phrase.words("Run ", Action.MIGRATE, " again to apply the rest."),
                null);
    }

    /**
     * A transactional migration failed because the run was asked to stop (its statement cancelled,
     * or the next one refused): the failure's account of the rollback, with the remedy of a stop
     * instead of the one for a faulty migration.
     */
    static MigrationFailedException rolledBack(MigrationFailedException failure) {
        return new MigrationFailedException(
                ErrorCode.INTERRUPTED,
                Phrase.builder()
                        .append("The run was asked to stop while migration " + FailureReport.name(failure.migration())
                                + " ran; its statement was cancelled.\n")
                        .append(failure.what())
                        .build(),
                failure.state(),
                Phrase.words("Run ", Action.MIGRATE, " again to apply it and the rest."),
                failure.migration(),
                failure.statement(),
                failure.sqlState(),
                failure.currentVersion(),
                failure.getCause());
    }
}
