package dev.tidemark.spi;

import dev.tidemark.JavaMigration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One migration in a {@link MigrationManifest}: its metadata and a factory that creates it
 * without reflection. The generated manifest's factories name each class only in a {@code new}
 * expression reached when the factory is called, so listing the entries loads no migration class
 * (validate and info never do); a hand-written manifest may simply pass {@code
 * AddEmailVerification::new}, which resolves the class when the entry is created.
 *
 * @param version the version exactly as written in {@code @Migration}
 * @param description the description (derived from the class name when the annotation had none)
 * @param className the binary name of the migration class
 * @param checksum {@code v1:} followed by the lower-case hex SHA-256 of the canonical source, or
 *     {@code v2:} followed by that of the canonical source and the values of the compile-time
 *     constants of other classes it uses
 * @param transactional the annotation's {@code transactional} flag
 * @param undoable whether the class overrides {@code down}
 * @param factory creates a new instance of the migration
 */
public record MigrationEntry(
        String version,
        String description,
        String className,
        String checksum,
        boolean transactional,
        boolean undoable,
        Supplier<? extends JavaMigration> factory) {

    public MigrationEntry {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(factory, "factory");
    }
}
