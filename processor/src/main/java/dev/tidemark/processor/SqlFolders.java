package dev.tidemark.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The folders the processor reads SQL migrations from. The default one is {@code db/migration} in
 * the resources folder beside the source root being compiled: {@code src/main/resources/db/migration}
 * when compiling {@code src/main/java} (and {@code src/test/resources/db/migration} when compiling
 * the tests). The source root is found from the file of a class being compiled, through the
 * compiler's tree API. Other folders come from the option {@code -Atidemark.sqlFolders=a,b}, each
 * resolved against the project folder (the one holding {@code src}); they are read when compiling
 * the main sources, not the tests, so the tests' class path does not get their migrations twice.
 */
final class SqlFolders {

    /** The processor option naming further folders, separated by commas. */
    static final String OPTION = "tidemark.sqlFolders";

    /** The default folder, in the resources folder beside the source root. */
    static final String DEFAULT = "db/migration";

    /** The manifest package of a compilation with SQL migrations only, unless the option gives one. */
    static final String SQL_ONLY_PACKAGE = "db.migration";

    private SqlFolders() {}

    /** The existing folders to read; an option folder that does not exist is reported. */
    static List<Path> find(
            Map<String, String> options,
            Set<? extends Element> roots,
            Trees trees,
            Elements elements,
            Reporter reporter) {
        Optional<Path> sourceRoot = sourceRoot(roots, trees, elements);
        boolean tests = sourceRoot
                .map(root -> root.getParent() != null
                        && root.getParent().getFileName() != null
                        && root.getParent().getFileName().toString().equals("test"))
                .orElse(false);
        Path project =
                sourceRoot.flatMap(SqlFolders::projectOf).orElse(Path.of("").toAbsolutePath());
        List<Path> folders = new ArrayList<>();
        Path defaultFolder = sourceRoot
                .filter(root -> root.getParent() != null)
                .map(root -> root.getParent().resolve("resources").resolve(DEFAULT))
                .orElse(project.resolve("src/main/resources").resolve(DEFAULT));
        if (Files.isDirectory(defaultFolder)) {
            folders.add(defaultFolder.normalize());
        }
        String option = options.get(OPTION);
        if (option != null && !tests) {
            for (String entry : option.split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                Path folder = project.resolve(entry.strip()).normalize();
                if (!Files.isDirectory(folder)) {
                    reporter.error(ProcessorMessage.SQL_FOLDER_MISSING, entry.strip(), project);
                } else if (!folders.contains(folder)) {
                    folders.add(folder);
                }
            }
        }
        return folders;
    }

    /** {@code X} for a source root {@code X/src/<set>/java}. */
    private static Optional<Path> projectOf(Path sourceRoot) {
        Path set = sourceRoot.getParent();
        Path src = set == null ? null : set.getParent();
        if (src != null
                && src.getFileName() != null
                && src.getFileName().toString().equals("src")) {
            return Optional.ofNullable(src.getParent());
        }
        return Optional.empty();
    }

    /**
     * The source root of the first class being compiled whose file is on disk, preferring one
     * named {@code java} (generated sources are compiled from other folders).
     */
    private static Optional<Path> sourceRoot(Set<? extends Element> roots, Trees trees, Elements elements) {
        if (trees == null) {
            return Optional.empty();
        }
        Path fallback = null;
        for (Element root : roots) {
            if (!(root instanceof TypeElement) && !(root instanceof PackageElement)) {
                continue;
            }
            Optional<Path> found = sourceRootOf(root, trees, elements);
            if (found.isPresent()) {
                if (found.get().getFileName() != null
                        && found.get().getFileName().toString().equals("java")) {
                    return found;
                }
                if (fallback == null) {
                    fallback = found.get();
                }
            }
        }
        return Optional.ofNullable(fallback);
    }

    /** The source root of a class, or of a package through its {@code package-info.java}. */
    private static Optional<Path> sourceRootOf(Element type, Trees trees, Elements elements) {
        try {
            TreePath path = trees.getPath(type);
            if (path == null) {
                return Optional.empty();
            }
            CompilationUnitTree unit = path.getCompilationUnit();
            URI uri = unit.getSourceFile().toUri();
            if (!"file".equals(uri.getScheme())) {
                return Optional.empty();
            }
            Path file = Path.of(uri).toAbsolutePath();
            PackageElement pkg = elements.getPackageOf(type);
            Path root = file.getParent();
            if (!pkg.isUnnamed()) {
                for (String ignored : pkg.getQualifiedName().toString().split("\\.")) {
                    root = root == null ? null : root.getParent();
                }
            }
            return Optional.ofNullable(root);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
