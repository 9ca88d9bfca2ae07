package dev.tidemark.internal.adopt;

import dev.tidemark.MigrationDescriptor;
import dev.tidemark.internal.plan.MigrationCatalog;
import dev.tidemark.internal.plan.RepeatableMigration;
import dev.tidemark.spi.sql.SqlFileMigration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;

/**
 * The text of a migration as its file holds it, for recomputing another tool's checksum: the one
 * place where SQL migrations plug into a takeover. A Java migration has no such text: no other tool
 * ever hashed its source, and a row is matched to it by version alone.
 */
public interface MigrationContents {

    /** The migration's file text (decoded as UTF-8), or null when it is a Java class. */
    String sqlText(MigrationDescriptor migration);

    /** The file name the migration was written as ({@code V2__Create_orders.sql}), or null for a class. */
    default String fileName(MigrationDescriptor migration) {
        return null;
    }

    /** The text of a repeatable migration's file (decoded as UTF-8), or null when it cannot be read here. */
    default String repeatableText(RepeatableMigration migration) {
        return null;
    }

    /**
     * The text of a repeatable migration's file with its placeholders replaced by the configured
     * values, as it runs; null when it cannot be read here.
     */
    default String repeatableTextAsRun(RepeatableMigration migration) {
        return null;
    }

    /** The contents of the catalog's migrations: a SQL migration's up file, read from the class path. */
    static MigrationContents of(MigrationCatalog catalog) {
        return new MigrationContents() {
            @Override
            public String sqlText(MigrationDescriptor migration) {
                if (!(catalog.instantiate(migration) instanceof SqlFileMigration sql)) {
                    return null;
                }
                return text(sql);
            }

            @Override
            public String repeatableText(RepeatableMigration migration) {
                return catalog.instantiate(migration) instanceof SqlFileMigration sql ? text(sql) : null;
            }

            @Override
            public String repeatableTextAsRun(RepeatableMigration migration) {
                return catalog.instantiate(migration) instanceof SqlFileMigration sql ? read(sql::upTextAsRun) : null;
            }

            @Override
            public String fileName(MigrationDescriptor migration) {
                if (!(catalog.instantiate(migration) instanceof SqlFileMigration sql)) {
                    return null;
                }
                String file = sql.file();
                return file.substring(file.lastIndexOf('/') + 1);
            }
        };
    }

    private static String text(SqlFileMigration sql) {
        return read(sql::upText);
    }

    /** A way of reading a file's text that may fail as JDBC code does. */
    @FunctionalInterface
    interface SqlText {
        String read() throws SQLException;
    }

    private static String read(SqlText text) {
        try {
            return text.read();
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException(e.getMessage(), e));
        }
    }
}
