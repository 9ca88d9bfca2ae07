package com.example.billing.db;

import dev.tidemark.JavaMigration;
import dev.tidemark.Migration;
import dev.tidemark.MigrationContext;
import java.sql.SQLException;

/**
 * What the existing database already has, written down so that a new database gets it too. The
 * baseline at version 2 tells Tidemark that the existing database needs neither this nor version 2.
 */
@Migration(version = "1", description = "Create customers")
public final class CreateCustomers implements JavaMigration {

    @Override
    public void up(MigrationContext db) throws SQLException {
        db.execute("""
            CREATE TABLE customers (
                id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                name  text NOT NULL,
                email text NOT NULL UNIQUE
            )
            """);
    }
}
