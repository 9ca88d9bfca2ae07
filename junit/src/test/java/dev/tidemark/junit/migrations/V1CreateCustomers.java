package dev.tidemark.junit.migrations;

import dev.tidemark.JavaMigration;
import dev.tidemark.Migration;
import dev.tidemark.MigrationContext;
import java.sql.SQLException;

@Migration(version = "1", description = "Create customers")
public final class V1CreateCustomers implements JavaMigration {
    @Override
    public void up(MigrationContext db) throws SQLException {
        db.execute("CREATE TABLE customers (id bigserial PRIMARY KEY, name text NOT NULL)");
    }

    @Override
    public void down(MigrationContext db) throws SQLException {
        db.execute("DROP TABLE customers");
    }
}
