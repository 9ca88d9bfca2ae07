package com.example.billing.db;

import dev.tidemark.JavaMigration;
import dev.tidemark.Migration;
import dev.tidemark.MigrationContext;
import java.sql.SQLException;

/** The first migration written after the switch: only Tidemark runs it. */
@Migration(version = "4", description = "Add invoice due dates")
public final class AddInvoiceDueDates implements JavaMigration {

    @Override
    public void up(MigrationContext db) throws SQLException {
        db.execute("""
            ALTER TABLE invoices ADD COLUMN due_on date;
            """);
    }
}
