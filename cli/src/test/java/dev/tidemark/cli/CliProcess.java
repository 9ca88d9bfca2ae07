package dev.tidemark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The command started as a user starts it: a new {@code java} process on the module's classes and
 * dependencies (the test classes, which hold the fixture migrations, left out), with an environment
 * of the test's choosing and none of the test JVM's {@code TIDEMARK_*} or {@code DATABASE_URL}.
 */
final class CliProcess {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a finished run printed and returned. */
    record Outcome(int exitCode, String stdout, String stderr) {

        /** Standard output read as the one JSON document it must be. */
        JsonNode json() {
            try {
                return JSON.readTree(stdout);
            } catch (IOException e) {
                throw new AssertionError("standard output is not one JSON document:\n" + stdout, e);
            }
        }

        String all() {
            return stdout + "\n" + stderr;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    private final List<String> extraClassPath = new ArrayList<>();
    private final Map<String, String> environment = new HashMap<>();

    /** Puts {@code element} on the command's own class path, after its classes: {@code java -cp app.jar:…}. */
    CliProcess onClassPath(Path element) {
        extraClassPath.add(element.toString());
        return this;
    }

    CliProcess env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    Outcome run(String... args) {
        Process process = start(args);
        return await(process);
    }

    Process start(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        List<String> classPath = new ArrayList<>(extraClassPath);
        classPath.addAll(commandClassPath());
        command.add(String.join(File.pathSeparator, classPath));
        command.add(Main.class.getName());
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("TIDEMARK_") || name.equals("DATABASE_URL"));
        builder.environment().putAll(environment);
        try {
            Path out = Files.createTempFile("tidemark-cli", ".out");
            Path err = Files.createTempFile("tidemark-cli", ".err");
            out.toFile().deleteOnExit();
            err.toFile().deleteOnExit();
            builder.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process process = builder.start();
            OUTPUTS.put(process, new Path[] {out, err});
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Map<Process, Path[]> OUTPUTS = new java.util.concurrent.ConcurrentHashMap<>();

    static Outcome await(Process process) {
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("the command did not end");
            }
            Path[] files = OUTPUTS.remove(process);
            return new Outcome(
                    process.exitValue(),
                    Files.readString(files[0], StandardCharsets.UTF_8),
                    Files.readString(files[1], StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new AssertionError(e);
        }
    }

    /** The module's classes and runtime dependencies, as the build's test class path lists them. */
    static List<String> commandClassPath() {
        String testClassPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String testClasses = Path.of("target", "test-classes").toAbsolutePath().toString();
        return Arrays.stream(testClassPath.split(File.pathSeparator))
                .filter(element -> !element.isBlank())
                .filter(element -> !Path.of(element).toAbsolutePath().toString().equals(testClasses))
                .collect(Collectors.toList());
    }
}
