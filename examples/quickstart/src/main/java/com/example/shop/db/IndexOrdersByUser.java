package com.example.shop.db;

import dev.tidemark.JavaMigration;
import dev.tidemark.Migration;
import dev.tidemark.MigrationContext;
import java.sql.SQLException;

/**
 * Builds the index without locking {@code orders} against writes. PostgreSQL refuses {@code CREATE
 * INDEX CONCURRENTLY} inside a transaction, so this migration runs outside one.
 */
@Migration(version = "3", description = "Index orders by user", transactional = false)
public final class IndexOrdersByUser implements JavaMigration {

    @Override
    public void up(MigrationContext db) throws SQLException {
        db.execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_user_id_placed_at_idx"
                + " ON orders (user_id, placed_at DESC)");
    }
}
