package dev.tidemark.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectClassPathTest {

    @TempDir
    Path dir;

    @Test
    void urls_leaveOutTheProjectsCopyOfTheRuntime() throws Exception {
        File classes = Files.createDirectories(dir.resolve("classes")).toFile();
        File runtime = Files.createFile(dir.resolve("tidemark-runtime-0.1.jar")).toFile();
        File library = Files.createFile(dir.resolve("lib.jar")).toFile();
        ProjectClassPath classPath = new ProjectClassPath(
                classes,
                List.of(
                        new ProjectClassPath.Element("dev.tidemark", "tidemark-runtime", runtime),
                        new ProjectClassPath.Element("com.acme", "lib", library),
                        new ProjectClassPath.Element("com.acme", "unresolved", null)));

        assertThat(classPath.urls())
                .containsExactly(classes.toURI().toURL(), library.toURI().toURL());
    }

    @Test
    void urls_skipAnOutputDirectoryNotYetCompiled() {
        ProjectClassPath classPath = new ProjectClassPath(dir.resolve("missing").toFile(), List.of());

        assertThat(classPath.urls()).isEmpty();
    }

    @Test
    void open_resolvesTidemarkThroughTheParent() throws Exception {
        ClassLoader parent = getClass().getClassLoader();
        try (URLClassLoader loader = new ProjectClassPath(dir.toFile(), List.of()).open(parent)) {
            assertThat(loader.getParent()).isSameAs(parent);
            assertThat(loader.loadClass("dev.tidemark.Tidemark")).isSameAs(dev.tidemark.Tidemark.class);
        }
    }
}
