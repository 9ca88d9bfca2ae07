package dev.tidemark.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.Set;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestGenerationTest {

    private static final String MANIFEST = "com.acme.db.TidemarkManifest";
    private static final Path GOLDEN = TestCompiler.GOLDEN.resolve("valid");

    @TempDir
    Path work;

    @Test
    void manifest_matchesGoldenFiles() {
        TestCompiler.Result result = TestCompiler.fixture("valid").compile(work).assertSucceeded();

        assertThat(TestCompiler.read(result.manifestSource(MANIFEST)))
                .isEqualTo(TestCompiler.read(GOLDEN.resolve("TidemarkManifest.java")));
        assertThat(result.services())
                .isEqualTo(TestCompiler.read(GOLDEN.resolve("META-INF/services/dev.tidemark.spi.MigrationManifest")));
        assertThat(TestCompiler.read(result.classes().resolve(EntriesFile.path(MANIFEST))))
                .isEqualTo(TestCompiler.read(GOLDEN.resolve("META-INF/tidemark/" + MANIFEST + ".entries")));
    }

    @Test
    void generatedCode_compilesWithoutAWarning_underXlintAndWerror() {
        // -processing: javac's lint then notes that no processor claims the manifest's @Generated,
        // as it does for the output of any processor that marks its code @Generated.
        TestCompiler.Result result =
                TestCompiler.fixture("valid").strict().compile(work).assertSucceeded();

        assertThat(result.diagnostics())
                .as(result.describeDiagnostics())
                .noneMatch(diagnostic -> diagnostic.getKind() == Diagnostic.Kind.WARNING
                        || diagnostic.getKind() == Diagnostic.Kind.MANDATORY_WARNING);
    }

    @Test
    void manifest_isTheSameBytes_whenSourcesComeInAnotherOrder() throws IOException {
        TestCompiler.Result first =
                TestCompiler.fixture("valid").compile(work.resolve("a")).assertSucceeded();
        TestCompiler.Result second = TestCompiler.fixture("valid")
                .reversed()
                .compile(work.resolve("b"))
                .assertSucceeded();

        assertThat(Files.readAllBytes(second.manifestSource(MANIFEST)))
                .isEqualTo(Files.readAllBytes(first.manifestSource(MANIFEST)));
        Path manifestClass = Path.of("com/acme/db/TidemarkManifest.class");
        assertThat(Files.readAllBytes(second.classes().resolve(manifestClass)))
                .isEqualTo(Files.readAllBytes(first.classes().resolve(manifestClass)));
    }

    @Test
    void manifest_goesToTheConfiguredPackage_whenOptionGiven() {
        TestCompiler.Result result = TestCompiler.fixture("valid")
                .option("-Atidemark.manifestPackage=com.acme.generated")
                .compile(work)
                .assertSucceeded();

        assertThat(result.manifestSource("com.acme.generated.TidemarkManifest")).exists();
        assertThat(result.manifestSource(MANIFEST)).doesNotExist();
        assertThat(result.services()).isEqualTo("com.acme.generated.TidemarkManifest\n");
    }

    @Test
    void manifest_liesInTheCommonPackageOfMigrationsInSiblingPackages() {
        TestCompiler.Result result =
                TestCompiler.fixture("siblings").compile(work).assertSucceeded();

        assertThat(result.services()).isEqualTo("com.acme.db.TidemarkManifest\n");
        assertThat(result.entries("com.acme.db.TidemarkManifest"))
                .extracting(EntriesFile.Entry::binaryName)
                .containsExactly("com.acme.db.v1.CreateUsers", "com.acme.db.v2.CreateOrders");
    }

    @Test
    void commonPackage_isTheLongestSharedPrefixOfWholeSegments() {
        assertThat(MigrationProcessor.commonPackage(Set.of("com.acme.db"))).isEqualTo("com.acme.db");
        assertThat(MigrationProcessor.commonPackage(Set.of("com.acme.db", "com.acme.db.more")))
                .isEqualTo("com.acme.db");
        assertThat(MigrationProcessor.commonPackage(Set.of("com.acme.dba", "com.acme.db")))
                .isEqualTo("com.acme");
        assertThat(MigrationProcessor.commonPackage(Set.of("com.acme", "org.acme")))
                .isEmpty();
    }

    @Test
    void processor_isRegisteredForDiscovery() {
        assertThat(ServiceLoader.load(Processor.class).stream().map(ServiceLoader.Provider::type))
                .contains(MigrationProcessor.class);
    }
}
