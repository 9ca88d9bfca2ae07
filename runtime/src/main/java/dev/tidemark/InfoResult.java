package dev.tidemark;

import java.util.List;

/**
 * What {@link Tidemark#info()} found.
 *
 * @param schema the schema
 * @param table the history table
 * @param currentVersion the newest applied version, or null when none
 * @param migrations every migration known to the code or the history, in version order
 */
public record InfoResult(String schema, String table, MigrationVersion currentVersion, List<MigrationInfo> migrations) {

    public InfoResult {
        migrations = List.copyOf(migrations);
    }
}
