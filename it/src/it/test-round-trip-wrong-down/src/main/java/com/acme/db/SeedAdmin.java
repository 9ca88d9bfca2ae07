package com.acme.db;

import dev.tidemark.JavaMigration;
import dev.tidemark.Migration;
import dev.tidemark.MigrationContext;
import java.sql.SQLException;

@Migration(version = "3", description = "seed admin")
public final class SeedAdmin implements JavaMigration {

    @Override
    public void up(MigrationContext db) throws SQLException {
        db.execute("INSERT INTO users (id, name) VALUES (1, 'admin')");
    }
}
