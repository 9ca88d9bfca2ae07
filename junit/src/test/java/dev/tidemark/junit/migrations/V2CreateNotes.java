package dev.tidemark.junit.migrations;

import dev.tidemark.JavaMigration;
import dev.tidemark.Migration;
import dev.tidemark.MigrationContext;
import java.sql.SQLException;

@Migration(version = "2", description = "Create notes")
public final class V2CreateNotes implements JavaMigration {
    @Override
    public void up(MigrationContext db) throws SQLException {
        db.execute("""
                CREATE TABLE notes (
                    id bigserial PRIMARY KEY,
                    customer_id bigint NOT NULL REFERENCES customers (id),
                    body text NOT NULL
                );
                CREATE INDEX notes_customer ON notes (customer_id);
                """);
    }

    @Override
    public void down(MigrationContext db) throws SQLException {
        db.execute("DROP TABLE notes");
    }
}
