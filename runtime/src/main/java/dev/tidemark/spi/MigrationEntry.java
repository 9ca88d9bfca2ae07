package dev.tidemark.spi;

import dev.tidemark.JavaMigration;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One migration in a {@link MigrationManifest}: its metadata and a factory that creates it
 * without reflection. The generated manifest's factories name each class only in a {@code new}
 * expression reached when the factory is called, so listing the entries loads no migration class
 * (validate and info never do); a hand-written manifest may simply pass {@code
 * AddEmailVerification::new}, which resolves the class when the entry is created.
 *
 * @param version the version exactly as written in {@code @Migration} or in the SQL file's name;
 *     empty for a repeatable SQL migration ({@code R__<description>.sql}), whose description is its
 *     identity
 * @param description the description (derived from the class or file name when none was given)
 * @param className the binary name of the migration class; for a SQL migration, its file's path
 *     in its folder ({@code V1.2__Add_users.sql}, {@code 20240101_users/up.sql})
 * @param checksum {@code v1:} followed by the lower-case hex SHA-256 of the canonical source, or
 *     {@code v2:} followed by that of the canonical source and the values of the compile-time
 *     constants of other classes it uses; {@code s1:} for a SQL file (see the README's checksum
 *     section)
 * @param transactional the annotation's {@code transactional} flag, or for SQL, whether the file
 *     is not marked non-transactional
 * @param undoable whether the class overrides {@code down}, or the SQL migration has a down file
 * @param factory creates a new instance of the migration
 * @param sql where a SQL migration's text is and what the other tools knew it by; null for a Java
 *     migration
 */
public record MigrationEntry(
        String version,
        String description,
        String className,
        String checksum,
        boolean transactional,
        boolean undoable,
        Supplier<? extends JavaMigration> factory,
        SqlSource sql) {

    public MigrationEntry {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(factory, "factory");
    }

    /** Whether this is a repeatable SQL migration: no version, re-applied whenever its checksum changes. */
    public boolean repeatable() {
        return version.isEmpty();
    }

    /** A Java migration's entry. */
    public MigrationEntry(
            String version,
            String description,
            String className,
            String checksum,
            boolean transactional,
            boolean undoable,
            Supplier<? extends JavaMigration> factory) {
        this(version, description, className, checksum, transactional, undoable, factory, null);
    }

    /**
     * The files of a SQL migration as the processor found them.
     *
     * @param file the up file's name as written in its folder ({@code V1.2__Add_users.sql}), the
     *     identity other tools record
     * @param upResource the class-path resource holding the up file's text, copied at compile time
     * @param downResource the resource of the down file, or null when there is none
     * @param flywayChecksum Flyway's checksum of the up file: the CRC-32 of its lines' UTF-8 bytes
     *     without line terminators (and without a leading byte-order mark), as a signed int
     * @param placeholders the names of the {@code ${name}} placeholders the up and down files use
     */
    public record SqlSource(
            String file, String upResource, String downResource, int flywayChecksum, Set<String> placeholders) {

        public SqlSource {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(upResource, "upResource");
            placeholders = Set.copyOf(placeholders);
        }
    }
}
