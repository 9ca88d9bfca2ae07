package com.acme.db;

import dev.tidemark.JavaMigration;
import dev.tidemark.Migration;
import dev.tidemark.MigrationContext;
import java.sql.SQLException;

@Migration(version = "2", description = "add user email")
public final class AddUserEmail implements JavaMigration {

    @Override
    public void up(MigrationContext db) throws SQLException {
        db.execute("ALTER TABLE users ADD COLUMN email text");
    }
}
