package com.acme.db;

import dev.tidemark.JavaMigration;
import dev.tidemark.Migration;
import dev.tidemark.MigrationContext;
import java.sql.SQLException;

@Migration(version = "3", description = "add user names")
public final class AddUserNames implements JavaMigration {

    @Override
    public void up(MigrationContext db) throws SQLException {
        db.execute("""
            ALTER TABLE users ADD COLUMN name text
            """);
    }
}
