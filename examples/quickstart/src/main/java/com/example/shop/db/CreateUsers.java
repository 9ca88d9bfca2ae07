package com.example.shop.db;

import dev.tidemark.JavaMigration;
import dev.tidemark.Migration;
import dev.tidemark.MigrationContext;
import java.sql.SQLException;

@Migration(version = "1", description = "Create users")
public final class CreateUsers implements JavaMigration {

    @Override
    public void up(MigrationContext db) throws SQLException {
        db.execute("""
            CREATE TABLE users (
                id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                email      text NOT NULL UNIQUE,
                name       text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now()
            )
            """);
    }

    @Override
    public void down(MigrationContext db) throws SQLException {
        db.execute("DROP TABLE users");
    }
}
