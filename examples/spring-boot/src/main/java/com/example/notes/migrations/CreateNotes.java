package com.example.notes.migrations;

import dev.tidemark.JavaMigration;
import dev.tidemark.Migration;
import dev.tidemark.MigrationContext;
import java.sql.SQLException;

@Migration(version = "1", description = "create notes")
public final class CreateNotes implements JavaMigration {
    @Override
    public void up(MigrationContext db) throws SQLException {
        db.execute("""
            CREATE TABLE note (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                text text NOT NULL
            )
            """);
    }

    @Override
    public void down(MigrationContext db) throws SQLException {
        db.execute("DROP TABLE note");
    }
}
