package dev.tidemark.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.ConfigurationException;
import dev.tidemark.ErrorCode;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestCheckTest {

    @TempDir
    Path dir;

    @Test
    void requireManifest_nameTheProcessorWhenAnnotatedClassesHaveNoManifest() throws Exception {
        Path classes = compile("com/acme/db/CreateUsers.java", """
                package com.acme.db;
                import dev.tidemark.*;
                @Migration(version = "1")
                public final class CreateUsers implements JavaMigration {
                    @Override public void up(MigrationContext db) {}
                }
                """);

        assertThatThrownBy(() -> check(classes))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("[TM-R002] The project has @Migration classes (com.acme.db.CreateUsers) but no migration"
                        + " manifest, because they were compiled without Tidemark's annotation processor: add"
                        + " dev.tidemark:tidemark-processor to the maven-compiler-plugin's <annotationProcessorPaths>"
                        + " and compile again.")
                .satisfies(e -> assertThat(((ConfigurationException) e).code()).isEqualTo(ErrorCode.INVALID_MANIFEST));
    }

    @Test
    void requireManifest_saysThereAreNoMigrations() throws Exception {
        Path classes = compile("com/acme/App.java", "package com.acme; public class App {}");

        assertThatThrownBy(() -> check(classes))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(
                        "[TM-R002] The project has no migrations: no @Migration class was compiled into "
                                + classes.toFile())
                .hasMessageEndingWith("write a class annotated @Migration that implements JavaMigration and compile"
                        + " before running this goal.");
    }

    @Test
    void requireManifest_saysThereAreNoMigrationsWhenNothingWasCompiled() {
        assertThatThrownBy(() -> check(dir.resolve("target/classes")))
                .hasMessageStartingWith("[TM-R002] The project has no migrations");
    }

    @Test
    void requireManifest_passesWhenAManifestIsRegistered() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path service = classes.resolve(ManifestCheck.SERVICE_FILE);
        Files.createDirectories(service.getParent());
        Files.writeString(service, "com.acme.db.TidemarkManifest\n");

        assertThatCode(() -> check(classes)).doesNotThrowAnyException();
    }

    @Test
    void indexOf_findsBytes() {
        assertThat(ManifestCheck.indexOf("xxabcx".getBytes(), "abc".getBytes())).isEqualTo(2);
        assertThat(ManifestCheck.indexOf("ab".getBytes(), "abc".getBytes())).isEqualTo(-1);
    }

    private static void check(Path classes) throws Exception {
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            ManifestCheck.requireManifest(loader, classes.toFile());
        }
    }

    private Path compile(String path, String source) throws Exception {
        Path sources = dir.resolve("src");
        Path file = sources.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int status = compiler.run(
                null,
                null,
                null,
                "-proc:none",
                "-classpath",
                System.getProperty("java.class.path"),
                "-d",
                classes.toString(),
                file.toString());
        assertThat(status).as("compiling %s", path).isZero();
        assertThat(List.of(classes.toFile().list())).isNotEmpty();
        return classes;
    }
}
