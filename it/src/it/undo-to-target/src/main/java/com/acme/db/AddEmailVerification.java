package com.acme.db;

import dev.tidemark.JavaMigration;
import dev.tidemark.Migration;
import dev.tidemark.MigrationContext;
import java.sql.SQLException;

@Migration(version = "2", description = "add email verification")
public final class AddEmailVerification implements JavaMigration {

    @Override
    public void up(MigrationContext db) throws SQLException {
        db.execute("ALTER TABLE users ADD COLUMN email_verified boolean NOT NULL DEFAULT false");
    }

    @Override
    public void down(MigrationContext db) throws SQLException {
        db.execute("ALTER TABLE users DROP COLUMN email_verified");
    }
}
