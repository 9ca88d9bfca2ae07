package dev.tidemark.testing;

import dev.tidemark.AppliedMigration;
import dev.tidemark.LockHolder;
import dev.tidemark.MigrationDescriptor;
import dev.tidemark.StatementProgress;
import dev.tidemark.TidemarkListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps everything a command reports, for assertions. */
public final class RecordingListener implements TidemarkListener {

    public final List<String> lines = new CopyOnWriteArrayList<>();
    public final List<LockHolder> lockHolders = new CopyOnWriteArrayList<>();
    public final List<StatementProgress> progress = new CopyOnWriteArrayList<>();

    @Override
    public void info(String message) {
        lines.add("INFO " + message);
    }

    @Override
    public void warn(String message) {
        lines.add("WARN " + message);
    }

    @Override
    public void debug(String message) {
        lines.add("DEBUG " + message);
    }

    @Override
    public void migrationStarting(MigrationDescriptor migration) {
        lines.add("START " + migration.version());
    }

    @Override
    public void migrationApplied(AppliedMigration migration) {
        lines.add("APPLIED " + migration.version());
    }

    @Override
    public void waitingForLock(LockHolder holder) {
        lockHolders.add(holder);
    }

    @Override
    public void statementRunning(StatementProgress statement) {
        progress.add(statement);
    }

    /** Everything reported, one entry a line. */
    public String all() {
        return String.join("\n", lines);
    }
}
