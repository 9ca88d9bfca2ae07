package dev.tidemark.junit.migrations;

import dev.tidemark.JavaMigration;
import dev.tidemark.Migration;
import dev.tidemark.MigrationContext;
import java.sql.SQLException;

/** A data migration: the name's first word becomes the first name, the rest the last name. */
@Migration(version = "3", description = "Split customer names")
public final class V3SplitCustomerNames implements JavaMigration {
    @Override
    public void up(MigrationContext db) throws SQLException {
        db.execute("""
                ALTER TABLE customers ADD COLUMN first_name text, ADD COLUMN last_name text;
                UPDATE customers SET first_name = split_part(name, ' ', 1),
                                     last_name = nullif(substr(name, length(split_part(name, ' ', 1)) + 2), '');
                """);
    }

    @Override
    public void down(MigrationContext db) throws SQLException {
        db.execute("ALTER TABLE customers DROP COLUMN first_name, DROP COLUMN last_name");
    }
}
