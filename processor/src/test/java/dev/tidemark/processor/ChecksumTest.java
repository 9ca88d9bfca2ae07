package dev.tidemark.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checksum as users meet it: compiled from real sources, read from what the processor wrote.
 * The fixture variants under {@code fixtures/checksum/} differ from {@code original} in one way
 * each.
 */
class ChecksumTest {

    private static final Path VARIANTS = TestCompiler.FIXTURES.resolve("checksum");
    private static final Path SOURCE_FILE = Path.of("com/acme/db/AddEmailVerification.java");

    /**
     * The checksum of {@code fixtures/checksum/original}, written out: the same on every JDK and
     * OS the build passes on (JDK 17 and 25 here), or {@code validate} would fail after an upgrade.
     */
    private static final String GOLDEN = "v1:5a984f8c6cfeecf2e0f916af9ebdaf997187360ce5518b6164787abbfb8a6392";

    @TempDir
    Path work;

    @Test
    void checksum_ofTheOriginal_isTheGoldenValue() {
        assertThat(checksumOf("original")).isEqualTo(GOLDEN);
    }

    @Test
    void checksum_isTheSha256OfTheCanonicalText() {
        // fixtures/valid/com/acme/db/CreateUsers.java, canonical text written out by hand.
        String canonical = "public final class CreateUsers implements JavaMigration{@Override public void"
                + " up(MigrationContext db)throws SQLException{db.execute(\"CREATE TABLE users (id bigint PRIMARY"
                + " KEY, email text NOT NULL)\");}@Override public void down(MigrationContext db)throws"
                + " SQLException{db.execute(\"DROP TABLE users\");}}";
        TestCompiler.Result result = TestCompiler.fixture("valid").compile(work).assertSucceeded();

        assertThat(result.entries("com.acme.db.TidemarkManifest"))
                .filteredOn(entry -> entry.binaryName().equals("com.acme.db.CreateUsers"))
                .singleElement()
                .extracting(EntriesFile.Entry::checksum)
                .isEqualTo(SourceChecksum.ofCanonicalText(canonical))
                .asString()
                .matches("v1:[0-9a-f]{64}");
    }

    @Test
    void checksum_isUnchanged_byReformatting() {
        assertThat(checksumOf("reformatted")).isEqualTo(GOLDEN);
    }

    @Test
    void checksum_isUnchanged_byEditingAndAddingComments() {
        assertThat(checksumOf("comments")).isEqualTo(GOLDEN);
    }

    @Test
    void checksum_isUnchanged_byChangingTheMigrationAnnotation() {
        assertThat(checksumOf("annotation-changed")).isEqualTo(GOLDEN);
    }

    @Test
    void checksum_isUnchanged_byWindowsLineEndings() {
        assertThat(checksumOfTransformed(source -> source.replace("\n", "\r\n")))
                .isEqualTo(GOLDEN);
    }

    @Test
    void checksum_isUnchanged_byReindentingTheWholeClass_textBlocksIncluded() {
        String indented = checksumOfTransformed(source -> source.lines()
                .map(line -> line.isEmpty() ? line : "\t    " + line)
                .collect(Collectors.joining("\n", "", "\n")));
        String dedented = checksumOfTransformed(source -> source.lines()
                .map(line -> line.startsWith("    ") ? line.substring(4) : line)
                .collect(Collectors.joining("\n", "", "\n")));

        assertThat(indented).isEqualTo(GOLDEN);
        assertThat(dedented).isEqualTo(GOLDEN);
    }

    @Test
    void checksum_changes_whenOneCharacterOfSqlInATextBlockChanges() {
        assertThat(checksumOf("sql-changed")).isNotEqualTo(GOLDEN);
    }

    @Test
    void checksum_changes_whenTheSqlInATextBlockIsIndentedDifferently() {
        // Moving the SQL right of the closing delimiter changes the string the database receives.
        String checksum = checksumOfTransformed(
                source -> source.replace("            ALTER TABLE", "                ALTER TABLE"));

        assertThat(checksum).isNotEqualTo(GOLDEN);
    }

    @Test
    void checksum_changes_whenCodeChanges() {
        assertThat(checksumOf("code-changed")).isNotEqualTo(GOLDEN);
    }

    @Test
    void checksum_changes_whenWhiteSpaceInsideAStringLiteralChanges() {
        String checksum = checksumOfTransformed(source -> source.replace("DROP COLUMN email", "DROP COLUMN  email"));

        assertThat(checksum).isNotEqualTo(GOLDEN);
    }

    private String checksumOf(String variant) {
        TestCompiler.Result result = TestCompiler.sources(VARIANTS.resolve(variant))
                .compile(work.resolve(variant))
                .assertSucceeded();
        return onlyChecksum(result);
    }

    private String checksumOfTransformed(UnaryOperator<String> transform) {
        Path root = work.resolve("transformed");
        try {
            Path file = root.resolve(SOURCE_FILE);
            Files.createDirectories(file.getParent());
            String original = TestCompiler.read(VARIANTS.resolve("original").resolve(SOURCE_FILE));
            String transformed = transform.apply(original);
            assertThat(transformed).as("the transformation changed the source").isNotEqualTo(original);
            Files.writeString(file, transformed, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return onlyChecksum(
                TestCompiler.sources(root).compile(work.resolve("out")).assertSucceeded());
    }

    private static String onlyChecksum(TestCompiler.Result result) {
        return result.entries("com.acme.db.TidemarkManifest").stream()
                .map(EntriesFile.Entry::checksum)
                .reduce((a, b) -> {
                    throw new AssertionError("more than one entry");
                })
                .orElseThrow();
    }
}
