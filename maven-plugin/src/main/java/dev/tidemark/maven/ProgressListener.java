package dev.tidemark.maven;

import dev.tidemark.AppliedMigration;
import dev.tidemark.LockHolder;
import dev.tidemark.MigrationDescriptor;
import dev.tidemark.StatementProgress;
import dev.tidemark.TidemarkListener;

/**
 * Shows a running command's progress: one line per migration applied, with its time, who holds
 * the migration lock while Tidemark waits for it, and a statement that runs long with what it waits
 * on. The runtime's own info messages say again what
 * the goal prints from the command's result (the summary, the baseline, each repair), so they go to
 * the debug log ({@code mvn -X}); its warnings stay warnings.
 */
final class ProgressListener implements TidemarkListener {

    private final Output output;
    private int lastHolderPid = -1;

    ProgressListener(Output output) {
        this.output = output;
    }

    @Override
    public void info(String message) {
        output.debug(message);
    }

    @Override
    public void warn(String message) {
        output.warn(message);
    }

    @Override
    public void debug(String message) {
        output.debug(message);
    }

    @Override
    public void migrationStarting(MigrationDescriptor migration) {
        output.debug("Applying " + Reports.name(migration.version(), migration.description())
                + (migration.transactional() ? "" : " (not in a transaction)"));
    }

    @Override
    public void migrationApplied(AppliedMigration applied) {
        if (!output.infoEnabled()) {
            return;
        }
        MigrationDescriptor migration = applied.migration();
        output.info("Applied " + Reports.name(migration.version(), migration.description())
                + (migration.transactional() ? "" : " (not in a transaction)") + " in "
                + Durations.format(applied.executionTime()));
    }

    /** At info level: the runtime's own info line saying the same goes to the debug log. */
    @Override
    public void statementRunning(StatementProgress progress) {
        output.info(progress.describe());
    }

    @Override
    public void waitingForLock(LockHolder holder) {
        // Tidemark calls this on every check; say it again only when someone else holds the lock.
        String line = "Waiting for the migration lock, held by " + holder.describe();
        if (holder.pid() != lastHolderPid) {
            lastHolderPid = holder.pid();
            output.warn(line);
        } else {
            output.debug(line);
        }
    }
}
