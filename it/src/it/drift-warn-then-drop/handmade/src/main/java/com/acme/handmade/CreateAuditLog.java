package com.acme.handmade;

import dev.tidemark.JavaMigration;
import dev.tidemark.Migration;
import dev.tidemark.MigrationContext;
import java.sql.SQLException;

@Migration(version = "1", description = "create public.audit_log by hand")
public final class CreateAuditLog implements JavaMigration {

    @Override
    public void up(MigrationContext db) throws SQLException {
        db.execute("CREATE TABLE public.audit_log (id bigint, what text)");
    }
}
