package dev.tidemark;

import java.time.Duration;
import java.util.List;

/**
 * What {@link Tidemark#migrate()} did.
 *
 * @param schema the schema migrated
 * @param initialVersion the version before the run, or null for a database without history
 * @param currentVersion the version after the run, or null when nothing was ever applied
 * @param applied the migrations applied by this run, in order
 * @param pendingBeyondTarget migrations left pending because they are above the target
 * @param totalTime the whole run, connecting and locking included
 */
public record MigrateResult(
        String schema,
        MigrationVersion initialVersion,
        MigrationVersion currentVersion,
        List<AppliedMigration> applied,
        List<MigrationDescriptor> pendingBeyondTarget,
        Duration totalTime) {

    public MigrateResult {
        applied = List.copyOf(applied);
        pendingBeyondTarget = List.copyOf(pendingBeyondTarget);
    }

    /** Whether the run applied nothing because the schema was up to date. */
    public boolean upToDate() {
        return applied.isEmpty();
    }
}
