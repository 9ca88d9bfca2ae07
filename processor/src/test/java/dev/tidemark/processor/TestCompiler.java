package dev.tidemark.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.JavaMigration;
import dev.tidemark.spi.MigrationEntry;
import dev.tidemark.spi.MigrationManifest;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles real source files with the system Java compiler and the processor, the way Maven's
 * compiler plugin does, into directories the test owns.
 */
final class TestCompiler {

    static final Path FIXTURES = Path.of("src/test/resources/fixtures");
    static final Path GOLDEN = Path.of("src/test/resources/golden");

    private final List<Path> sources = new ArrayList<>();
    private final List<Path> classPath = new ArrayList<>();
    private final List<String> options = new ArrayList<>();
    private final List<Processor> processors = new ArrayList<>();
    private Path sourcePath;

    private TestCompiler() {
        classPath.add(runtimeClasses());
    }

    static TestCompiler sources(Path... roots) {
        TestCompiler compiler = new TestCompiler();
        for (Path root : roots) {
            compiler.sources.addAll(javaFilesUnder(root));
        }
        return compiler;
    }

    static TestCompiler fixture(String name) {
        return sources(FIXTURES.resolve(name));
    }

    /** Hands the compiler the source files in reverse order. */
    TestCompiler reversed() {
        java.util.Collections.reverse(sources);
        return this;
    }

    TestCompiler classPath(Path entry) {
        classPath.add(entry);
        return this;
    }

    TestCompiler sourcePath(Path root) {
        sourcePath = root;
        return this;
    }

    TestCompiler option(String option) {
        options.add(option);
        return this;
    }

    /** Fails the compilation on any warning: generated code must compile cleanly under {@code -Xlint}. */
    TestCompiler strict() {
        return option("-Xlint:all,-processing").option("-Werror");
    }

    TestCompiler processor(Processor processor) {
        processors.add(processor);
        return this;
    }

    /** Compiles into {@code output}/classes and {@code output}/generated. */
    Result compile(Path output) {
        Path classes = output.resolve("classes");
        Path generated = output.resolve("generated");
        try {
            Files.createDirectories(classes);
            Files.createDirectories(generated);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return compileInto(classes, generated);
    }

    /** Compiles into the given class and generated-source directories. */
    Result compileInto(Path classes, Path generated) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> arguments = new ArrayList<>(List.of(
                "--release",
                "17",
                "-encoding",
                "UTF-8",
                "-d",
                classes.toString(),
                "-s",
                generated.toString(),
                "-classpath",
                classPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator))));
        if (sourcePath != null) {
            arguments.add("-sourcepath");
            arguments.add(sourcePath.toString());
        }
        arguments.addAll(options);
        try (StandardJavaFileManager files =
                compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            JavaCompiler.CompilationTask task = compiler.getTask(
                    null, files, diagnostics, arguments, null, files.getJavaFileObjectsFromPaths(sources));
            task.setProcessors(processors.isEmpty() ? List.of(new MigrationProcessor()) : processors);
            task.setLocale(Locale.ROOT);
            boolean success = task.call();
            return new Result(success, diagnostics.getDiagnostics(), classes, generated);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> javaFilesUnder(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path runtimeClasses() {
        try {
            return Path.of(JavaMigration.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The number of the first line of {@code file} that contains {@code text}. */
    static long lineOf(Path file, String text) {
        List<String> lines = read(file).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(file + " has no line containing " + text);
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a compilation produced. */
    record Result(
            boolean success, List<Diagnostic<? extends JavaFileObject>> diagnostics, Path classes, Path generated) {

        List<Diagnostic<? extends JavaFileObject>> errors() {
            return diagnostics.stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .toList();
        }

        List<Diagnostic<? extends JavaFileObject>> withId(String id) {
            return diagnostics.stream()
                    .filter(d -> d.getMessage(Locale.ROOT).contains("[" + id + "]"))
                    .toList();
        }

        String describeDiagnostics() {
            return diagnostics.stream()
                    .map(d -> d.getKind() + " "
                            + (d.getSource() == null ? "-" : d.getSource().getName()) + ":" + d.getLineNumber() + " "
                            + d.getMessage(Locale.ROOT))
                    .collect(Collectors.joining("\n"));
        }

        Result assertSucceeded() {
            assertThat(success).as(describeDiagnostics()).isTrue();
            assertThat(errors()).as(describeDiagnostics()).isEmpty();
            return this;
        }

        Path manifestSource(String manifestClass) {
            return generated.resolve(manifestClass.replace('.', '/') + ".java");
        }

        /** The entries the processor recorded for {@code manifestClass}, parsed. */
        List<EntriesFile.Entry> entries(String manifestClass) {
            return EntriesFile.read(read(classes.resolve(EntriesFile.path(manifestClass))));
        }

        /**
         * A class loader over the compiled classes, child of the test's, to load the manifest the way
         * the runtime does; close it when done.
         */
        URLClassLoader loader() throws MalformedURLException {
            return new URLClassLoader(new URL[] {classes.toUri().toURL()}, TestCompiler.class.getClassLoader());
        }

        /** The entries of the one manifest {@code loader} finds. */
        static List<MigrationEntry> manifestEntries(ClassLoader loader) {
            return ServiceLoader.load(MigrationManifest.class, loader)
                    .findFirst()
                    .orElseThrow()
                    .migrations();
        }

        String services() {
            return read(classes.resolve(RuntimeNames.MANIFEST_SERVICE_FILE));
        }

        boolean generatedAnything() {
            try (Stream<Path> files = Stream.concat(Files.walk(generated), Files.walk(classes.resolve("META-INF")))) {
                return files.anyMatch(Files::isRegularFile);
            } catch (java.nio.file.NoSuchFileException e) {
                try (Stream<Path> files = Files.walk(generated)) {
                    return files.anyMatch(Files::isRegularFile);
                } catch (IOException inner) {
                    throw new UncheckedIOException(inner);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
