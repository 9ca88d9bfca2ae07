package dev.tidemark.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two compilations into one class output directory, the second with the first's output on the
 * class path, as an IDE or an incremental build runs them.
 */
class IncrementalCompilationTest {

    private static final String MANIFEST = "com.acme.db.TidemarkManifest";
    private static final Path INCREMENTAL = TestCompiler.FIXTURES.resolve("incremental");

    @TempDir
    Path work;

    private Path classes;
    private Map<String, String> firstChecksums;

    @BeforeEach
    void compileEverythingOnce() {
        classes = work.resolve("classes");
        TestCompiler.Result first = TestCompiler.fixture("siblings")
                .compileInto(classes, directory("generated-1"))
                .assertSucceeded();
        firstChecksums = checksums(first);
        assertThat(firstChecksums).containsOnlyKeys("com.acme.db.v1.CreateUsers", "com.acme.db.v2.CreateOrders");
    }

    @Test
    void compilingOneChangedMigration_keepsTheEntriesOfTheOthers() {
        TestCompiler.Result second = TestCompiler.sources(INCREMENTAL.resolve("changed"))
                .classPath(classes)
                .compileInto(classes, directory("generated-2"))
                .assertSucceeded();

        Map<String, String> checksums = checksums(second);
        assertThat(checksums).containsOnlyKeys("com.acme.db.v1.CreateUsers", "com.acme.db.v2.CreateOrders");
        assertThat(checksums.get("com.acme.db.v1.CreateUsers"))
                .isEqualTo(firstChecksums.get("com.acme.db.v1.CreateUsers"));
        assertThat(checksums.get("com.acme.db.v2.CreateOrders"))
                .isNotEqualTo(firstChecksums.get("com.acme.db.v2.CreateOrders"));
        assertThat(TestCompiler.read(second.manifestSource(MANIFEST)))
                .contains("new CreateUsers()", "new CreateOrders()");
        assertThat(second.services()).isEqualTo(MANIFEST + "\n");
    }

    @Test
    void aMigrationWhoseClassIsGone_disappears() throws IOException {
        Files.delete(classes.resolve("com/acme/db/v1/CreateUsers.class"));

        TestCompiler.Result second = TestCompiler.sources(INCREMENTAL.resolve("changed"))
                .classPath(classes)
                .compileInto(classes, directory("generated-2"))
                .assertSucceeded();

        assertThat(second.entries("com.acme.db.v2.TidemarkManifest"))
                .extracting(EntriesFile.Entry::binaryName)
                .containsExactly("com.acme.db.v2.CreateOrders");
        // With only com.acme.db.v2 left, the manifest moves there; the old one is no longer listed.
        assertThat(second.services()).isEqualTo("com.acme.db.v2.TidemarkManifest\n");
    }

    @Test
    void aMigrationWhoseAnnotationWasRemoved_disappears() {
        TestCompiler.Result second = TestCompiler.sources(
                        INCREMENTAL.resolve("unannotated"), INCREMENTAL.resolve("changed"))
                .classPath(classes)
                .compileInto(classes, directory("generated-2"))
                .assertSucceeded();

        assertThat(second.entries("com.acme.db.v2.TidemarkManifest"))
                .extracting(EntriesFile.Entry::binaryName)
                .containsExactly("com.acme.db.v2.CreateOrders");
    }

    @Test
    void aNewMigrationWithTheVersionOfOneCompiledEarlier_isReported() {
        TestCompiler.Result second = TestCompiler.sources(INCREMENTAL.resolve("clash"))
                .classPath(classes)
                .compileInto(classes, directory("generated-2"));

        assertThat(second.success()).isFalse();
        assertThat(second.withId("TM-P002")).singleElement().satisfies(diagnostic -> {
            assertThat(diagnostic.getSource().getName()).endsWith("com/acme/db/v3/CreateInvoices.java");
            assertThat(diagnostic.getLineNumber()).isEqualTo(8);
            assertThat(diagnostic.getMessage(null))
                    .contains("com.acme.db.v1.CreateUsers (compiled earlier) (version \"1\")");
        });
    }

    @Test
    void otherProvidersInTheServiceFile_areKept() throws IOException {
        Path services = classes.resolve(RuntimeNames.MANIFEST_SERVICE_FILE);
        Files.writeString(services, "com.acme.db.HandWritten\n" + Files.readString(services));

        TestCompiler.Result second = TestCompiler.sources(
                        INCREMENTAL.resolve("changed"), INCREMENTAL.resolve("hand-written"))
                .classPath(classes)
                .compileInto(classes, directory("generated-2"))
                .assertSucceeded();

        assertThat(second.services()).isEqualTo("com.acme.db.HandWritten\n" + MANIFEST + "\n");
        assertThat(checksums(second)).hasSize(2);
    }

    @Test
    void fullRebuild_dropsAMigrationDeletedFromSources_evenWithItsStaleClassOnTheClassPath() throws IOException {
        Path sources = copyOfSiblings();
        Path stale = work.resolve("stale-classes");
        TestCompiler.sources(sources)
                .sourcePath(sources)
                .compileInto(stale, directory("generated-a"))
                .assertSucceeded();
        Files.delete(sources.resolve("com/acme/db/v1/CreateUsers.java"));

        TestCompiler.Result rebuild = TestCompiler.sources(sources)
                .sourcePath(sources)
                .classPath(stale)
                .compileInto(stale, directory("generated-b"))
                .assertSucceeded();

        assertThat(rebuild.classes().resolve("com/acme/db/v1/CreateUsers.class"))
                .exists();
        assertThat(checksums(rebuild)).isEmpty();
        assertThat(rebuild.entries("com.acme.db.v2.TidemarkManifest"))
                .extracting(EntriesFile.Entry::binaryName)
                .containsExactly("com.acme.db.v2.CreateOrders");
    }

    @Test
    void incrementalCompile_withASourcePath_keepsMigrationsWhoseSourcesStillExist() throws IOException {
        Path sources = copyOfSiblings();
        Path output = work.resolve("with-source-path");
        TestCompiler.sources(sources)
                .sourcePath(sources)
                .compileInto(output, directory("generated-a"))
                .assertSucceeded();

        TestCompiler.Result second = TestCompiler.sources(sources.resolve("com/acme/db/v2"))
                .sourcePath(sources)
                .classPath(output)
                .compileInto(output, directory("generated-b"))
                .assertSucceeded();

        assertThat(second.entries(MANIFEST))
                .extracting(EntriesFile.Entry::binaryName)
                .containsExactly("com.acme.db.v1.CreateUsers", "com.acme.db.v2.CreateOrders");
    }

    /**
     * javac copies a constant's value into the classes that use it, so a build that compiles only
     * the edited constant's class leaves the migration's class and manifest entry as they were (the
     * processor does not even run: no migration is compiled). Maven's compiler plugin recompiles
     * every source of the module when one changed; the migration compiled again against the
     * constant's class file gets the checksum a full build gives.
     */
    @Test
    void aConstantEditedInAnotherClass_reachesTheChecksum_whenTheMigrationIsCompiledAgain() throws IOException {
        Path sources = copyOf("checksum/outside-constants");
        Path output = work.resolve("constants");
        String before = onlyChecksum(TestCompiler.sources(sources)
                .compileInto(output, directory("generated-a"))
                .assertSucceeded());
        Path orderSql = sources.resolve("com/acme/db/sql/OrderSql.java");
        Files.writeString(orderSql, TestCompiler.read(orderSql).replace("numeric(12, 2)", "numeric(14, 2)"));

        TestCompiler.sources(orderSql)
                .classPath(output)
                .compileInto(output, directory("generated-b"))
                .assertSucceeded();
        String afterTheConstantAlone = onlyChecksum(new TestCompiler.Result(true, List.of(), output, work));

        TestCompiler.Result migrationAgain = TestCompiler.sources(sources.resolve("com/acme/db/CreateOrders.java"))
                .classPath(output)
                .compileInto(output, directory("generated-c"))
                .assertSucceeded();
        String fullBuild = onlyChecksum(
                TestCompiler.sources(sources).compile(work.resolve("full")).assertSucceeded());

        assertThat(afterTheConstantAlone).isEqualTo(before);
        assertThat(onlyChecksum(migrationAgain)).isNotEqualTo(before).isEqualTo(fullBuild);
    }

    @Test
    void aV2ChecksumCompiledEarlier_isKept_whenAnotherMigrationIsCompiled() throws IOException {
        Path output = work.resolve("kept-v2");
        TestCompiler.sources(
                        TestCompiler.FIXTURES.resolve("siblings"),
                        TestCompiler.FIXTURES.resolve("checksum/outside-constants"))
                .compileInto(output, directory("generated-a"))
                .assertSucceeded();
        String v2 = onlyChecksum(new TestCompiler.Result(true, List.of(), output, work));

        TestCompiler.Result second = TestCompiler.sources(INCREMENTAL.resolve("changed"))
                .classPath(output)
                .compileInto(output, directory("generated-b"))
                .assertSucceeded();

        assertThat(v2).startsWith("v2:");
        assertThat(second.withId("TM-P016")).isEmpty();
        assertThat(onlyChecksum(second)).isEqualTo(v2);
        assertThat(second.entries(MANIFEST)).hasSize(3);
    }

    private static String onlyChecksum(TestCompiler.Result result) {
        return result.entries("com.acme.db.TidemarkManifest").stream()
                .filter(entry -> entry.binaryName().equals("com.acme.db.CreateOrders"))
                .map(EntriesFile.Entry::checksum)
                .findFirst()
                .orElseThrow();
    }

    private Path copyOfSiblings() throws IOException {
        return copyOf("siblings");
    }

    private Path copyOf(String fixture) throws IOException {
        Path sources = work.resolve("src-" + fixture.replace('/', '-'));
        Path root = TestCompiler.FIXTURES.resolve(fixture);
        for (Path file : TestCompiler.javaFilesUnder(root)) {
            Path target = sources.resolve(root.relativize(file).toString());
            Files.createDirectories(target.getParent());
            Files.copy(file, target);
        }
        return sources;
    }

    private Path directory(String name) {
        Path directory = work.resolve(name);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return directory;
    }

    /** Checksums by class in the manifest named by the service file, when it is {@value MANIFEST}. */
    private static Map<String, String> checksums(TestCompiler.Result result) {
        if (!Files.exists(result.classes().resolve(EntriesFile.path(MANIFEST)))
                || !result.services().contains(MANIFEST)) {
            return Map.of();
        }
        List<EntriesFile.Entry> entries = result.entries(MANIFEST);
        try (Stream<EntriesFile.Entry> stream = entries.stream()) {
            return stream.collect(Collectors.toMap(EntriesFile.Entry::binaryName, EntriesFile.Entry::checksum));
        }
    }
}
