package dev.tidemark;

import java.time.Duration;

/**
 * A migration that a run applied and recorded.
 *
 * @param migration the migration
 * @param executionTime how long it took, history row included
 */
public record AppliedMigration(MigrationDescriptor migration, Duration executionTime) {

    public MigrationVersion version() {
        return migration.version();
    }

    public String description() {
        return migration.description();
    }
}
