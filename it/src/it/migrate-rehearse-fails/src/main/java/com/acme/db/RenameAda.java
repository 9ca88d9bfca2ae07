package com.acme.db;

import dev.tidemark.JavaMigration;
import dev.tidemark.Migration;
import dev.tidemark.MigrationContext;
import java.sql.SQLException;

@Migration(version = "2", description = "rename ada")
public final class RenameAda implements JavaMigration {

    @Override
    public void up(MigrationContext db) throws SQLException {
        db.execute("UPDATE users SET name = 'Ada' WHERE id = 1");
    }
}
