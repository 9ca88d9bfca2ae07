package com.example.notes.migrations;

import dev.tidemark.JavaMigration;
import dev.tidemark.Migration;
import dev.tidemark.MigrationContext;
import java.sql.SQLException;

@Migration(version = "2", description = "welcome note")
public final class WelcomeNote implements JavaMigration {
    @Override
    public void up(MigrationContext db) throws SQLException {
        db.execute("INSERT INTO note (text) VALUES ('Welcome to your notes')");
    }

    @Override
    public void down(MigrationContext db) throws SQLException {
        db.execute("DELETE FROM note WHERE text = 'Welcome to your notes'");
    }
}
