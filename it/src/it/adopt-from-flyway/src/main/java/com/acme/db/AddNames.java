package com.acme.db;

import dev.tidemark.JavaMigration;
import dev.tidemark.Migration;
import dev.tidemark.MigrationContext;
import java.sql.SQLException;

/** Flyway's V1.1__Add_names.sql. */
@Migration(version = "1.1", description = "Add names")
public final class AddNames implements JavaMigration {

    @Override
    public void up(MigrationContext db) throws SQLException {
        db.execute("ALTER TABLE users ADD COLUMN name text");
    }
}
