package dev.tidemark;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as a schema migration. The Tidemark annotation processor checks every annotated
 * class at compile time and lists it, with a checksum of its source, in the generated manifest.
 *
 * <pre>{@code
 * @Migration(version = "3", description = "Add email verification to users")
 * public final class AddEmailVerification implements JavaMigration {
 *     @Override public void up(MigrationContext db) throws SQLException {
 *         db.execute("ALTER TABLE users ADD COLUMN email_verified boolean NOT NULL DEFAULT false");
 *     }
 * }
 * }</pre>
 *
 * <p>The annotated class must be public, concrete, top-level or static nested, have a public
 * no-argument constructor and implement {@link JavaMigration}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Migration {

    /**
     * The identity of the migration: dotted numbers such as {@code 1}, {@code 1.2} or {@code
     * 2024.06.01.1}, compared numerically segment by segment ({@code 1.10} comes after {@code
     * 1.9}). See {@link MigrationVersion}.
     */
    String version();

    /**
     * Free text shown in {@code info} and stored in the history. When empty, it is derived from
     * the class name: {@code AddEmailVerification} becomes {@code add email verification}.
     * Editing it does not change the checksum.
     */
    String description() default "";

    /**
     * Whether the migration runs in a transaction together with its history row (the default).
     * Set it to {@code false} for statements PostgreSQL refuses inside a transaction, such as
     * {@code CREATE INDEX CONCURRENTLY} or {@code VACUUM}. A non-transactional migration that
     * fails leaves a failed history row that {@code repair} must clear.
     */
    boolean transactional() default true;
}
