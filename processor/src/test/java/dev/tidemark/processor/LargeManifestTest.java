package dev.tidemark.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.spi.MigrationEntry;
import dev.tidemark.spi.MigrationManifest;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A manifest of more migrations than one class could hold if it created every entry in one
 * method: generated, compiled, loaded and listed in order, every factory creating its own class.
 */
class LargeManifestTest {

    /**
     * A manifest that created all its entries in one static initializer, with a method reference
     * per entry, ran out of the JVM's 64 KB per method at about 2,100 entries and out of its
     * constant pool (13 or 14 entries per migration) at about 4,700 to 5,040; this many crosses
     * both, and fills the last of six parts of 1,000 entries only partly.
     */
    private static final int MIGRATIONS = 5_200;

    private static final int PER_FILE = 100;

    private static final String PACKAGE = "com.acme.big";

    @TempDir
    Path work;

    @Test
    void manifestOfThousandsOfMigrations_compilesWithoutWarning_andListsEveryEntryInVersionOrder() throws Exception {
        Path sources = work.resolve("src");
        writeMigrations(sources);

        TestCompiler.Result result = TestCompiler.sources(sources)
                .option("-Xlint:all,-processing")
                .option("-Werror")
                .compile(work.resolve("out"))
                .assertSucceeded();

        List<String> versions =
                IntStream.rangeClosed(1, MIGRATIONS).mapToObj(String::valueOf).toList();
        List<String> classNames = IntStream.rangeClosed(1, MIGRATIONS)
                .mapToObj(LargeManifestTest::className)
                .toList();
        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {result.classes().toUri().toURL()}, getClass().getClassLoader())) {
            long start = System.nanoTime();
            MigrationManifest manifest = ServiceLoader.load(MigrationManifest.class, loader)
                    .findFirst()
                    .orElseThrow();
            List<MigrationEntry> entries = manifest.migrations();
            long listed = System.nanoTime();

            assertThat(entries).extracting(MigrationEntry::version).containsExactlyElementsOf(versions);
            assertThat(entries).extracting(MigrationEntry::className).containsExactlyElementsOf(classNames);
            assertThat(entries.get(MIGRATIONS - 1).description()).isEqualTo("Create table t" + MIGRATIONS);

            long creating = System.nanoTime();
            List<String> created = entries.stream()
                    .map(entry -> entry.factory().get().getClass().getName())
                    .toList();
            long done = System.nanoTime();
            assertThat(created).isEqualTo(classNames);

            System.out.printf(
                    Locale.ROOT,
                    "%d migrations: manifest loaded and entries listed in %.1f ms; every migration created in %.1f ms%n",
                    MIGRATIONS,
                    (listed - start) / 1e6,
                    (done - creating) / 1e6);
        }
    }

    /**
     * {@value #PER_FILE} migrations per file, as static nested classes ({@code
     * Tables0.CreateTable1}): javac needs about a third less time for them than for one file per
     * class. Class names sort otherwise than versions ({@code CreateTable10} before {@code
     * CreateTable9}), so the order of the manifest is the processor's.
     */
    private static void writeMigrations(Path sources) throws IOException {
        Path dir = Files.createDirectories(sources.resolve(PACKAGE.replace('.', '/')));
        for (int file = 0; file * PER_FILE < MIGRATIONS; file++) {
            StringBuilder source = new StringBuilder("""
                    package %s;

                    import dev.tidemark.JavaMigration;
                    import dev.tidemark.Migration;
                    import dev.tidemark.MigrationContext;
                    import java.sql.SQLException;

                    public final class Tables%d {
                    """.formatted(PACKAGE, file));
            for (int i = file * PER_FILE + 1; i <= Math.min(MIGRATIONS, (file + 1) * PER_FILE); i++) {
                source.append("""

                            @Migration(version = "%1$d", description = "Create table t%1$d")
                            public static final class CreateTable%1$d implements JavaMigration {
                                @Override
                                public void up(MigrationContext db) throws SQLException {
                                    db.execute("CREATE TABLE t%1$d (id bigint PRIMARY KEY)");
                                }
                            }
                        """.formatted(i));
            }
            source.append("}\n");
            Files.writeString(dir.resolve("Tables" + file + ".java"), source, StandardCharsets.UTF_8);
        }
    }

    private static String className(int migration) {
        return PACKAGE + ".Tables" + ((migration - 1) / PER_FILE) + "$CreateTable" + migration;
    }
}
