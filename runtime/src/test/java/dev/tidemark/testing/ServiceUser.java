package dev.tidemark.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the programs of PostgreSQL and PgBouncer, which refuse to run as root: as the {@code
 * postgres} OS user through {@code runuser} when the tests run as root, as the current user
 * otherwise. Their files live in a directory of their own under {@code /tmp}, which the
 * {@code postgres} user can reach (a worktree under a private home may not be).
 */
public final class ServiceUser {

    private static final String USER = "postgres";

    private ServiceUser() {}

    static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /**
     * Why the programs cannot be run here, or null when they can: as root, runuser and a {@code
     * postgres} user are needed.
     */
    static String unavailable() {
        if (!root()) {
            return null;
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/runuser")) && !Files.isExecutable(Path.of("/sbin/runuser"))) {
            return "running as root and runuser is missing";
        }
        try {
            FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(USER);
            return null;
        } catch (IOException e) {
            return "running as root and there is no OS user " + USER;
        }
    }

    /** The command line that runs {@code command} as the service user. */
    static List<String> command(List<String> command) {
        List<String> full = new ArrayList<>();
        if (root()) {
            full.addAll(List.of("runuser", "-u", USER, "--"));
        }
        full.addAll(command);
        return full;
    }

    /** A new empty directory under /tmp named after {@code prefix}, owned by the service user. */
    static Path directory(String prefix) throws IOException {
        Path directory = Path.of(
                "/tmp",
                prefix + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE));
        Files.createDirectories(directory);
        if (root()) {
            UserPrincipal owner =
                    FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(USER);
            Files.setOwner(directory, owner);
        }
        return directory;
    }

    /** Writes a file the service user owns. */
    static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        if (root()) {
            Files.setOwner(
                    file,
                    FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(USER));
        }
    }

    /** Runs {@code command} as the service user and waits; returns its output, or fails with it. */
    static String run(List<String> command) throws IOException, InterruptedException {
        Process process =
                new ProcessBuilder(command(command)).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command));
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + text);
        }
        return text;
    }

    /** Deletes a directory made by {@link #directory} with everything in it. */
    static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // A leftover directory under /tmp harms nothing.
        }
    }
}
