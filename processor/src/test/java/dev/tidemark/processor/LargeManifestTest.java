package dev.tidemark.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.spi.MigrationEntry;
import dev.tidemark.spi.MigrationManifest;
import java.io.IOException;
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
     * both, fills the last of six parts of 1,000 migrations only partly, and needs about nine
     * string constants of listing.
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
                .strict()
                .compile(work.resolve("out"))
                .assertSucceeded();

        List<String> versions =
                IntStream.rangeClosed(1, MIGRATIONS).mapToObj(String::valueOf).toList();
        List<String> classNames = IntStream.rangeClosed(1, MIGRATIONS)
                .mapToObj(LargeManifestTest::className)
                .toList();
        try (URLClassLoader loader = result.loader()) {
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

    @Test
    void listing_ofDescriptionsWithItsSeparatorsAndWideCharacters_readsBackExactly() throws Exception {
        // About 800 bytes a migration in the class file: the listing needs several string constants,
        // each below the 65,535 bytes javac accepts.
        String wide = "\u20ac".repeat(250);
        Path dir = Files.createDirectories(work.resolve("src").resolve(PACKAGE.replace('.', '/')));
        StringBuilder source = new StringBuilder("""
                package %s;

                import dev.tidemark.JavaMigration;
                import dev.tidemark.Migration;
                import dev.tidemark.MigrationContext;

                public final class Odd {
                """.formatted(PACKAGE));
        int count = 300;
        for (int i = 1; i <= count; i++) {
            source.append("""
                        @Migration(version = "%1$d.0.%1$d", description = "%1$d:|4:x|\\n%2$s \\uD834\\uDD1E", transactional = %3$s)
                        public static final class Step%1$d implements JavaMigration {
                            @Override
                            public void up(MigrationContext db) {}
                        }
                    """.formatted(i, wide, i % 2 == 0));
        }
        Files.writeString(dir.resolve("Odd.java"), source.append("}\n"), StandardCharsets.UTF_8);

        TestCompiler.Result result = TestCompiler.sources(work.resolve("src"))
                .strict()
                .compile(work.resolve("out"))
                .assertSucceeded();

        try (URLClassLoader loader = result.loader()) {
            List<MigrationEntry> entries = TestCompiler.Result.manifestEntries(loader);

            assertThat(entries).hasSize(count);
            for (int i = 1; i <= count; i++) {
                MigrationEntry entry = entries.get(i - 1);
                assertThat(entry.version()).isEqualTo(i + ".0." + i);
                assertThat(entry.description()).isEqualTo(i + ":|4:x|\n" + wide + " \uD834\uDD1E");
                assertThat(entry.className()).isEqualTo(PACKAGE + ".Odd$Step" + i);
                assertThat(entry.checksum()).startsWith("v1:").hasSize(67);
                assertThat(entry.transactional()).isEqualTo(i % 2 == 0);
                assertThat(entry.factory().get().getClass().getName()).isEqualTo(entry.className());
            }
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
