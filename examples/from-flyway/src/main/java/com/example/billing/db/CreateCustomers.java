package com.example.billing.db;

import dev.tidemark.JavaMigration;
import dev.tidemark.Migration;
import dev.tidemark.MigrationContext;
import java.sql.SQLException;

/** Flyway's {@code V1__Create_customers.sql}, as a Java migration. */
@Migration(version = "1", description = "Create customers")
public final class CreateCustomers implements JavaMigration {

    @Override
    public void up(MigrationContext db) throws SQLException {
        db.execute("""
            CREATE TABLE customers (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                name text NOT NULL,
                email text NOT NULL UNIQUE
            );
            """);
    }
}
