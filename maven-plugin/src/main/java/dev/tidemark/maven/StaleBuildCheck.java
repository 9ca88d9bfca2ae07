package dev.tidemark.maven;

import dev.tidemark.ConfigurationException;
import dev.tidemark.ErrorCode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Refuses to run a goal on migrations older than their sources: a {@code @Migration} class edited or
 * added after the last {@code compile}, or an SQL migration file under {@code db/migration} of a
 * resource folder that was not copied to the output since it changed. Without this, {@code mvn
 * schema:migrate} after adding a migration but without {@code compile} reports "up to date".
 *
 * <p>By modification times, which is how the compiler itself decides what to compile: a source is
 * stale when it is newer than the migration manifest the processor writes with every compilation,
 * or than its own class file (or copy), or has none. Only sources newer than the manifest are read
 * (to see whether they declare a migration), so an up-to-date project costs one {@code stat} per
 * file. A file dated in the future (a clock set wrong, an archive from another machine) is left
 * out: no compile could ever make it look current. Knows nothing of Maven, so it is tested on its
 * own.
 */
final class StaleBuildCheck {

    /** The folder of SQL migrations inside a resource folder and the output directory. */
    static final String SQL_MIGRATIONS = "db/migration";

    private static final Pattern MIGRATION_ANNOTATION = Pattern.compile("@(dev\\.tidemark\\.)?Migration\\b");
    private static final int NAMED = 3;

    /** A resource folder and the folder under the output directory it is copied to ("" for the root). */
    record ResourceFolder(File directory, String targetPath) {}

    private final List<File> sourceRoots;
    private final List<ResourceFolder> resourceFolders;
    private final File outputDirectory;

    StaleBuildCheck(List<File> sourceRoots, List<ResourceFolder> resourceFolders, File outputDirectory) {
        this.sourceRoots = List.copyOf(sourceRoots);
        this.resourceFolders = List.copyOf(resourceFolders);
        this.outputDirectory = outputDirectory;
    }

    /**
     * Throws when a migration source is newer than what was built from it.
     *
     * @param goal the goal, as the user would type it after {@code mvn compile}
     * @throws ConfigurationException naming the stale files and what to run
     */
    void requireCurrent(String goal) {
        List<Path> stale = staleSources();
        if (stale.isEmpty()) {
            return;
        }
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < Math.min(NAMED, stale.size()); i++) {
            names.append(i == 0 ? "" : ", ").append(stale.get(i));
        }
        if (stale.size() > NAMED) {
            names.append(" and ").append(stale.size() - NAMED).append(" more");
        }
        throw new ConfigurationException(
                ErrorCode.INVALID_MANIFEST,
                (stale.size() == 1 ? "A migration changed" : stale.size() + " migrations changed")
                        + " since the project was last compiled: " + names + " "
                        + (stale.size() == 1 ? "is" : "are") + " newer than " + outputDirectory
                        + ", so this goal would run on the migrations as they were. Nothing was connected to."
                        + "\nCompile first: mvn compile " + goal);
    }

    /** Every stale migration source, as a path relative to the working directory when possible. */
    List<Path> staleSources() {
        Path output = outputDirectory.toPath();
        FileTime manifest = modified(output.resolve(ManifestCheck.SERVICE_FILE));
        FileTime now = FileTime.fromMillis(System.currentTimeMillis());
        List<Path> stale = new ArrayList<>();
        for (File root : sourceRoots) {
            Path rootPath = root.toPath();
            walk(rootPath, (file, time) -> {
                if (!file.toString().endsWith(".java") || time.compareTo(now) > 0) {
                    return;
                }
                boolean newerThanManifest = manifest == null || time.compareTo(manifest) > 0;
                if (!newerThanManifest || !declaresMigration(file)) {
                    return;
                }
                Path relative = rootPath.relativize(file);
                String classFile =
                        relative.toString().substring(0, relative.toString().length() - ".java".length()) + ".class";
                FileTime compiled = modified(output.resolve(classFile));
                if (manifest != null || compiled == null || time.compareTo(compiled) > 0) {
                    stale.add(display(file));
                }
            });
        }
        for (ResourceFolder folder : resourceFolders) {
            Path sql = folder.directory().toPath().resolve(SQL_MIGRATIONS);
            Path copies = output.resolve(folder.targetPath() == null ? "" : folder.targetPath())
                    .resolve(SQL_MIGRATIONS);
            walk(sql, (file, time) -> {
                if (time.compareTo(now) > 0) {
                    return;
                }
                FileTime copied = modified(copies.resolve(sql.relativize(file).toString()));
                if (copied == null || time.compareTo(copied) > 0) {
                    stale.add(display(file));
                }
            });
        }
        return stale;
    }

    private interface FileAction {
        void accept(Path file, FileTime modified);
    }

    private static void walk(Path root, FileAction action) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()) {
                        action.accept(file, attributes.lastModifiedTime());
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root, e);
        }
    }

    private static boolean declaresMigration(Path source) {
        try {
            return MIGRATION_ANNOTATION
                    .matcher(new String(Files.readAllBytes(source), StandardCharsets.UTF_8))
                    .find();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null;
        }
    }

    private static Path display(Path file) {
        Path absolute = file.toAbsolutePath();
        Path workingDirectory = Path.of("").toAbsolutePath();
        return absolute.startsWith(workingDirectory) ? workingDirectory.relativize(absolute) : absolute;
    }
}
