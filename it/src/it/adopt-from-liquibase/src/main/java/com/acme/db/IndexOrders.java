package com.acme.db;

import dev.tidemark.JavaMigration;
import dev.tidemark.Migration;
import dev.tidemark.MigrationContext;
import java.sql.SQLException;

/** The first migration written for Tidemark. */
@Migration(version = "3", description = "Index orders")
public final class IndexOrders implements JavaMigration {

    @Override
    public void up(MigrationContext db) throws SQLException {
        db.execute("CREATE INDEX orders_user ON orders (user_id)");
    }
}
