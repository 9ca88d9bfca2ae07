package com.example.shop.db;

import dev.tidemark.JavaMigration;
import dev.tidemark.Migration;
import dev.tidemark.MigrationContext;
import java.sql.SQLException;

/**
 * Builds the index without locking {@code orders} against writes. PostgreSQL refuses {@code CREATE
 * INDEX CONCURRENTLY} inside a transaction, so this migration runs outside one.
 *
 * <p>No {@code IF NOT EXISTS} here, on purpose: a concurrent build that fails (a deadlock, a
 * cancel, duplicates for a unique index) leaves an INVALID index of that name behind, which
 * answers no query and enforces nothing, and {@code IF NOT EXISTS} would make the rerun skip it
 * and look successful. Tidemark names such an index after the failure; drop it with {@code DROP
 * INDEX CONCURRENTLY} and run the migration again.
 */
@Migration(version = "3", description = "Index orders by user", transactional = false)
public final class IndexOrdersByUser implements JavaMigration {

    @Override
    public void up(MigrationContext db) throws SQLException {
        db.execute("CREATE INDEX CONCURRENTLY orders_user_id_placed_at_idx ON orders (user_id, placed_at DESC)");
    }
}
