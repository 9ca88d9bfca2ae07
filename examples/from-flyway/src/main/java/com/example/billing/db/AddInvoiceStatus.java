package com.example.billing.db;

import dev.tidemark.JavaMigration;
import dev.tidemark.Migration;
import dev.tidemark.MigrationContext;
import java.sql.SQLException;

/** Flyway's {@code V3__Add_invoice_status.sql}, as a Java migration. */
@Migration(version = "3", description = "Add invoice status")
public final class AddInvoiceStatus implements JavaMigration {

    @Override
    public void up(MigrationContext db) throws SQLException {
        db.execute("""
            ALTER TABLE invoices ADD COLUMN status text NOT NULL DEFAULT 'open'
                CHECK (status IN ('open', 'paid', 'void'));
            """);
    }
}
