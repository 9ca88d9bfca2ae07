package com.acme.db;

import dev.tidemark.JavaMigration;
import dev.tidemark.Migration;
import dev.tidemark.MigrationContext;
import java.sql.SQLException;

/** Liquibase's changeset 2. */
@Migration(version = "2", description = "Create orders")
public final class CreateOrders implements JavaMigration {

    @Override
    public void up(MigrationContext db) throws SQLException {
        db.execute("CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id))");
    }
}
