package dev.tidemark;

import java.time.Duration;
import java.util.List;

/**
 * What {@link Tidemark#undo} did.
 *
 * @param schema the schema
 * @param initialVersion the version before the run
 * @param currentVersion the version after the run, or null when no migration is applied any more
 * @param undone the migrations reverted, in the order their {@code down} ran (newest first)
 * @param totalTime the whole run, connecting and locking included
 */
public record UndoResult(
        String schema,
        MigrationVersion initialVersion,
        MigrationVersion currentVersion,
        List<UndoneMigration> undone,
        Duration totalTime) {

    public UndoResult {
        undone = List.copyOf(undone);
    }
}
