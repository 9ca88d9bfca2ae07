package dev.tidemark;

import java.util.List;

/**
 * What {@link Tidemark#baseline(String)} recorded.
 *
 * @param schema the schema baselined
 * @param version the baseline version
 * @param description the description of the baseline row
 * @param coveredMigrations how many migrations of the code the baseline counts as applied
 * @param sameSchemaVersions when {@link Tidemark#baseline()} found the version, every version whose
 *     schema equals the database's, oldest first (several when later migrations change data only,
 *     which a schema cannot tell apart; the newest is taken); empty when the version was given
 */
public record BaselineResult(
        String schema,
        MigrationVersion version,
        String description,
        int coveredMigrations,
        List<MigrationVersion> sameSchemaVersions) {

    public BaselineResult {
        sameSchemaVersions = List.copyOf(sameSchemaVersions);
    }

    /** A baseline at a version given by the caller. */
    public BaselineResult(String schema, MigrationVersion version, String description, int coveredMigrations) {
        this(schema, version, description, coveredMigrations, List.of());
    }

    /** This result, with the versions that baseline detection found to leave the same schema. */
    public BaselineResult withSameSchemaVersions(List<MigrationVersion> versions) {
        return new BaselineResult(schema, version, description, coveredMigrations, versions);
    }
}
