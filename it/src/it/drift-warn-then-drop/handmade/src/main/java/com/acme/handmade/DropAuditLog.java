package com.acme.handmade;

import dev.tidemark.JavaMigration;
import dev.tidemark.Migration;
import dev.tidemark.MigrationContext;
import java.sql.SQLException;

@Migration(version = "2", description = "drop public.audit_log by hand")
public final class DropAuditLog implements JavaMigration {

    @Override
    public void up(MigrationContext db) throws SQLException {
        db.execute("DROP TABLE public.audit_log");
    }
}
