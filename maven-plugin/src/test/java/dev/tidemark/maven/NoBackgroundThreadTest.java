package dev.tidemark.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
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
                    List<String> references = methodReferences(in);
                    boolean shutdownHook = references.contains("java/lang/Runtime.addShutdownHook")
                            && references.contains("java/lang/Runtime.removeShutdownHook");
                    for (String reference : references) {
                        if (shutdownHook && reference.startsWith("java/lang/Thread.<init>")) {
                            continue;
                        }
                        if (reference.startsWith("java/lang/Thread.<init>")
                                || reference.startsWith("java/lang/Thread.start")
                                || reference.startsWith("java/lang/Thread$Builder")
                                || reference.startsWith("java/util/concurrent/Executors.")
                                || reference.startsWith("java/util/concurrent/CompletableFuture.runAsync")
                                || reference.startsWith("java/util/concurrent/CompletableFuture.supplyAsync")) {
                            offenders.add(file.getFileName() + ": " + reference);
                        }
                    }
                }
            }
        }
        assertThat(read).as("classes read").isGreaterThan(10);
        assertThat(offenders).isEmpty();
    }

    /** {@code owner.name} of every method reference in a class file's constant pool. */
    static List<String> methodReferences(InputStream classFile) throws IOException {
        DataInputStream in = new DataInputStream(classFile);
        in.readInt(); // magic
        in.readUnsignedShort(); // minor
        in.readUnsignedShort(); // major
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classNames = new int[count];
        int[] firsts = new int[count];
        int[] seconds = new int[count];
        int[] tags = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            tags[i] = tag;
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                case 7 -> classNames[i] = in.readUnsignedShort();
                case 8, 16, 19, 20 -> in.readUnsignedShort();
                case 9, 10, 11, 12, 17, 18 -> {
                    firsts[i] = in.readUnsignedShort();
                    seconds[i] = in.readUnsignedShort();
                }
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        List<String> references = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            if (tags[i] == 10 || tags[i] == 11) {
                String owner = utf8[classNames[firsts[i]]];
                String name = utf8[firsts[seconds[i]]];
                references.add(owner + "." + name);
            }
        }
        return references;
    }
}
