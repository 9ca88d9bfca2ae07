package dev.tidemark;

import java.util.List;

/**
 * What {@link Tidemark#info()} found.
 *
 * @param schema the schema
 * @param table the history table
 * @param currentVersion the newest applied version, or null when none
 * @param migrations every versioned migration known to the code or the history, in version order
 * @param repeatables every repeatable migration known to the code (by description), then those
 *     known to the history only
 */
public record InfoResult(
        String schema,
        String table,
        MigrationVersion currentVersion,
        List<MigrationInfo> migrations,
        List<RepeatableInfo> repeatables) {

    public InfoResult {
        migrations = List.copyOf(migrations);
        repeatables = List.copyOf(repeatables);
    }

    /** A result without repeatable migrations. */
    public InfoResult(String schema, String table, MigrationVersion currentVersion, List<MigrationInfo> migrations) {
        this(schema, table, currentVersion, migrations, List.of());
    }
}
