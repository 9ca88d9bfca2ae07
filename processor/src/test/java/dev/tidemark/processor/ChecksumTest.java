package dev.tidemark.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    /** The migration of {@code fixtures/checksum/outside-constants} and the class holding its SQL. */
    private static final Path OUTSIDE_CONSTANTS = VARIANTS.resolve("outside-constants");

    private static final Path ORDER_SQL = Path.of("com/acme/db/sql/OrderSql.java");
    private static final Path INDEX_NAMES = Path.of("com/acme/db/sql/IndexNames.java");
    private static final Path CREATE_ORDERS = Path.of("com/acme/db/CreateOrders.java");

    /** The checksum of {@code fixtures/checksum/outside-constants}, written out, as {@link #GOLDEN}. */
    private static final String GOLDEN_WITH_CONSTANTS =
            "v2:75306977f544bacda272e9d3e84326327a68f66e032e34cd8029e2dea904753d";

    @TempDir
    Path work;

    private int compilations;

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
    void checksum_isUnchanged_bySilencingTidemarksWarningWithSuppressWarnings() {
        String checksum = checksumOfTransformed(source -> source.replace(
                        "public final class AddEmailVerification",
                        "@SuppressWarnings(\"tidemark:uncovered-code\")\npublic final class AddEmailVerification")
                .replace(
                        "    @Override\n    public void up(",
                        "    @Override\n    @SuppressWarnings(value = {\"tidemark\"})\n    public void up("));

        assertThat(checksum).isEqualTo(GOLDEN);
    }

    @Test
    void checksum_changes_whenASuppressWarningsHoldsOtherKeysBesidesTidemarks() {
        String checksum = checksumOfTransformed(source -> source.replace(
                "public final class AddEmailVerification",
                "@SuppressWarnings({\"unchecked\", \"tidemark\"})\npublic final class AddEmailVerification"));

        assertThat(checksum).isNotEqualTo(GOLDEN);
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

    @Test
    void checksum_ofAMigrationUsingConstantsOfOtherClasses_isTheGoldenV2Value() {
        assertThat(checksumOfOutsideConstants(UnaryOperator.identity(), ORDER_SQL))
                .isEqualTo(GOLDEN_WITH_CONSTANTS);
    }

    @Test
    void checksum_coversTheSourceAndTheOutsideConstants_sortedByName() {
        // fixtures/checksum/outside-constants, its canonical text and constants written out by hand.
        String canonical = "public final class CreateOrders implements JavaMigration,IndexNames{private static"
                + " final String INDEX=\"CREATE INDEX \"+STATUS_INDEX+\" ON \"+OrderSql.ORDERS+\" (status)\";"
                + "@Override public void up(MigrationContext db)throws SQLException{db.execute(OrderSql.CREATE_ORDERS);"
                + "db.execute(INDEX+\" WITH (fillfactor = \"+FILL_FACTOR+\")\");}}";
        List<String> constants = List.of(
                "com.acme.db.sql.IndexNames.STATUS_INDEX java.lang.String = \"orders_status_idx\"",
                "com.acme.db.sql.OrderSql.CREATE_ORDERS java.lang.String = \"CREATE TABLE orders (id bigint"
                        + " PRIMARY KEY, status text NOT NULL, total numeric(12, 2))\\n\"",
                "com.acme.db.sql.OrderSql.FILL_FACTOR int = 90",
                "com.acme.db.sql.OrderSql.ORDERS java.lang.String = \"orders\"");

        assertThat(checksumOfOutsideConstants(UnaryOperator.identity(), ORDER_SQL))
                .isEqualTo(SourceChecksum.of(canonical, constants))
                .startsWith("v2:");
    }

    @Test
    void checksum_changes_whenTheSqlInAConstantOfAnotherClassChanges() {
        String checksum = checksumOfOutsideConstants(
                source -> source.replace("total numeric(12, 2)", "total numeric(14, 2)"), ORDER_SQL);

        assertThat(checksum).startsWith("v2:").isNotEqualTo(uneditedOutsideConstants());
    }

    @Test
    void checksum_changes_whenAStaticallyImportedConstantChanges() {
        String checksum = checksumOfOutsideConstants(source -> source.replace("= 90", "= 80"), ORDER_SQL);

        assertThat(checksum).isNotEqualTo(uneditedOutsideConstants());
    }

    @Test
    void checksum_changes_whenAnInheritedConstantUsedInTheMigrationsOwnConstantChanges() {
        String checksum = checksumOfOutsideConstants(
                source -> source.replace("orders_status_idx", "orders_by_status"), INDEX_NAMES);

        assertThat(checksum).isNotEqualTo(uneditedOutsideConstants());
    }

    @Test
    void checksum_isUnchanged_whenAConstantNoMigrationUsesChanges() {
        String checksum = checksumOfOutsideConstants(
                source -> source.replace("used by no migration", "still used by none"), ORDER_SQL);

        assertThat(checksum).isEqualTo(GOLDEN_WITH_CONSTANTS);
    }

    @Test
    void checksum_isUnchanged_whenTheConstantIsWrittenDifferentlyWithTheSameValue() {
        // Only the value reaches the migration's class file, so only the value counts.
        String checksum = checksumOfOutsideConstants(
                source -> source.replace("String ORDERS = \"orders\";", "String ORDERS = \"ord\" + \"ers\";"),
                ORDER_SQL);

        assertThat(checksum).isEqualTo(GOLDEN_WITH_CONSTANTS);
    }

    @Test
    void checksum_staysV1_whenTheMigrationUsesOnlyConstantsOfTheJavaPlatform() {
        String checksum = checksumOfTransformed(source ->
                source.replace("WHERE id = \\u0031\");", "WHERE id < \" + Integer.MAX_VALUE + Character.MIN_RADIX);"));

        assertThat(checksum).startsWith("v1:").isNotEqualTo(GOLDEN);
    }

    @Test
    void constantValues_renderTheSameOnEveryJdk() {
        assertThat(OutsideConstants.render("a \"b\"\\\n\tc\u0001\u00e9"))
                .isEqualTo("\"a \\\"b\\\"\\\\\\n\\tc\\u0001\u00e9\"");
        assertThat(OutsideConstants.render('\'')).isEqualTo("'\\''");
        assertThat(OutsideConstants.render(2e23)).isEqualTo("0x1.52d02c7e14af6p77");
        assertThat(OutsideConstants.render(0.1f)).isEqualTo("0x1.99999ap-4f");
        assertThat(OutsideConstants.render(42L)).isEqualTo("42");
        assertThat(OutsideConstants.render(true)).isEqualTo("true");
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

    private String uneditedOutsideConstants() {
        return checksumOfOutsideConstants(UnaryOperator.identity(), ORDER_SQL);
    }

    /**
     * The checksum of {@code CreateOrders} compiled with the other files of {@code
     * fixtures/checksum/outside-constants}, after {@code transform} was applied to {@code edited}.
     */
    private String checksumOfOutsideConstants(UnaryOperator<String> transform, Path edited) {
        Path root = work.resolve("outside-constants-" + ++compilations);
        try {
            for (Path relative : List.of(ORDER_SQL, INDEX_NAMES, CREATE_ORDERS)) {
                Path file = root.resolve(relative);
                Files.createDirectories(file.getParent());
                String source = TestCompiler.read(OUTSIDE_CONSTANTS.resolve(relative));
                Files.writeString(file, relative.equals(edited) ? transform.apply(source) : source);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return onlyChecksum(TestCompiler.sources(root)
                .compile(work.resolve("out-constants"))
                .assertSucceeded());
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
