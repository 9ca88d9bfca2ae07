package com.example.shop.db;

import dev.tidemark.JavaMigration;
import dev.tidemark.Migration;
import dev.tidemark.MigrationContext;
import java.sql.SQLException;

@Migration(version = "2", description = "Create orders and their lines")
public final class CreateOrders implements JavaMigration {

    @Override
    public void up(MigrationContext db) throws SQLException {
        // One script, several statements: Tidemark sends them one by one, in one transaction.
        db.execute("""
            CREATE TYPE order_status AS ENUM ('placed', 'paid', 'shipped', 'cancelled');

            CREATE TABLE orders (
                id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                user_id     bigint NOT NULL REFERENCES users (id),
                status      order_status NOT NULL DEFAULT 'placed',
                total_cents bigint NOT NULL CHECK (total_cents >= 0),
                placed_at   timestamptz NOT NULL DEFAULT now()
            );

            CREATE TABLE order_lines (
                order_id         bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
                line_no          int NOT NULL,
                sku              text NOT NULL,
                quantity         int NOT NULL CHECK (quantity > 0),
                unit_price_cents bigint NOT NULL,
                PRIMARY KEY (order_id, line_no)
            );
            """);
    }
}
