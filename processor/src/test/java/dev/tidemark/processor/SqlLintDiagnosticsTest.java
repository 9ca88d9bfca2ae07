package dev.tidemark.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The SQL lint as users meet it: findings on the {@code execute} argument of the migration they come
 * from, compiled from {@code fixtures/lint}: {@code UnsafeForms} holds the unsafe form of each rule,
 * {@code SafeNonTransactional}, {@code SafeTransactional} and {@code SafeData} the safe ones.
 */
class SqlLintDiagnosticsTest {

    private static final Path FIXTURE = TestCompiler.FIXTURES.resolve("lint");
    private static final Path SOURCES = FIXTURE.resolve("com/acme/db");

    @TempDir
    static Path work;

    /** Compiled with TM-L002 lowered to a warning, so that the manifest is written. */
    private static TestCompiler.Result result;

    @BeforeAll
    static void compile() {
        result = TestCompiler.sources(FIXTURE)
                .option("-Atidemark.lint.TM_L002=warning")
                .compile(work.resolve("default"))
                .assertSucceeded();
    }

    @ParameterizedTest(name = "{0} on \"{1}\"")
    @CsvSource(
            delimiter = '|',
            value = {
                "TM-L001 | CREATE INDEX orders_customer             | CREATE INDEX on orders without CONCURRENTLY",
                "TM-L002 | CREATE INDEX CONCURRENTLY orders_code    | CREATE INDEX CONCURRENTLY in a transactional",
                "TM-L003 | DROP INDEX orders_old                    | DROP INDEX orders_old without CONCURRENTLY",
                "TM-L004 | ADD COLUMN region text NOT NULL\"        | ADD COLUMN region NOT NULL without a DEFAULT",
                "TM-L005 | gen_random_uuid()                        | volatile default gen_random_uuid()",
                "TM-L006 | TYPE numeric(12, 2)                      | ALTER COLUMN total TYPE numeric(12, 2)",
                "TM-L007 | ADD CONSTRAINT orders_customer_fk        | ADD FOREIGN KEY constraint orders_customer_fk",
                "TM-L008 | ALTER COLUMN note SET NOT NULL           | CHECK (note IS NOT NULL)",
                "TM-L009 | UNIQUE (code)                            | ADD UNIQUE on orders without an index",
                "TM-L010 | DROP COLUMN legacy                       | DROP COLUMN legacy on orders",
                "TM-L011 | Sql.DROP_AUDIT                           | DROP TABLE audit_old",
                "TM-L012 | RENAME COLUMN note                       | RENAME COLUMN note of orders TO remark",
                "TM-L013 | DELETE FROM sessions                     | DELETE on sessions without WHERE",
                "TM-L014 | DELETE FROM sessions                     | DELETE of sessions in the same transaction",
            })
    void unsafeForm_isReportedOnTheLineOfItsSql(String rule, String lineContaining, String what) {
        long line = TestCompiler.lineOf(SOURCES.resolve("UnsafeForms.java"), lineContaining.strip());
        assertThat(lintIn("UnsafeForms.java", rule))
                .as(result.describeDiagnostics())
                .singleElement()
                .satisfies(finding -> {
                    assertThat(finding.getLineNumber()).isEqualTo(line);
                    assertThat(finding.getKind()).isEqualTo(Diagnostic.Kind.WARNING);
                    assertThat(finding.getMessage(Locale.ROOT))
                            .startsWith("[" + rule + "] com.acme.db.UnsafeForms, line " + line + ": ")
                            .contains(what.strip(), "Fix: ");
                });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"TM-L015, column payload", "TM-L016, column at", "TM-L017, primary key id", "TM-L018, column name"})
    void advice_inATextBlock_namesTheLineOfItsStatement(String rule, String what) {
        long call = TestCompiler.lineOf(SOURCES.resolve("UnsafeForms.java"), "db.execute(\"\"\"");
        long statement = TestCompiler.lineOf(SOURCES.resolve("UnsafeForms.java"), "CREATE TABLE events");
        assertThat(lintIn("UnsafeForms.java", rule)).singleElement().satisfies(finding -> {
            assertThat(finding.getLineNumber()).isEqualTo(call);
            assertThat(finding.getKind()).isEqualTo(Diagnostic.Kind.NOTE);
            assertThat(finding.getMessage(Locale.ROOT))
                    .startsWith("[" + rule + "] com.acme.db.UnsafeForms, line " + statement + ": " + what + " is");
        });
    }

    @Test
    void safeForms_areNotReported() {
        for (String file : List.of("SafeNonTransactional.java", "SafeTransactional.java", "SafeData.java")) {
            assertThat(lintIn(file, "TM-L")).as(result.describeDiagnostics()).isEmpty();
        }
    }

    @Test
    void unreadableSql_isReportedUnchecked_neverPassed() {
        Path source = SOURCES.resolve("Unreadable.java");
        assertThat(lintIn("Unreadable.java", "TM-L000"))
                .extracting(Diagnostic::getLineNumber, d -> d.getKind())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                TestCompiler.lineOf(source, "FROBNICATE"), Diagnostic.Kind.WARNING),
                        org.assertj.core.groups.Tuple.tuple(
                                TestCompiler.lineOf(source, "DO $$"), Diagnostic.Kind.WARNING),
                        org.assertj.core.groups.Tuple.tuple(
                                TestCompiler.lineOf(source, "isEmpty()"), Diagnostic.Kind.WARNING));
        assertThat(lintIn("Unreadable.java", "TM-L000").get(0).getMessage(Locale.ROOT))
                .contains("'ALTER TABLE orders FROBNICATE' was not checked", "expected an ALTER TABLE action");
        assertThat(lintIn("Unreadable.java", "TM-L000").get(2).getMessage(Locale.ROOT))
                .contains("not a compile-time constant");
    }

    @Test
    void allowedRules_areSilenced_andTheirReasonsKeptBesideTheManifest() {
        assertThat(lintIn("CreateNotes.java", "TM-L")).isEmpty();
        String allowed =
                TestCompiler.read(result.classes().resolve(AllowedLintFile.path("com.acme.db.TidemarkManifest")));
        assertThat(allowed)
                .isEqualTo(AllowedLintFile.HEADER + "\n"
                        + "1\tcom.acme.db.CreateNotes\tTM-L011\tnotes_v0 was never used\n"
                        + "1\tcom.acme.db.CreateNotes\tTM-L018\tthe notes service validates 100 characters too\n");
    }

    @Test
    void anIncrementalCompilation_keepsTheAllowancesOfTheMigrationsItDidNotCompile() {
        Path classes = work.resolve("incremental/classes");
        TestCompiler.sources(FIXTURE)
                .option("-Atidemark.lint.TM_L002=warning")
                .compileInto(classes, directory(work.resolve("incremental/generated-1")))
                .assertSucceeded();
        TestCompiler.sources(SOURCES.resolve("SafeData.java"))
                .classPath(classes)
                .compileInto(classes, directory(work.resolve("incremental/generated-2")))
                .assertSucceeded();
        assertThat(TestCompiler.read(classes.resolve(AllowedLintFile.path("com.acme.db.TidemarkManifest"))))
                .isEqualTo(TestCompiler.read(
                        result.classes().resolve(AllowedLintFile.path("com.acme.db.TidemarkManifest"))));
    }

    private static Path directory(Path path) {
        try {
            return java.nio.file.Files.createDirectories(path);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void concurrentlyInATransactionalMigration_isAnErrorByDefault() {
        TestCompiler.Result strict = TestCompiler.sources(FIXTURE).compile(work.resolve("strict"));
        assertThat(strict.success()).isFalse();
        assertThat(strict.errors()).singleElement().satisfies(error -> {
            assertThat(error.getMessage(Locale.ROOT)).startsWith("[TM-L002] com.acme.db.UnsafeForms");
            assertThat(error.getLineNumber())
                    .isEqualTo(TestCompiler.lineOf(SOURCES.resolve("UnsafeForms.java"), "CREATE INDEX CONCURRENTLY"));
        });
        assertThat(strict.generatedAnything()).isFalse();
    }

    @Test
    void severityOptions_setEveryRule_andOneRuleOverridesThem() {
        TestCompiler.Result configured = TestCompiler.sources(FIXTURE)
                .option("-Atidemark.lint=note")
                .option("-Atidemark.lint.TM_L001=off")
                .option("-Atidemark.lint.TM_L003=error")
                .compile(work.resolve("configured"));
        assertThat(configured.withId("TM-L001")).isEmpty();
        assertThat(configured.errors())
                .singleElement()
                .satisfies(error -> assertThat(error.getMessage(Locale.ROOT)).startsWith("[TM-L003] "));
        assertThat(configured.withId("TM-L002"))
                .singleElement()
                .satisfies(finding -> assertThat(finding.getKind()).isEqualTo(Diagnostic.Kind.NOTE));
        assertThat(configured.withId("TM-L010"))
                .singleElement()
                .satisfies(finding -> assertThat(finding.getKind()).isEqualTo(Diagnostic.Kind.NOTE));
    }

    @Test
    void lintOff_reportsNothing() {
        TestCompiler.Result off =
                TestCompiler.sources(FIXTURE).option("-Atidemark.lint=off").compile(work.resolve("off"));
        off.assertSucceeded();
        assertThat(off.withId("TM-L")).isEmpty();
    }

    @Test
    void severityThatIsNoSeverity_isAnError() {
        TestCompiler.Result wrong = TestCompiler.sources(FIXTURE)
                .option("-Atidemark.lint.TM_L001=loud")
                .compile(work.resolve("wrong"));
        assertThat(wrong.withId("TM-P022")).singleElement().satisfies(error -> {
            assertThat(error.getKind()).isEqualTo(Diagnostic.Kind.ERROR);
            assertThat(error.getMessage(Locale.ROOT))
                    .contains("-Atidemark.lint.TM_L001=loud is not a severity", "error, warning, note or off");
        });
    }

    @Test
    void allowWithoutReason_andAllowOfAnUnknownRule_areErrorsOnTheMigration() {
        Path fixture = TestCompiler.FIXTURES.resolve("lint-allow-errors");
        TestCompiler.Result errors = TestCompiler.sources(fixture).compile(work.resolve("allow-errors"));
        assertThat(errors.success()).isFalse();
        Map<String, String> expected = Map.of(
                "TM-P020", "@AllowLint on com.acme.db.BlankReason allows TM-L011 without a reason.",
                "TM-P021", "@AllowLint on com.acme.db.UnknownRule names the rule TM-L999");
        expected.forEach((id, text) -> assertThat(errors.withId(id))
                .singleElement()
                .satisfies(error -> {
                    assertThat(error.getKind()).isEqualTo(Diagnostic.Kind.ERROR);
                    assertThat(error.getMessage(Locale.ROOT)).contains(text);
                    String file = id.equals("TM-P020") ? "BlankReason.java" : "UnknownRule.java";
                    assertThat(error.getLineNumber())
                            .isEqualTo(TestCompiler.lineOf(fixture.resolve("com/acme/db/" + file), "@AllowLint"));
                }));
        assertThat(errors.generatedAnything()).isFalse();
    }

    private static List<Diagnostic<? extends JavaFileObject>> lintIn(String file, String idPrefix) {
        return result.diagnostics().stream()
                .filter(d -> d.getSource() != null && d.getSource().getName().endsWith("/" + file))
                .filter(d -> d.getMessage(Locale.ROOT).startsWith("[" + idPrefix))
                .toList();
    }
}
