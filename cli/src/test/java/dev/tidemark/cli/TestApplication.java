package dev.tidemark.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Jars of the fixture migrations as a build would ship them: a plain application jar, and a Spring
 * Boot executable jar whose manifest lies in {@code BOOT-INF/classes/} and whose migration classes lie
 * in a jar of {@code BOOT-INF/lib/}.
 */
final class TestApplication {

    private static final Path TEST_CLASSES = Path.of("target", "test-classes");
    private static final String FIXTURES = "dev/tidemark/cli/fixtures/";

    private TestApplication() {}

    /** A jar with the fixture migrations, their manifest and its service registration. */
    static Path plainJar(Path folder) {
        Path jar = folder.resolve("app.jar");
        write(jar, out -> {
            addTree(out, "", FIXTURES);
            addMetaInf(out, "");
        });
        return jar;
    }

    /** A Spring Boot executable jar: the manifest in BOOT-INF/classes, the migrations in BOOT-INF/lib/migrations.jar. */
    static Path springBootJar(Path folder) {
        Path migrations = folder.resolve("migrations.jar");
        write(migrations, out -> {
            for (Path file : fixtureClasses()) {
                if (!file.getFileName().toString().startsWith("TidemarkManifest")) {
                    add(out, FIXTURES + file.getFileName(), read(file));
                }
            }
        });
        Path jar = folder.resolve("boot-app.jar");
        write(jar, out -> {
            for (Path file : fixtureClasses()) {
                if (file.getFileName().toString().startsWith("TidemarkManifest")) {
                    add(out, "BOOT-INF/classes/" + FIXTURES + file.getFileName(), read(file));
                }
            }
            addMetaInf(out, "BOOT-INF/classes/");
            add(out, "BOOT-INF/lib/migrations.jar", read(migrations));
        });
        return jar;
    }

    private interface Entries {
        void write(JarOutputStream out) throws IOException;
    }

    private static void write(Path jar, Entries entries) {
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file)) {
            entries.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void addTree(JarOutputStream out, String prefix, String folder) throws IOException {
        for (Path file : fixtureClasses()) {
            add(out, prefix + folder + file.getFileName(), read(file));
        }
    }

    /** The processor's output beside the classes: the service registration and the manifest's listing. */
    private static void addMetaInf(JarOutputStream out, String prefix) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(TEST_CLASSES.resolve("META-INF"))) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            add(out, prefix + TEST_CLASSES.relativize(file).toString().replace('\\', '/'), read(file));
        }
    }

    private static List<Path> fixtureClasses() {
        try (Stream<Path> files = Files.list(TEST_CLASSES.resolve(FIXTURES))) {
            return files.filter(file -> file.toString().endsWith(".class"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void add(JarOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(content);
        out.closeEntry();
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
