package dev.tidemark.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every error the processor reports, triggered by a real source as a user would write it, checked
 * for its id, the file and line it points at, and its fix hint; and nothing generated after it.
 */
class ProcessorDiagnosticsTest {

    private static final Path ERRORS = TestCompiler.FIXTURES.resolve("errors");

    @TempDir
    Path work;

    @Test
    void malformedVersion_isReportedOnTheVersionValue() {
        TestCompiler.Result result = compileFailing("malformed-version");

        assertReported(result, "TM-P001", "malformed-version/com/acme/bad/BadVersion.java", "version = \"1.x\"")
                .contains("com.acme.bad.BadVersion", "'1.x' is malformed");
        assertReported(result, "TM-P001", "malformed-version/com/acme/bad/EmptyVersion.java", "version = \"\"")
                .contains("version is empty");
        assertThat(result.errors()).hasSize(2);
    }

    @Test
    void duplicateVersion_isReportedOnEveryMigrationThatHasIt_namingTheOthers() {
        TestCompiler.Result result = compileFailing("duplicate-version");

        assertReported(result, "TM-P002", "duplicate-version/com/acme/bad/First.java", "version = \"1\"")
                .contains("com.acme.bad.Second (version \"1.0\")", "com.acme.bad.Third (version \"1.0.0\")");
        assertReported(result, "TM-P002", "duplicate-version/com/acme/bad/Second.java", "version = \"1.0\"")
                .contains("com.acme.bad.First (version \"1\")", "com.acme.bad.Third");
        assertReported(result, "TM-P002", "duplicate-version/com/acme/bad/Third.java", "version = \"1.0.0\"")
                .contains("com.acme.bad.First", "com.acme.bad.Second");
        assertThat(result.errors()).hasSize(3);
    }

    @Test
    void notAClass_isReportedForInterfaceEnumRecordAndAnnotationType() {
        TestCompiler.Result result = compileFailing("not-a-class");

        assertReported(result, "TM-P003", "not-a-class/com/acme/bad/AnInterface.java", "@Migration")
                .contains("interface com.acme.bad.AnInterface");
        assertReported(result, "TM-P003", "not-a-class/com/acme/bad/AnEnum.java", "@Migration")
                .contains("enum com.acme.bad.AnEnum");
        assertReported(result, "TM-P003", "not-a-class/com/acme/bad/ARecord.java", "@Migration")
                .contains("record com.acme.bad.ARecord");
        assertReported(result, "TM-P003", "not-a-class/com/acme/bad/AnAnnotation.java", "@Migration")
                .contains("annotation type com.acme.bad.AnAnnotation");
        assertThat(result.errors()).hasSize(4);
    }

    @Test
    void abstractClass_isReported() {
        TestCompiler.Result result = compileFailing("abstract-class");

        assertReported(result, "TM-P004", "abstract-class/com/acme/bad/AbstractMigration.java", "@Migration")
                .contains("com.acme.bad.AbstractMigration is abstract");
        assertThat(result.errors()).hasSize(1);
    }

    @Test
    void nonPublicClass_isReported() {
        TestCompiler.Result result = compileFailing("not-public");

        assertReported(result, "TM-P005", "not-public/com/acme/bad/PackagePrivate.java", "@Migration")
                .contains("com.acme.bad.PackagePrivate is not public");
        assertThat(result.errors()).hasSize(1);
    }

    @Test
    void innerClass_isReported() {
        TestCompiler.Result result = compileFailing("inner-class");

        assertReported(result, "TM-P006", "inner-class/com/acme/bad/Outer.java", "@Migration")
                .contains("com.acme.bad.Outer.Inner is an inner (non-static) class", "com.acme.bad.Outer");
        assertThat(result.errors()).hasSize(1);
    }

    @Test
    void classNestedInANonPublicClass_isReported() {
        TestCompiler.Result result = compileFailing("enclosing-not-public");

        assertReported(result, "TM-P007", "enclosing-not-public/com/acme/bad/Holder.java", "@Migration")
                .contains("com.acme.bad.Holder.Hidden.Inside is nested in com.acme.bad.Holder.Hidden");
        assertThat(result.errors()).hasSize(1);
    }

    @Test
    void missingPublicNoArgConstructor_isReported() {
        TestCompiler.Result result = compileFailing("no-constructor");

        assertReported(result, "TM-P008", "no-constructor/com/acme/bad/NeedsArgument.java", "@Migration")
                .contains("com.acme.bad.NeedsArgument has no public constructor", "new NeedsArgument()");
        assertReported(result, "TM-P008", "no-constructor/com/acme/bad/PrivateConstructor.java", "@Migration")
                .contains("com.acme.bad.PrivateConstructor");
        assertThat(result.errors()).hasSize(2);
    }

    @Test
    void classNotImplementingJavaMigration_isReported() {
        TestCompiler.Result result = compileFailing("not-java-migration");

        assertReported(result, "TM-P009", "not-java-migration/com/acme/bad/NotAMigration.java", "@Migration")
                .contains("com.acme.bad.NotAMigration does not implement dev.tidemark.JavaMigration");
        assertThat(result.errors()).hasSize(1);
    }

    @Test
    void migrationInTheUnnamedPackage_isReported() {
        TestCompiler.Result result = compileFailing("unnamed-package");

        assertReported(result, "TM-P010", "unnamed-package/Unnamed.java", "@Migration")
                .contains("Unnamed is in the unnamed package");
        assertThat(result.errors()).hasSize(1);
    }

    @Test
    void migrationsWithoutACommonPackage_areReported_andTheOptionResolvesIt() {
        TestCompiler.Result result = compileFailing("no-common-package");

        assertReported(result, "TM-P011", "no-common-package/com/acme/db/CreateUsers.java", "@Migration")
                .contains("(com.acme.db, org.other.db)", "-Atidemark.manifestPackage=");
        assertThat(result.errors()).hasSize(1);

        TestCompiler.Result withOption = TestCompiler.sources(ERRORS.resolve("no-common-package"))
                .option("-Atidemark.manifestPackage=com.acme.migrations")
                .compile(work.resolve("with-option"))
                .assertSucceeded();
        assertThat(withOption.services()).isEqualTo("com.acme.migrations.TidemarkManifest\n");
    }

    @Test
    void invalidManifestPackageOption_isReported() {
        TestCompiler.Result result = TestCompiler.fixture("valid")
                .option("-Atidemark.manifestPackage=com.1acme")
                .compile(work);

        assertThat(result.success()).isFalse();
        assertThat(result.withId("TM-P012"))
                .singleElement()
                .satisfies(diagnostic -> assertThat(message(diagnostic))
                        .contains("-Atidemark.manifestPackage=com.1acme is not a package name", "Fix: "));
        assertThat(result.generatedAnything()).isFalse();
    }

    @Test
    void classWithTheManifestsName_isReported() {
        TestCompiler.Result result = compileFailing("manifest-clash");

        assertReported(result, "TM-P018", "manifest-clash/com/acme/db/TidemarkManifest.java", "public final class")
                .contains("com.acme.db.TidemarkManifest is the name of the manifest");
        assertThat(result.errors()).hasSize(1);
    }

    @Test
    void everyProblemIsReported_andNothingIsGenerated_whenValidAndBrokenMigrationsMix() {
        TestCompiler.Result result = TestCompiler.sources(
                        TestCompiler.FIXTURES.resolve("valid"),
                        ERRORS.resolve("malformed-version"),
                        ERRORS.resolve("abstract-class"),
                        ERRORS.resolve("not-a-class"),
                        ERRORS.resolve("inner-class"))
                .compile(work);

        assertThat(result.success()).isFalse();
        assertThat(result.withId("TM-P001")).hasSize(2);
        assertThat(result.withId("TM-P003")).hasSize(4);
        assertThat(result.withId("TM-P004")).hasSize(1);
        assertThat(result.withId("TM-P006")).hasSize(1);
        assertThat(result.errors()).hasSize(8);
        assertThat(result.generatedAnything()).isFalse();
    }

    @Test
    void compilerWithoutTheTreeApi_isReported_insteadOfWritingAChecksum() {
        TestCompiler.Result result = TestCompiler.fixture("siblings")
                .processor(new WrappedEnvironmentProcessor(Map.of()))
                .compile(work);

        assertThat(result.success()).isFalse();
        assertReported(result, "TM-P013", "siblings/com/acme/db/v1/CreateUsers.java", "@Migration")
                .contains("Cannot read the source of com.acme.db.v1.CreateUsers", "com.sun.source.util.Trees");
        assertReported(result, "TM-P013", "siblings/com/acme/db/v2/CreateOrders.java", "@Migration");
        assertThat(result.generatedAnything()).isFalse();
    }

    @Test
    void migrationGeneratedInALaterRound_isReported() {
        TestCompiler.Result result = TestCompiler.fixture("siblings")
                .processor(new MigrationProcessor())
                .processor(GeneratingProcessor.lateMigration())
                .compile(work);

        assertThat(result.success()).isFalse();
        assertThat(result.withId("TM-P014")).singleElement().satisfies(diagnostic -> {
            assertThat(diagnostic.getSource().getName()).endsWith("com/acme/db/GeneratedLate.java");
            assertThat(diagnostic.getLineNumber()).isEqualTo(7);
            assertThat(message(diagnostic)).contains("com.acme.db.GeneratedLate appeared in a later", "Fix: ");
        });
    }

    @Test
    void unexpectedFailure_isReportedAsAnError_andTheCompilerGoesOn() {
        TestCompiler.Result result = TestCompiler.fixture("siblings")
                .processor(new WrappedEnvironmentProcessor(Map.of("getElementUtils", environment -> {
                    throw new IllegalStateException("element utilities are broken");
                })))
                .compile(work);

        assertThat(result.success()).isFalse();
        assertThat(result.withId("TM-P017"))
                .singleElement()
                .satisfies(diagnostic -> assertThat(message(diagnostic))
                        .contains(
                                "failed unexpectedly", "IllegalStateException: element utilities are broken", "Fix: "));
    }

    @Test
    void unreadablePreviousEntries_areAWarning_andTheManifestIsStillWritten() throws IOException {
        Path classes = work.resolve("classes");
        Path services = classes.resolve(RuntimeNames.MANIFEST_SERVICE_FILE);
        Files.createDirectories(services.getParent());
        Files.writeString(services, "com.acme.db.TidemarkManifest\n");
        Path entries = classes.resolve(EntriesFile.path("com.acme.db.TidemarkManifest"));
        Files.createDirectories(entries.getParent());
        Files.writeString(entries, "not what Tidemark writes\n");

        TestCompiler.Result result =
                TestCompiler.fixture("siblings").compile(work).assertSucceeded();

        assertThat(result.withId("TM-P016")).singleElement().satisfies(diagnostic -> {
            assertThat(diagnostic.getKind()).isEqualTo(Diagnostic.Kind.WARNING);
            assertThat(message(diagnostic)).contains(EntriesFile.path("com.acme.db.TidemarkManifest"), "Fix: ");
        });
        assertThat(result.entries("com.acme.db.TidemarkManifest")).hasSize(2);
    }

    private TestCompiler.Result compileFailing(String fixture) {
        TestCompiler.Result result =
                TestCompiler.sources(ERRORS.resolve(fixture)).compile(work);
        assertThat(result.success()).as(result.describeDiagnostics()).isFalse();
        assertThat(result.generatedAnything()).as("generated files").isFalse();
        return result;
    }

    /**
     * Asserts that an error with {@code id} points at {@code file} (under the error fixtures), on
     * the first line that contains {@code lineContaining}, and carries a fix hint; returns its
     * message for further checks.
     */
    private static org.assertj.core.api.AbstractStringAssert<?> assertReported(
            TestCompiler.Result result, String id, String file, String lineContaining) {
        Path source = file.startsWith("siblings/") ? TestCompiler.FIXTURES.resolve(file) : ERRORS.resolve(file);
        long expectedLine = TestCompiler.lineOf(source, lineContaining);
        List<Diagnostic<? extends JavaFileObject>> matching = result.withId(id).stream()
                .filter(diagnostic -> diagnostic.getSource() != null
                        && Path.of(diagnostic.getSource().toUri()).endsWith(file))
                .toList();
        assertThat(matching)
                .as("[%s] on %s in:%n%s", id, file, result.describeDiagnostics())
                .hasSize(1);
        Diagnostic<? extends JavaFileObject> diagnostic = matching.get(0);
        assertThat(diagnostic.getKind()).isEqualTo(Diagnostic.Kind.ERROR);
        assertThat(diagnostic.getLineNumber())
                .as("line of [%s] in %s", id, file)
                .isEqualTo(expectedLine);
        return assertThat(message(diagnostic)).startsWith("[" + id + "] ").containsPattern("\\n\\s*Fix: \\S");
    }

    private static String message(Diagnostic<?> diagnostic) {
        return diagnostic.getMessage(Locale.ROOT);
    }
}
