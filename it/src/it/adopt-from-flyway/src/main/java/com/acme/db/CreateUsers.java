package com.acme.db;

import dev.tidemark.JavaMigration;
import dev.tidemark.Migration;
import dev.tidemark.MigrationContext;
import java.sql.SQLException;

/** Flyway's V1__Create_users.sql. */
@Migration(version = "1", description = "Create users")
public final class CreateUsers implements JavaMigration {

    @Override
    public void up(MigrationContext db) throws SQLException {
        db.execute("CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL)");
    }
}
