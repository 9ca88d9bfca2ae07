package dev.tidemark.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A second JVM on the tests' own class path, for a test that kills or interrupts a migrator. */
public final class ChildJvm {

    private ChildJvm() {}

    /**
     * Starts {@code main} with {@code arguments}, after the JVM {@code options} (such as {@code
     * -Dname=value}); its output, standard error included, goes to {@code target/<log>}.
     */
    public static Process start(Class<?> main, String log, List<String> options, String... arguments)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(new File("target", log))
                .start();
    }
}
