package com.acme.db;

import com.acme.db.sql.OrderSql;
import dev.tidemark.JavaMigration;
import dev.tidemark.Migration;
import dev.tidemark.MigrationContext;
import java.sql.SQLException;

@Migration(version = "2", description = "create orders")
public final class CreateOrders implements JavaMigration {

    @Override
    public void up(MigrationContext db) throws SQLException {
        db.execute(OrderSql.CREATE_ORDERS);
    }
}
