package dev.tidemark.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.testsupport.ClassReferences;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The plugin starts no thread of its own: a thread that outlives a goal which failed early prints
 * its own stack trace once Maven has closed the plugin's class realm ({@code Exception in thread
 * "tidemark-driver" java.lang.NoClassDefFoundError}). Read from the compiled classes' method
 * references, so a thread started anywhere in the plugin, a lambda's included, is found.
 *
 * <p>One thread is allowed to be created, never started: a shutdown hook, which the JVM starts only
 * when it is shutting down, in a class that removes it again ({@code Interruption}, registered only
 * while migrate runs, so that Ctrl-C can say what was rolled back).
 */
class NoBackgroundThreadTest {

    @Test
    void pluginClasses_neverStartOrCreateAThread() throws IOException, URISyntaxException {
        Path classes = Path.of(AbstractTidemarkMojo.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .resolve("dev/tidemark/maven");
        List<String> offenders = new ArrayList<>();
        int read = 0;
        try (Stream<Path> files = Files.list(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                read++;
                try (InputStream in = Files.newInputStream(file)) {
                    List<String> references = ClassReferences.methodReferences(in);
                    boolean shutdownHook = references.contains("java/lang/Runtime.addShutdownHook")
                            && references.contains("java/lang/Runtime.removeShutdownHook");
                    for (String reference : references) {
                        if (shutdownHook && reference.startsWith("java/lang/Thread.<init>")) {
                            continue;
                        }
                        if (ClassReferences.makesThread(reference)) {
                            offenders.add(file.getFileName() + ": " + reference);
                        }
                    }
                }
            }
        }
        assertThat(read).as("classes read").isGreaterThan(10);
        assertThat(offenders).isEmpty();
    }
}
