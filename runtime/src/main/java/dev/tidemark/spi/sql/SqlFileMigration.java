package dev.tidemark.spi.sql;

import dev.tidemark.JavaMigration;
import dev.tidemark.MigrationContext;
import dev.tidemark.spi.MigrationEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * A migration written as SQL files: {@code up} runs the up file, {@code down} the down file, each
 * statement by statement through {@link MigrationContext#execute} exactly as a Java migration's
 * script runs, so numbering, resuming and the refusal of transaction control are the same. A
 * failing statement is reported with its file and the line it starts on.
 *
 * <p>The files' texts are the copies the processor wrote into the class output when it computed
 * their checksums, so the text that runs is the text the checksum covers.
 */
public final class SqlFileMigration implements JavaMigration {

    /** Where the processor copies SQL files in the class output. */
    public static final String RESOURCE_FOLDER = "META-INF/tidemark/sql/";

    private final ClassLoader loader;
    private final MigrationEntry.SqlSource source;
    private final Map<String, String> placeholders;

    public SqlFileMigration(ClassLoader loader, MigrationEntry.SqlSource source) {
        this(loader, source, Map.of());
    }

    private SqlFileMigration(ClassLoader loader, MigrationEntry.SqlSource source, Map<String, String> placeholders) {
        this.loader = loader;
        this.source = source;
        this.placeholders = placeholders;
    }

    /** This migration with {@code ${name}} placeholders replaced by {@code values}. */
    public SqlFileMigration withPlaceholders(Map<String, String> values) {
        return new SqlFileMigration(loader, source, Map.copyOf(values));
    }

    /** The up file's path in its migration folder ({@code V2__Create_orders.sql}). */
    public String file() {
        return source.file();
    }

    /** The up file's text as written (without a byte-order mark), placeholders not replaced. */
    public String upText() throws SQLException {
        return text(source.upResource(), source.file());
    }

    /** The up file's text as it runs: its placeholders replaced by the values this migration was given. */
    public String upTextAsRun() throws SQLException {
        return SqlPlaceholders.replace(upText(), placeholders);
    }

    @Override
    public void up(MigrationContext db) throws SQLException {
        run(db, source.upResource());
    }

    @Override
    public void down(MigrationContext db) throws SQLException {
        if (source.downResource() == null) {
            throw new UnsupportedOperationException(source.file() + " has no down file");
        }
        run(db, source.downResource());
    }

    /** The file's path in its migration folder, from its resource name. */
    static String fileOf(String resource) {
        return resource.startsWith(RESOURCE_FOLDER) ? resource.substring(RESOURCE_FOLDER.length()) : resource;
    }

    private void run(MigrationContext db, String resource) throws SQLException {
        String file = fileOf(resource);
        String script = SqlPlaceholders.replace(text(resource, file), placeholders);
        List<ScriptSplitter.Located> statements;
        try {
            statements = ScriptSplitter.splitWithLines(script);
        } catch (ScriptException e) {
            throw new SqlFileException(file, 0, e);
        }
        for (ScriptSplitter.Located statement : statements) {
            try {
                db.execute(statement.text());
            } catch (SQLException e) {
                throw new SqlFileException(file, statement.line(), e);
            }
        }
    }

    /** The text of {@code resource}, without a leading byte-order mark. */
    private String text(String resource, String file) throws SQLException {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new SQLException("The SQL migration file " + file + " is not on the class path as " + resource
                        + ", where the processor copied it: the build output is incomplete; rebuild the project");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (IOException e) {
            throw new SQLException("Cannot read the SQL migration file " + file + " (" + resource + "): " + e, e);
        }
    }
}
