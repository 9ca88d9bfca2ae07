package com.acme.db;

import dev.tidemark.JavaMigration;
import dev.tidemark.Migration;
import dev.tidemark.MigrationContext;
import java.sql.SQLException;

@Migration(version = "2", description = "add audit trail")
public final class AddAuditTrail implements JavaMigration {

    @Override
    public void up(MigrationContext db) throws SQLException {
        db.execute("""
            CREATE TABLE audit_trail (id bigint PRIMARY KEY, entry text);
            INSERT INTO audit_log (entry) VALUES ('started');
            """);
    }
}
