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
 * @param rehearsal with {@link Configuration#rehearse} set, the rehearsal that ran instead of
 *     applying anything (then {@code applied} is empty); otherwise null
 * @param repeatablesApplied the files of the repeatable migrations this run applied after the
 *     versioned ones (new, or changed since they were last applied), in order
 */
public record MigrateResult(
        String schema,
        MigrationVersion initialVersion,
        MigrationVersion currentVersion,
        List<AppliedMigration> applied,
        List<MigrationDescriptor> pendingBeyondTarget,
        Duration totalTime,
        RehearsalResult rehearsal,
        List<String> repeatablesApplied) {

    public MigrateResult {
        applied = List.copyOf(applied);
        pendingBeyondTarget = List.copyOf(pendingBeyondTarget);
        repeatablesApplied = List.copyOf(repeatablesApplied);
    }

    /** A run that applied no repeatable migration. */
    public MigrateResult(
            String schema,
            MigrationVersion initialVersion,
            MigrationVersion currentVersion,
            List<AppliedMigration> applied,
            List<MigrationDescriptor> pendingBeyondTarget,
            Duration totalTime,
            RehearsalResult rehearsal) {
        this(schema, initialVersion, currentVersion, applied, pendingBeyondTarget, totalTime, rehearsal, List.of());
    }

    /** A run that applied migrations (no rehearsal). */
    public MigrateResult(
            String schema,
            MigrationVersion initialVersion,
            MigrationVersion currentVersion,
            List<AppliedMigration> applied,
            List<MigrationDescriptor> pendingBeyondTarget,
            Duration totalTime) {
        this(schema, initialVersion, currentVersion, applied, pendingBeyondTarget, totalTime, null);
    }

    /** Whether this run only rehearsed (see {@link Configuration#rehearse}). */
    public boolean rehearsed() {
        return rehearsal != null;
    }

    /** Whether the run applied nothing because the schema was up to date. */
    public boolean upToDate() {
        return applied.isEmpty() && repeatablesApplied.isEmpty();
    }
}
