package com.acme.db;

import dev.tidemark.JavaMigration;
import dev.tidemark.Migration;
import dev.tidemark.MigrationContext;
import java.sql.SQLException;

@Migration(version = "3", description = "index verified users")
public final class IndexVerifiedUsers implements JavaMigration {

    @Override
    public void up(MigrationContext db) throws SQLException {
        db.execute("CREATE INDEX users_email_verified_idx ON users (email_verified)");
    }
}
