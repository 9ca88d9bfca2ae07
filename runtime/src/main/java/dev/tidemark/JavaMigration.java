package dev.tidemark;

import java.sql.SQLException;

/**
 * A schema migration written in Java. Implementations are annotated with {@link Migration} and
 * instantiated through the generated manifest, never by reflection.
 */
public interface JavaMigration {

    /** Applies the migration. */
    void up(MigrationContext db) throws SQLException;

    /**
     * Reverts what {@link #up} did. Optional: a migration that does not override it cannot be
     * undone, and the undo goal says so before it touches anything. The annotation processor
     * records whether a migration overrides this method.
     */
    default void down(MigrationContext db) throws SQLException {
        throw new UnsupportedOperationException(getClass().getName() + " does not override down()");
    }
}
