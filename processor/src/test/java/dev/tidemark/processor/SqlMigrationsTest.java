package dev.tidemark.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.JavaMigration;
import dev.tidemark.MigrationContext;
import dev.tidemark.MigrationDescriptor;
import dev.tidemark.spi.AllowedLintListing;
import dev.tidemark.spi.ManifestListing;
import dev.tidemark.spi.MigrationEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SQL migrations in real files of each layout, in a project laid out as Maven lays it out, compiled
 * with the processor as the compiler plugin runs it.
 */
class SqlMigrationsTest {

    private static final String JAVA_MIGRATION = """
            package com.acme.db;

            import dev.tidemark.JavaMigration;
            import dev.tidemark.Migration;
            import dev.tidemark.MigrationContext;
            import java.sql.SQLException;

            @Migration(version = "%s")
            public final class %s implements JavaMigration {
                @Override
                public void up(MigrationContext db) throws SQLException {
                    db.execute("CREATE TABLE %s (id bigint)");
                }
            }
            """;

    @TempDir
    Path work;

    private Path project() {
        return work.resolve("project");
    }

    private Path migrations() {
        return project().resolve("src/main/resources/db/migration");
    }

    private void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void javaMigration(String version, String name) {
        write(
                project().resolve("src/main/java/com/acme/db/" + name + ".java"),
                JAVA_MIGRATION.formatted(version, name, name.toLowerCase(Locale.ROOT)));
    }

    private TestCompiler.Result compile(String... options) {
        return compileInto("out", options);
    }

    private TestCompiler.Result compileInto(String out, String... options) {
        // javac runs only where there is Java: a module with SQL migrations only needs one class,
        // or a package-info.java.
        write(project().resolve("src/main/java/com/acme/package-info.java"), "package com.acme;\n");
        TestCompiler compiler = TestCompiler.sources(project().resolve("src/main/java"));
        for (String option : options) {
            compiler.option(option);
        }
        return compiler.compile(work.resolve(out));
    }

    private void everyLayout() {
        javaMigration("3", "AddAuditColumn");
        write(
                migrations().resolve("V1__Create_users.sql"),
                "-- the users\r\nCREATE TABLE users (id bigint PRIMARY KEY);\r\nCREATE INDEX users_id ON users (id);\r\n");
        write(migrations().resolve("U1__Create_users.sql"), "DROP TABLE users;\n");
        write(
                migrations().resolve("V1_1__Add_email.sql"),
                "ALTER TABLE users ADD COLUMN email text;\nCOMMENT ON COLUMN users.email IS '${note}';\n");
        write(migrations().resolve("2_orders/up.sql"), "CREATE TABLE orders (id bigint);\n");
        write(migrations().resolve("2_orders/down.sql"), "DROP TABLE orders;\n");
        write(migrations().resolve("2_orders/metadata.toml"), "# Diesel's\nrun_in_transaction = false\n");
        write(
                migrations().resolve("2024-01-05-101500_index.up.sql"),
                "-- tidemark:no-transaction\nCREATE INDEX CONCURRENTLY orders_id ON orders (id);\n");
        write(migrations().resolve("2024-01-05-101500_index.down.sql"), "DROP INDEX CONCURRENTLY orders_id;\n");
        write(project().resolve("sql/extra/V5__Extra.sql"), "CREATE TABLE extra (id bigint);\n");
        write(migrations().resolve("README.md"), "not a migration\n");
    }

    @Test
    void everyLayout_isListedInTheManifest_withTheJavaMigrations_inOneVersionSequence() throws Exception {
        everyLayout();

        TestCompiler.Result result = compile("-Atidemark.sqlFolders=sql/extra").assertSucceeded();

        List<ManifestListing.Line> lines = ManifestListing.parse(
                TestCompiler.read(result.classes().resolve(ManifestListing.path("com.acme.db.TidemarkManifest"))));
        assertThat(lines)
                .extracting(ManifestListing.Line::version, ManifestListing.Line::kind, ManifestListing.Line::name)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("1", "sql", "V1__Create_users.sql"),
                        org.assertj.core.groups.Tuple.tuple("1.1", "sql", "V1_1__Add_email.sql"),
                        org.assertj.core.groups.Tuple.tuple("2", "sql", "2_orders/up.sql"),
                        org.assertj.core.groups.Tuple.tuple("3", "java", "com.acme.db.AddAuditColumn"),
                        org.assertj.core.groups.Tuple.tuple("5", "sql", "V5__Extra.sql"),
                        org.assertj.core.groups.Tuple.tuple(
                                "2024.01.05.101500", "sql", "2024-01-05-101500_index.up.sql"));
        assertThat(lines)
                .extracting(ManifestListing.Line::description)
                .containsExactly("Create users", "Add email", "orders", "add audit column", "Extra", "index");
        assertThat(lines)
                .extracting(ManifestListing.Line::transactional)
                .containsExactly(true, true, false, true, true, false);
        assertThat(lines)
                .extracting(ManifestListing.Line::undoable)
                .containsExactly(true, false, true, false, false, true);
        assertThat(lines.get(0).checksum()).startsWith(SqlChecksum.TAG);
        assertThat(lines.get(0).detail("file")).isEqualTo("V1__Create_users.sql");
        assertThat(lines.get(0).detail("down")).isEqualTo("META-INF/tidemark/sql/U1__Create_users.sql");
        assertThat(lines.get(1).detail("placeholders")).isEqualTo("note");
        assertThat(Files.readAllLines(result.classes().resolve(ManifestWriter.SQL_FOLDERS_FILE)).stream()
                        .map(folder -> result.classes().resolve(folder).normalize()))
                .containsExactly(
                        migrations().normalize(), project().resolve("sql/extra").normalize());
        assertThat(lines.get(0).detail("placeholders")).isNull();
        // Copied beside the SQL files only for the build tool's check of edits since this compilation.
        assertThat(result.classes().resolve("META-INF/tidemark/sql/2_orders/metadata.toml"))
                .hasContent("# Diesel's\nrun_in_transaction = false\n");
        assertThat(result.classes()
                        .resolve("META-INF/tidemark/sql/V1__Create_users.sql")
                        .resolveSibling("metadata.toml"))
                .doesNotExist();

        try (URLClassLoader loader = result.loader()) {
            List<MigrationEntry> entries = TestCompiler.Result.manifestEntries(loader);
            MigrationEntry users = entries.get(0);
            assertThat(users.sql().flywayChecksum())
                    .isEqualTo(SqlChecksum.flyway(Files.readString(migrations().resolve("V1__Create_users.sql"))));
            Recording context = new Recording(users);
            JavaMigration migration = users.factory().get();
            migration.up(context);
            assertThat(context.statements)
                    .containsExactly(
                            "-- the users\r\nCREATE TABLE users (id bigint PRIMARY KEY)",
                            "CREATE INDEX users_id ON users (id)");
            migration.down(context);
            assertThat(context.statements).last().isEqualTo("DROP TABLE users");
            assertThat(entries.get(3).factory().get().getClass().getName()).isEqualTo("com.acme.db.AddAuditColumn");
        }
    }

    @Test
    void sqlOnly_getsAManifestInTheDefaultPackage() {
        write(migrations().resolve("V1__Create_users.sql"), "CREATE TABLE users (id bigint);\n");

        TestCompiler.Result result = compile().assertSucceeded();

        assertThat(result.classes().resolve(ManifestListing.path("db.migration.TidemarkManifest")))
                .exists();
        assertThat(result.classes().resolve("META-INF/tidemark/sql/V1__Create_users.sql"))
                .hasContent("CREATE TABLE users (id bigint);\n");
    }

    @Test
    void theTestCompilation_readsTheTestsFolder_notTheMainOnes() {
        write(migrations().resolve("V1__Create_users.sql"), "CREATE TABLE users (id bigint);\n");
        write(project().resolve("src/test/java/com/acme/AppTest.java"), "package com.acme;\npublic class AppTest {}\n");

        TestCompiler.Result result = TestCompiler.sources(project().resolve("src/test/java"))
                .option("-Atidemark.sqlFolders=src/main/resources/db/migration")
                .compile(work.resolve("out"))
                .assertSucceeded();

        assertThat(result.generatedAnything()).isFalse();
    }

    @Test
    void aDuplicateVersionAcrossJavaAndSql_isAnErrorNamingTheFile() {
        javaMigration("1.0", "CreateAccounts");
        write(migrations().resolve("V1__Create_users.sql"), "CREATE TABLE users (id bigint);\n");

        TestCompiler.Result result = compile();

        assertThat(messages(result, "TM-P002"))
                .anySatisfy(
                        message -> assertThat(message).contains("V1__Create_users.sql", "com.acme.db.CreateAccounts"))
                .anySatisfy(message -> assertThat(message).startsWith("[TM-P002] com.acme.db.CreateAccounts"));
        assertThat(result.generatedAnything()).isFalse();
    }

    @Test
    void aDuplicateVersionBetweenTwoLayouts_isAnError() {
        write(migrations().resolve("V2__a.sql"), "SELECT 1;\n");
        write(migrations().resolve("2_b.up.sql"), "SELECT 2;\n");

        assertThat(messages(compile(), "TM-P002")).singleElement().asString().contains("2_b.up.sql", "V2__a.sql");
    }

    @Test
    void malformedVersionsAndNames_areErrorsNamingTheFile() {
        write(migrations().resolve("V1.x__Bad.sql"), "SELECT 1;\n");
        write(migrations().resolve("create_users.sql"), "SELECT 1;\n");
        write(migrations().resolve("U7__Orphan.sql"), "SELECT 1;\n");
        write(migrations().resolve("abc_folder/up.sql"), "SELECT 1;\n");

        TestCompiler.Result result = compile();

        assertThat(messages(result, "TM-P031"))
                .anySatisfy(message -> assertThat(message).contains("V1.x__Bad.sql", "'1.x'"))
                .anySatisfy(message -> assertThat(message).contains("abc_folder/up.sql", "'abc'"));
        assertThat(messages(result, "TM-P030"))
                .anySatisfy(message -> assertThat(message).contains("create_users.sql"));
        assertThat(messages(result, "TM-P032")).singleElement().asString().contains("U7__Orphan.sql", "7");
        assertThat(result.generatedAnything()).isFalse();
    }

    @Test
    void contentJdbcCannotRun_isAnErrorNamingTheFileAndLine() {
        write(
                migrations().resolve("V1__Wrapped.sql"),
                "-- golang-migrate style\nBEGIN;\nCREATE TABLE t (id bigint);\nCOMMIT;\n");
        write(migrations().resolve("V2__Copy.sql"), "SELECT 1;\n\nCOPY t FROM STDIN;\n1\n\\.\n");
        write(migrations().resolve("V3__Late_marker.sql"), "SELECT 1;\n-- tidemark:no-transaction\n");
        write(migrations().resolve("4_x/up.sql"), "SELECT 1;\n");
        write(migrations().resolve("4_x/metadata.toml"), "run_in_transaction = maybe\n");

        TestCompiler.Result result = compile();

        assertThat(messages(result, "TM-P034"))
                .anySatisfy(message -> assertThat(message).contains("V1__Wrapped.sql, line 2", "BEGIN"))
                .anySatisfy(message -> assertThat(message).contains("V1__Wrapped.sql, line 4", "COMMIT"))
                .anySatisfy(message -> assertThat(message).contains("V2__Copy.sql, line 3", "STDIN"))
                .anySatisfy(message -> assertThat(message).contains("V3__Late_marker.sql, line 2", "first line"));
        assertThat(messages(result, "TM-P036")).singleElement().asString().contains("metadata.toml, line 1");
    }

    @Test
    void aMissingOptionFolder_isAnError() {
        javaMigration("1", "CreateAccounts");

        assertThat(messages(compile("-Atidemark.sqlFolders=nowhere"), "TM-P035"))
                .singleElement()
                .asString()
                .contains("nowhere", project().toString());
    }

    @Test
    void theStatementsOfEachFile_areListedWithTheirLines_forChecksOfTheSql() {
        everyLayout();
        MigrationProcessor processor = new MigrationProcessor();

        TestCompiler.sources(project().resolve("src/main/java"))
                .processor(processor)
                .compile(work.resolve("out"))
                .assertSucceeded();

        assertThat(processor.sqlMigrations().get(0).statements())
                .containsExactly(
                        new SqlMigrationFile.Statement(
                                "V1__Create_users.sql",
                                "-- the users\r\nCREATE TABLE users (id bigint PRIMARY KEY)",
                                2),
                        new SqlMigrationFile.Statement(
                                "V1__Create_users.sql", "CREATE INDEX users_id ON users (id)", 3),
                        new SqlMigrationFile.Statement("U1__Create_users.sql", "DROP TABLE users", 1));
    }

    @Test
    void sqlFiles_areLintedInVersionOrder_andReportedOnTheirOwnLine() {
        write(migrations().resolve("V1__Create_users.sql"), "CREATE TABLE users (id bigint PRIMARY KEY);\n");
        write(
                migrations().resolve("V2__Index_users.sql"),
                "-- an index on a table an earlier migration created\n\nCREATE INDEX users_id ON users (id);\n");
        write(
                migrations().resolve("V3__Orders.sql"),
                "CREATE TABLE orders (id bigint);\nCREATE INDEX orders_id ON orders (id);\n");

        TestCompiler.Result result = compile().assertSucceeded();

        assertThat(result.withId("TM-L001"))
                .as(result.describeDiagnostics())
                .singleElement()
                .satisfies(finding -> {
                    assertThat(finding.getKind()).isEqualTo(Diagnostic.Kind.WARNING);
                    assertThat(finding.getMessage(Locale.ROOT)).contains("V2__Index_users.sql, line 3");
                });
        assertThat(compile("-Atidemark.lint.TM_L001=off").assertSucceeded().withId("TM-L001"))
                .isEmpty();
    }

    /** The unsafe and safe form of each rule, as the lint's own test has them, in a real SQL file. */
    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("dev.tidemark.processor.lint.SqlLintTest#rules")
    void eachRule_firesOnItsUnsafeFormInASqlFile_onTheStatementsLine_andNotOnItsSafeForm(
            String rule, boolean transactional, String unsafe, String safe) throws IOException {
        String marker = transactional ? "" : SqlMigrationScanner.NO_TRANSACTION + "\n";
        String text = marker + "-- a comment first\n\n" + unsafe + ";\n";
        Path unsafeFile = migrations().resolve("V1__Unsafe.sql");
        write(unsafeFile, text);

        TestCompiler.Result unsafeResult = compileInto("unsafe");

        long line = text.lines().count();
        assertThat(unsafeResult.withId(rule))
                .as(unsafeResult.describeDiagnostics())
                .singleElement()
                .satisfies(finding -> assertThat(finding.getMessage(Locale.ROOT))
                        .startsWith("[" + rule + "] V1__Unsafe.sql, line " + line + ": "));

        Files.delete(unsafeFile);
        write(migrations().resolve("V1__Safe.sql"), marker + safe + ";\n");

        TestCompiler.Result safeResult = compileInto("safe");

        assertThat(safeResult.withId(rule)).as(safeResult.describeDiagnostics()).isEmpty();
        assertThat(safeResult.withId("TM-L000")).isEmpty();
    }

    @Test
    void anAllowComment_silencesItsRuleForTheStatementItPrecedes_andKeepsTheReasonBesideTheManifest() {
        write(migrations().resolve("V1__Create_users.sql"), "CREATE TABLE users (id bigint PRIMARY KEY);\n");
        write(
                migrations().resolve("V2__Index_users.sql"),
                "-- tidemark:allow TM-L001 users is empty until the import in version 9\n"
                        + "CREATE INDEX users_id ON users (id);\n"
                        + "\n"
                        + "CREATE INDEX users_id_2 ON users (id);\n"
                        + "ALTER TABLE users\n"
                        + "  -- tidemark:allow TM-L010 nothing has read legacy since version 1\n"
                        + "  DROP COLUMN legacy;\n");
        write(
                migrations().resolve("R__Users_by_id.sql"),
                "-- tidemark:allow TM-L001 users is empty until the import in version 9\n"
                        + "CREATE INDEX IF NOT EXISTS users_by_id ON users (id);\n");

        TestCompiler.Result result = compile().assertSucceeded();

        assertThat(result.withId("TM-L001"))
                .as(result.describeDiagnostics())
                .singleElement()
                .satisfies(
                        finding -> assertThat(finding.getMessage(Locale.ROOT)).contains("V2__Index_users.sql, line 4"));
        assertThat(result.withId("TM-L010")).isEmpty();
        assertThat(TestCompiler.read(result.classes().resolve(AllowedLintFile.path("db.migration.TidemarkManifest"))))
                .isEqualTo(
                        AllowedLintFile.HEADER + "\n"
                                + "2\tV2__Index_users.sql\tTM-L001\tusers is empty until the import in version 9\n"
                                + "2\tV2__Index_users.sql\tTM-L010\tnothing has read legacy since version 1\n"
                                + "R\tUsers by id\tR__Users_by_id.sql\tTM-L001\tusers is empty until the import in version 9\n");
        assertThat(AllowedLintListing.parse(TestCompiler.read(
                        result.classes().resolve(AllowedLintFile.path("db.migration.TidemarkManifest")))))
                .as("a reader of four fields, as releases before repeatable migrations had, skips their lines")
                .extracting(AllowedLintListing.Line::version)
                .containsExactly("2", "2");
    }

    @Test
    void aMalformedAllowComment_isAnErrorOnItsLine() {
        write(
                migrations().resolve("V1__Create_users.sql"),
                "CREATE TABLE users (id bigint PRIMARY KEY);\n"
                        + "-- tidemark:allow TM-L999 a rule that does not exist\n"
                        + "-- tidemark:allow TM-L011\n"
                        + "DROP TABLE users;\n"
                        + "--tidemark:allow\n"
                        + "SELECT 1;\n"
                        + "-- tidemark:allow TM-L011 too late\n");

        TestCompiler.Result result = compile();

        assertThat(messages(result, "TM-P037"))
                .satisfiesExactly(
                        first -> assertThat(first)
                                .startsWith("[TM-P037] V1__Create_users.sql, line 2: the comment -- tidemark:allow"
                                        + " names the rule TM-L999, which"),
                        second -> assertThat(second)
                                .startsWith("[TM-P037] V1__Create_users.sql, line 5: the comment -- tidemark:allow"
                                        + " names no rule, which"));
        assertThat(messages(result, "TM-P038"))
                .singleElement()
                .asString()
                .contains("V1__Create_users.sql, line 3", "allows TM-L011 without a reason", "kept in the manifest");
        assertThat(messages(result, "TM-P039"))
                .singleElement()
                .asString()
                .contains("V1__Create_users.sql, line 7", "follows the file's last statement");
        assertThat(result.generatedAnything()).isFalse();
    }

    @Test
    void repeatableMigrations_areListedAfterTheVersionedOnes_byDescription_withoutVersion() throws Exception {
        write(migrations().resolve("V1__Create_users.sql"), "CREATE TABLE users (id bigint PRIMARY KEY);\n");
        write(
                migrations().resolve("views/R__User_names.sql"),
                "-- the names\nCREATE OR REPLACE VIEW user_names AS SELECT id FROM users;\n");
        write(
                migrations().resolve("R__Active_users.sql"),
                "-- tidemark:no-transaction\nCREATE OR REPLACE VIEW active_users AS SELECT id FROM users;\n");
        write(migrations().resolve("V2__Orders.sql"), "CREATE TABLE orders (id bigint);\n");

        TestCompiler.Result result = compile().assertSucceeded();

        List<ManifestListing.Line> lines = ManifestListing.parse(TestCompiler.read(
                result.classes().resolve(ManifestListing.path(SqlFolders.SQL_ONLY_PACKAGE + ".TidemarkManifest"))));
        assertThat(lines)
                .extracting(
                        ManifestListing.Line::version,
                        ManifestListing.Line::name,
                        ManifestListing.Line::description,
                        ManifestListing.Line::transactional)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("1", "V1__Create_users.sql", "Create users", true),
                        org.assertj.core.groups.Tuple.tuple("2", "V2__Orders.sql", "Orders", true),
                        org.assertj.core.groups.Tuple.tuple("", "R__Active_users.sql", "Active users", false),
                        org.assertj.core.groups.Tuple.tuple("", "views/R__User_names.sql", "User names", true));
        ManifestListing.Line names = lines.get(3);
        assertThat(names.checksum())
                .as("normalised as a versioned file's: comments and white space do not count")
                .isEqualTo(SqlChecksum.of("CREATE OR REPLACE VIEW user_names AS SELECT id FROM users;"));
        assertThat(names.detail("file")).isEqualTo("R__User_names.sql");
        assertThat(TestCompiler.read(result.classes().resolve(names.detail("up"))))
                .contains("CREATE OR REPLACE VIEW user_names");
        try (URLClassLoader loader = result.loader()) {
            dev.tidemark.spi.MigrationManifest manifest = (dev.tidemark.spi.MigrationManifest)
                    loader.loadClass(SqlFolders.SQL_ONLY_PACKAGE + ".TidemarkManifest")
                            .getConstructor()
                            .newInstance();
            assertThat(manifest.migrations())
                    .extracting(MigrationEntry::repeatable)
                    .containsExactly(false, false, true, true);
        }
    }

    @Test
    void twoRepeatableMigrationsWithOneDescription_areAnErrorNamingBothFiles() {
        write(migrations().resolve("R__Views.sql"), "SELECT 1;\n");
        write(migrations().resolve("more/R__Views.sql"), "SELECT 2;\n");

        TestCompiler.Result result = compile();

        assertThat(messages(result, "TM-P040"))
                .singleElement()
                .asString()
                .contains(
                        "more/R__Views.sql",
                        "'Views'",
                        migrations().resolve("R__Views.sql").toString());
        assertThat(result.generatedAnything()).isFalse();
    }

    @Test
    void repeatableMigrations_areCheckedAndLinted_likeTheOtherSqlFiles() {
        write(migrations().resolve("V1__Users.sql"), "CREATE TABLE users (id bigint PRIMARY KEY);\n");
        write(migrations().resolve("R__Wrapped.sql"), "BEGIN;\nSELECT 1;\nCOMMIT;\n");
        write(migrations().resolve("R__.sql"), "SELECT 1;\n");

        TestCompiler.Result failed = compile();

        assertThat(messages(failed, "TM-P034"))
                .anySatisfy(message -> assertThat(message).contains("R__Wrapped.sql, line 1", "BEGIN"));
        assertThat(messages(failed, "TM-P030")).singleElement().asString().contains("R__.sql");

        write(migrations().resolve("R__Wrapped.sql"), "CREATE INDEX users_id ON users (id);\n");
        write(migrations().resolve("R__.sql"), "");
        try {
            Files.delete(migrations().resolve("R__.sql"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        assertThat(compile().assertSucceeded().withId("TM-L001"))
                .singleElement()
                .satisfies(
                        finding -> assertThat(finding.getMessage(Locale.ROOT)).contains("R__Wrapped.sql, line 1"));
    }

    private static List<String> messages(TestCompiler.Result result, String id) {
        List<Diagnostic<? extends JavaFileObject>> found = result.withId(id);
        assertThat(found).as(result.describeDiagnostics()).isNotEmpty();
        assertThat(found).allMatch(d -> d.getKind() == Diagnostic.Kind.ERROR);
        return found.stream().map(d -> d.getMessage(Locale.ROOT)).toList();
    }

    /** Records what a migration sends; the test runs no database. */
    private static final class Recording implements MigrationContext {
        final List<String> statements = new ArrayList<>();
        private final MigrationEntry entry;

        Recording(MigrationEntry entry) {
            this.entry = entry;
        }

        @Override
        public java.sql.Connection connection() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void execute(String sql) {
            statements.add(sql);
        }

        @Override
        public int update(String sql, Object... parameters) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> List<T> query(String sql, RowMapper<T> mapper, Object... parameters) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String schema() {
            return "public";
        }

        @Override
        public MigrationDescriptor migration() {
            throw new UnsupportedOperationException(entry.className());
        }
    }
}
