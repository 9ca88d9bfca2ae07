package dev.tidemark;

/**
 * What the manifest knows of one migration, without loading its class.
 *
 * @param version the migration's version
 * @param description its description (derived from the class name when the annotation had none)
 * @param className the binary name of the migration class
 * @param checksum the checksum of its source, prefixed with the checksum algorithm version ({@code v1:…};
 *     {@code v2:…} when it also covers constants of other classes)
 * @param transactional whether it runs in a transaction with its history row
 * @param undoable whether the class overrides {@link JavaMigration#down}
 */
public record MigrationDescriptor(
        MigrationVersion version,
        String description,
        String className,
        String checksum,
        boolean transactional,
        boolean undoable) {}
