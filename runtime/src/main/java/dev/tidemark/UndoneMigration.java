package dev.tidemark;

import java.time.Duration;

/**
 * A migration that {@link Tidemark#undo} reverted and recorded with an {@code UNDO} row.
 *
 * @param migration the migration
 * @param executionTime how long its {@code down} took, history row and snapshot included
 */
public record UndoneMigration(MigrationDescriptor migration, Duration executionTime) {

    public MigrationVersion version() {
        return migration.version();
    }

    public String description() {
        return migration.description();
    }
}
