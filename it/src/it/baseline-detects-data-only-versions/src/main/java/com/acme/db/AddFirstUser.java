package com.acme.db;

import dev.tidemark.JavaMigration;
import dev.tidemark.Migration;
import dev.tidemark.MigrationContext;
import java.sql.SQLException;

/** Data only: the schema after it is the schema after version 1. */
@Migration(version = "2", description = "add the first user")
public final class AddFirstUser implements JavaMigration {

    @Override
    public void up(MigrationContext db) throws SQLException {
        db.execute("INSERT INTO users (email) VALUES ('ada@example.com')");
    }
}
