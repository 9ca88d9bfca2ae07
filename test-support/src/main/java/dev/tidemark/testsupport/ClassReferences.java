package dev.tidemark.testsupport;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The methods compiled classes call, read from their class files' constant pools, for tests of what
 * a module may do (start a thread, say): a call anywhere in a class, a lambda's included, is found.
 */
public final class ClassReferences {

    private ClassReferences() {}

    /**
     * Whether a method reference creates or starts a thread: a {@code Thread} constructed or
     * started, a thread builder, an executor or timer, or work run on the common pool (a {@code
     * CompletableFuture}'s, a parallel stream's).
     */
    public static boolean makesThread(String reference) {
        return reference.startsWith("java/lang/Thread.<init>")
                || reference.startsWith("java/lang/Thread.start")
                || reference.startsWith("java/lang/Thread.startVirtualThread")
                || reference.startsWith("java/lang/Thread$Builder")
                || reference.startsWith("java/lang/Thread.ofPlatform")
                || reference.startsWith("java/lang/Thread.ofVirtual")
                || reference.startsWith("java/util/concurrent/Executors.")
                || reference.startsWith("java/util/concurrent/ThreadPoolExecutor.<init>")
                || reference.startsWith("java/util/concurrent/ScheduledThreadPoolExecutor.<init>")
                || reference.startsWith("java/util/concurrent/ForkJoinPool.")
                || reference.startsWith("java/util/Timer.<init>")
                || reference.startsWith("java/util/concurrent/CompletableFuture.runAsync")
                || reference.startsWith("java/util/concurrent/CompletableFuture.supplyAsync")
                || reference.matches("java/util/concurrent/CompletableFuture\\.\\w+Async")
                || reference.endsWith(".parallelStream")
                || reference.matches("java/util/stream/\\w*Stream\\.parallel");
    }

    /**
     * {@code owner.name} of every method each class under {@code directory} (recursively) refers
     * to, by the class file's path relative to {@code directory}.
     */
    public static Map<String, List<String>> under(Path directory) {
        Map<String, List<String>> references = new TreeMap<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    references.put(directory.relativize(file).toString(), methodReferences(in));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return references;
    }

    /** {@code owner.name} of every method reference in a class file's constant pool. */
    public static List<String> methodReferences(InputStream classFile) throws IOException {
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
