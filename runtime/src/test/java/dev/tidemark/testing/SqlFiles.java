package dev.tidemark.testing;

import dev.tidemark.spi.MigrationEntry;
import dev.tidemark.spi.sql.SqlFileMigration;
import dev.tidemark.spi.sql.SqlPlaceholders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL migration files as the processor leaves them in the class output (the texts under {@code
 * META-INF/tidemark/sql/}), and the entries its listing gives for them: the runtime's side of a SQL
 * migration, without compiling.
 */
public final class SqlFiles {

    private final Path classes;
    private final List<MigrationEntry> entries = new ArrayList<>();
    private URLClassLoader loader;

    public SqlFiles(Path classes) {
        this.classes = classes;
    }

    /** Adds a migration whose up file is {@code file} (and down file {@code downFile}, when not null). */
    public SqlFiles add(String version, String file, String up, String downFile, String down, boolean transactional) {
        write(file, up);
        if (downFile != null) {
            write(downFile, down);
        }
        MigrationEntry.SqlSource source = new MigrationEntry.SqlSource(
                file.substring(file.lastIndexOf('/') + 1),
                SqlFileMigration.RESOURCE_FOLDER + file,
                downFile == null ? null : SqlFileMigration.RESOURCE_FOLDER + downFile,
                0,
                SqlPlaceholders.names(up + (down == null ? "" : down)));
        entries.add(new MigrationEntry(
                version,
                "sql " + version,
                file,
                "s1:" + TestManifest.checksum(up).substring(3),
                transactional,
                downFile != null,
                () -> new SqlFileMigration(loader(), source),
                source));
        return this;
    }

    /**
     * Adds a repeatable migration ({@code R__<description>.sql}): no version, its description from
     * the file name as the processor derives it.
     */
    public SqlFiles repeatable(String file, String text, boolean transactional) {
        write(file, text);
        String name = file.substring(file.lastIndexOf('/') + 1);
        MigrationEntry.SqlSource source = new MigrationEntry.SqlSource(
                name, SqlFileMigration.RESOURCE_FOLDER + file, null, 0, SqlPlaceholders.names(text));
        entries.add(new MigrationEntry(
                "",
                name.substring(3, name.length() - 4).replace('_', ' ').strip(),
                file,
                "s1:" + TestManifest.checksum(text).substring(3),
                transactional,
                false,
                () -> new SqlFileMigration(loader(), source),
                source));
        return this;
    }

    public List<MigrationEntry> entries() {
        return List.copyOf(entries);
    }

    public TestManifest manifest() {
        return TestManifest.of(entries.toArray(MigrationEntry[]::new));
    }

    private synchronized ClassLoader loader() {
        if (loader == null) {
            try {
                loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null);
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }
        return loader;
    }

    private void write(String file, String text) {
        Path path = classes.resolve(SqlFileMigration.RESOURCE_FOLDER + file);
        try {
            Files.createDirectories(path.getParent());
            Files.writeString(path, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
