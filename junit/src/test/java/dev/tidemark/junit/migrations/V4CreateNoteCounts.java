package dev.tidemark.junit.migrations;

import dev.tidemark.JavaMigration;
import dev.tidemark.Migration;
import dev.tidemark.MigrationContext;
import java.sql.SQLException;

@Migration(version = "4", description = "Create note counts")
public final class V4CreateNoteCounts implements JavaMigration {
    @Override
    public void up(MigrationContext db) throws SQLException {
        db.execute("""
                CREATE FUNCTION note_count(customer bigint) RETURNS bigint LANGUAGE sql STABLE
                    AS $$ SELECT count(*) FROM notes WHERE customer_id = customer $$;
                CREATE VIEW customer_note_counts AS SELECT id, name, note_count(id) AS notes FROM customers;
                """);
    }

    @Override
    public void down(MigrationContext db) throws SQLException {
        db.execute("DROP VIEW customer_note_counts; DROP FUNCTION note_count(bigint)");
    }
}
