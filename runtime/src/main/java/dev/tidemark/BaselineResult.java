package dev.tidemark;

/**
 * What {@link Tidemark#baseline(String)} recorded.
 *
 * @param version the baseline version
 * @param description the description of the baseline row
 * @param coveredMigrations how many migrations of the code the baseline counts as applied
 */
public record BaselineResult(MigrationVersion version, String description, int coveredMigrations) {}
