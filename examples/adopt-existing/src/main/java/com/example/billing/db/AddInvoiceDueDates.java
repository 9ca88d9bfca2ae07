package com.example.billing.db;

import dev.tidemark.JavaMigration;
import dev.tidemark.Migration;
import dev.tidemark.MigrationContext;
import java.sql.SQLException;

/** The first change made through Tidemark: runs on the adopted database after the baseline. */
@Migration(version = "3", description = "Add due dates to invoices")
public final class AddInvoiceDueDates implements JavaMigration {

    @Override
    public void up(MigrationContext db) throws SQLException {
        db.execute("""
            ALTER TABLE invoices ADD COLUMN due_on date;
            UPDATE invoices SET due_on = issued_on + 30;
            ALTER TABLE invoices ALTER COLUMN due_on SET NOT NULL;
            """);
    }

    @Override
    public void down(MigrationContext db) throws SQLException {
        db.execute("ALTER TABLE invoices DROP COLUMN due_on");
    }
}
