package dev.tidemark.maven;

import dev.tidemark.ConfigurationException;
import dev.tidemark.ErrorCode;
import dev.tidemark.spi.MigrationManifest;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Tells, before anything connects, why a project has no migration manifest: it has no migrations at
 * all, or it has {@code @Migration} classes that were compiled without Tidemark's annotation
 * processor.
 */
final class ManifestCheck {

    /** Where the processor registers each generated manifest. */
    static final String SERVICE_FILE = "META-INF/services/" + MigrationManifest.class.getName();

    /**
     * {@code @Migration} has CLASS retention, so every class that carries it names the annotation's
     * descriptor in its constant pool, whether or not a processor ran.
     */
    private static final byte[] MIGRATION_DESCRIPTOR = "Ldev/tidemark/Migration;".getBytes(StandardCharsets.UTF_8);

    private ManifestCheck() {}

    /**
     * Throws when the class loader sees no manifest.
     *
     * @throws ConfigurationException with one sentence that says what is wrong and what to do
     */
    static void requireManifest(ClassLoader projectLoader, File outputDirectory) {
        try {
            if (projectLoader.getResources(SERVICE_FILE).hasMoreElements()) {
                return;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the project's class path", e);
        }
        Optional<Path> annotated = firstAnnotatedClass(outputDirectory);
        if (annotated.isPresent()) {
            Path root = outputDirectory.toPath();
            throw new ConfigurationException(
                    ErrorCode.INVALID_MANIFEST,
                    "The project has @Migration classes (" + className(root, annotated.get())
                            + ") but no migration manifest, because they were compiled without Tidemark's"
                            + " annotation processor: add dev.tidemark:tidemark-processor to the"
                            + " maven-compiler-plugin's <annotationProcessorPaths> and compile again.");
        }
        throw new ConfigurationException(
                ErrorCode.INVALID_MANIFEST,
                "The project has no migrations: no @Migration class was compiled into " + outputDirectory
                        + " and no dependency carries a migration manifest; write a class annotated"
                        + " @Migration that implements JavaMigration and compile before running this goal.");
    }

    static Optional<Path> firstAnnotatedClass(File outputDirectory) {
        if (outputDirectory == null || !outputDirectory.isDirectory()) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(outputDirectory.toPath())) {
            return files.filter(path -> path.toString().endsWith(".class"))
                    .sorted()
                    .filter(ManifestCheck::mentionsMigration)
                    .findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + outputDirectory, e);
        }
    }

    private static boolean mentionsMigration(Path classFile) {
        try {
            return indexOf(Files.readAllBytes(classFile), MIGRATION_DESCRIPTOR) >= 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + classFile, e);
        }
    }

    static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String className(Path root, Path classFile) {
        String relative = root.relativize(classFile).toString().replace(File.separatorChar, '.');
        return relative.substring(0, relative.length() - ".class".length());
    }
}
