package com.example.billing.db;

import dev.tidemark.JavaMigration;
import dev.tidemark.Migration;
import dev.tidemark.MigrationContext;
import java.sql.SQLException;

/** Flyway's {@code V2__Create_invoices.sql}, as a Java migration. */
@Migration(version = "2", description = "Create invoices")
public final class CreateInvoices implements JavaMigration {

    @Override
    public void up(MigrationContext db) throws SQLException {
        db.execute("""
            CREATE TABLE invoices (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                customer_id bigint NOT NULL REFERENCES customers (id),
                amount_cents bigint NOT NULL CHECK (amount_cents >= 0)
            );
            CREATE INDEX invoices_customer ON invoices (customer_id);
            """);
    }
}
