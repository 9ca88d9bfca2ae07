package dev.tidemark.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Warning {@code TM-P019}: a migration whose SQL may come from code its checksum cannot cover,
 * compiled from {@code fixtures/uncovered}, one migration per way of doing it, and silenced with
 * {@code @SuppressWarnings}.
 */
class UncoveredCodeTest {

    private static final Path FIXTURE = TestCompiler.FIXTURES.resolve("uncovered");
    private static final String ID = "TM-P019";

    @TempDir
    static Path work;

    private static TestCompiler.Result result;

    @BeforeAll
    static void compile() {
        result = TestCompiler.sources(FIXTURE).compile(work).assertSucceeded();
    }

    @Test
    void readingAResource_isWarnedAbout_onTheCall() {
        assertWarned("ReadsResource.java", "getResourceAsStream")
                .contains(
                        "com.acme.db.ReadsResource calls java.lang.Class.getResourceAsStream(…)",
                        "reads a file or resource at run time",
                        "validate will not notice");
        assertThat(warningsIn("ReadsResource.java")).hasSize(1);
    }

    @Test
    void readingAFile_isWarnedAbout_onTheLineOfTheCall() {
        assertWarned("ReadsFile.java", "Files.readString").contains("calls java.nio.file.Files.readString(…)");
        assertThat(warningsIn("ReadsFile.java")).hasSize(1);
    }

    @Test
    void methodsOfAnotherClass_returningTextOrHandedTheContext_areWarnedAbout() {
        assertWarned("CallsHelpers.java", "Scripts.load(\"v3\")")
                .contains(
                        "calls com.acme.db.sql.Scripts.load(…)",
                        "whose text is made by code in com.acme.db.sql.Scripts");
        assertWarned("CallsHelpers.java", "createAuditTrigger")
                .contains(
                        "calls com.acme.db.sql.Scripts.createAuditTrigger(…) with db",
                        "can run SQL of its own in com.acme.db.sql.Scripts");
        assertThat(warningsIn("CallsHelpers.java")).hasSize(2);
    }

    @Test
    void fieldsOfAnotherClassThatAreNotConstants_areWarnedAbout() {
        assertWarned("ReadsAField.java", "Scripts.auditTable").contains("reads com.acme.db.sql.Scripts.auditTable");
        assertWarned("ReadsAField.java", "Scripts.LOADED").contains("reads com.acme.db.sql.Scripts.LOADED");
        assertThat(warningsIn("ReadsAField.java")).hasSize(2);
    }

    @Test
    void upInheritedFromAnotherClass_isWarnedAbout_onTheClass() {
        assertWarned("InheritsUp.java", "public final class InheritsUp")
                .contains(
                        "com.acme.db.InheritsUp inherits up(MigrationContext) from com.acme.db.base.SqlFileMigration");
        assertThat(warningsIn("InheritsUp.java")).hasSize(1);
    }

    @Test
    void constants_platformCalls_ownMethods_andCallsCarryingNoText_areNotWarnedAbout() {
        assertThat(warningsIn("Quiet.java")).isEmpty();
    }

    @Test
    void suppressWarnings_onTheClass_silencesEveryUse() {
        assertThat(warningsIn("SuppressedOnTheClass.java")).isEmpty();
    }

    @Test
    void suppressWarnings_onAVariableOrAMethod_silencesTheUsesInside_andNoOther() {
        assertWarned("SuppressedInPlaces.java", "v8-unreviewed");
        assertThat(warningsIn("SuppressedInPlaces.java")).hasSize(1);
    }

    @Test
    void warnings_doNotStopTheManifest() {
        assertThat(result.entries("com.acme.db.TidemarkManifest")).hasSize(8);
        assertThat(result.withId(ID)).allSatisfy(d -> assertThat(d.getKind()).isEqualTo(Diagnostic.Kind.WARNING));
    }

    @Test
    void aClassGeneratedByAnotherProcessor_isWarnedAbout_asItsConstantsCannotBeRead(@TempDir Path out) {
        // Whichever processor runs first, the generated class exists only from the next round.
        TestCompiler.Result generatorFirst = TestCompiler.fixture("uses-generated")
                .processor(GeneratingProcessor.generatedSql())
                .processor(new MigrationProcessor())
                .compile(out.resolve("generator-first"))
                .assertSucceeded();
        TestCompiler.Result tidemarkFirst = TestCompiler.fixture("uses-generated")
                .processor(new MigrationProcessor())
                .processor(GeneratingProcessor.generatedSql())
                .compile(out.resolve("tidemark-first"))
                .assertSucceeded();

        Path source = TestCompiler.FIXTURES.resolve("uses-generated/com/acme/db/UsesGenerated.java");
        for (TestCompiler.Result result : List.of(generatorFirst, tidemarkFirst)) {
            assertThat(result.withId(ID)).singleElement().satisfies(warning -> {
                assertThat(warning.getLineNumber()).isEqualTo(TestCompiler.lineOf(source, "GeneratedSql.CREATE"));
                assertThat(warning.getMessage(Locale.ROOT))
                        .contains("com.acme.db.UsesGenerated uses GeneratedSql, which does not exist yet");
            });
        }
    }

    private static List<Diagnostic<? extends JavaFileObject>> warningsIn(String file) {
        return result.withId(ID).stream()
                .filter(d -> d.getSource() != null && d.getSource().getName().endsWith("/" + file))
                .toList();
    }

    /** Asserts one warning in {@code file} on the first line containing {@code lineContaining}. */
    private static org.assertj.core.api.AbstractStringAssert<?> assertWarned(String file, String lineContaining) {
        long line = TestCompiler.lineOf(FIXTURE.resolve("com/acme/db").resolve(file), lineContaining);
        List<Diagnostic<? extends JavaFileObject>> onLine =
                warningsIn(file).stream().filter(d -> d.getLineNumber() == line).toList();
        assertThat(onLine)
                .as("[%s] on %s line %d in:%n%s", ID, file, line, result.describeDiagnostics())
                .hasSize(1);
        Diagnostic<? extends JavaFileObject> warning = onLine.get(0);
        assertThat(warning.getKind()).isEqualTo(Diagnostic.Kind.WARNING);
        return assertThat(warning.getMessage(Locale.ROOT))
                .startsWith("[" + ID + "] ")
                .contains("@SuppressWarnings(\"tidemark:uncovered-code\")")
                .containsPattern("\\n\\s*Fix: \\S");
    }
}
