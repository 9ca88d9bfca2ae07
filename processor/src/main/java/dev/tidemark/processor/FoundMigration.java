package dev.tidemark.processor;

import dev.tidemark.MigrationVersion;
import javax.lang.model.element.TypeElement;

/**
 * One migration as it goes into the manifest: compiled in this compilation, or kept from the
 * previous one ({@code compiledEarlier}) during an incremental build.
 *
 * @param version the version as written
 * @param parsedVersion the parsed version, for ordering and duplicate detection
 * @param description the description, derived from the class name when the annotation has none
 * @param binaryName the binary name ({@code com.acme.Outer$Inner})
 * @param canonicalName the canonical name ({@code com.acme.Outer.Inner})
 * @param checksum the source checksum
 * @param transactional the annotation's {@code transactional} flag
 * @param undoable whether the class declares or inherits a {@code down} other than the default
 * @param type the class
 * @param compiledEarlier whether the entry comes from the previous compilation's manifest
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
        boolean compiledEarlier) {

    /** How the migration is named in messages. */
    String displayName() {
        return compiledEarlier ? canonicalName + " (compiled earlier)" : canonicalName;
    }
}
