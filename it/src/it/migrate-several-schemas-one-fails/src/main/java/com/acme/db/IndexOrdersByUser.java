package com.acme.db;

import dev.tidemark.JavaMigration;
import dev.tidemark.Migration;
import dev.tidemark.MigrationContext;
import java.sql.SQLException;

@Migration(version = "3", description = "index orders by user", transactional = false)
public final class IndexOrdersByUser implements JavaMigration {

    @Override
    public void up(MigrationContext db) throws SQLException {
        db.execute("""
            CREATE INDEX CONCURRENTLY orders_user_idx ON orders (user_id)
            """);
    }
}
