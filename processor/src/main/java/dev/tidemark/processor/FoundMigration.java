package dev.tidemark.processor;

import dev.tidemark.MigrationVersion;
import javax.lang.model.element.TypeElement;

/**
 * One migration as it goes into the manifest: a class compiled in this compilation, a class kept
 * from the previous one ({@code compiledEarlier}) during an incremental build, or a SQL file.
 *
 * @param version the version as written; empty for a repeatable SQL migration ({@code R__})
 * @param parsedVersion the parsed version, for ordering and duplicate detection; null for a
 *     repeatable
 * @param description the description, derived from the class or file name when none is given
 * @param binaryName the binary name ({@code com.acme.Outer$Inner}); for SQL, the up file's path
 * @param canonicalName the canonical name ({@code com.acme.Outer.Inner}); for SQL, the up file's path
 * @param checksum the source checksum
 * @param transactional the annotation's {@code transactional} flag, or the SQL file's
 * @param undoable whether the class declares or inherits a {@code down} other than the default, or
 *     the SQL migration has a down file
 * @param type the class; null for SQL
 * @param compiledEarlier whether the entry comes from the previous compilation's manifest
 * @param sql the SQL files; null for a class
 */
record FoundMigration(
        String version,
        MigrationVersion parsedVersion,
        String description,
        String binaryName,
        String canonicalName,
        String checksum,
        boolean transactional,
        boolean undoable,
        TypeElement type,
        boolean compiledEarlier,
        SqlMigrationFile sql) {

    /** A Java migration. */
    FoundMigration(
            String version,
            MigrationVersion parsedVersion,
            String description,
            String binaryName,
            String canonicalName,
            String checksum,
            boolean transactional,
            boolean undoable,
            TypeElement type,
            boolean compiledEarlier) {
        this(
                version,
                parsedVersion,
                description,
                binaryName,
                canonicalName,
                checksum,
                transactional,
                undoable,
                type,
                compiledEarlier,
                null);
    }

    /** How the migration is named in messages. */
    String displayName() {
        if (sql != null) {
            return sql.location();
        }
        return compiledEarlier ? canonicalName + " (compiled earlier)" : canonicalName;
    }

    boolean isSql() {
        return sql != null;
    }

    /** Whether this is a repeatable SQL migration ({@code R__<description>.sql}), without version. */
    boolean isRepeatable() {
        return parsedVersion == null;
    }
}
