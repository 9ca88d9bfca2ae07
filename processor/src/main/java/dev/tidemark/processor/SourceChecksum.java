package dev.tidemark.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.QualifiedNameable;
import javax.lang.model.element.TypeElement;

/**
 * Computes a migration's checksum: {@code v1:} followed by the lower-case hex SHA-256 of the
 * UTF-8 bytes of the {@linkplain CanonicalSource canonical text} of its type declaration; or, when
 * the declaration uses {@linkplain OutsideConstants compile-time constants declared outside it},
 * {@code v2:} followed by the SHA-256 of that canonical text, a blank line, and one line per such
 * constant ({@code <qualified name> <type> = <value>}, sorted by qualified name, each ended by a
 * line feed). A migration that uses no outside constants keeps its {@code v1} checksum, so
 * databases migrated before constants were covered do not see it as edited; one that does use them
 * gets a {@code v2} checksum, whose tag says why it differs from the {@code v1} one recorded
 * before.
 *
 * <p>The type declaration is read through the compiler's tree API: from the start to the end
 * position of the class's {@link ClassTree} in its compilation unit's character content (so its
 * own Javadoc, the imports and the package clause are not part of it; modifiers, annotations and
 * nested types are). The {@code @Migration} annotation, simple or qualified and with its arguments,
 * is replaced by a space before canonicalisation, so editing the version or description does not
 * change the checksum; so is every {@code @SuppressWarnings} in the declaration that holds only
 * {@linkplain TidemarkSuppression Tidemark's keys}, which changes nothing that runs. This is the contract {@code validate} relies on: never change it without
 * changing the tag.
 */
final class SourceChecksum {

    /** Tag of the checksum format over the source alone; part of the checksum string. */
    static final String FORMAT_TAG = "v1:";

    /** Tag of the checksum format over the source and the outside constants it uses. */
    static final String WITH_CONSTANTS_TAG = "v2:";

    private final Trees trees;
    private final String treesUnavailable;

    private SourceChecksum(Trees trees, String treesUnavailable) {
        this.trees = trees;
        this.treesUnavailable = treesUnavailable;
    }

    static SourceChecksum create(ProcessingEnvironment environment) {
        try {
            return new SourceChecksum(Trees.instance(environment), null);
        } catch (IllegalArgumentException | LinkageError e) {
            return new SourceChecksum(
                    null,
                    "this compiler does not provide it ("
                            + environment.getClass().getName() + ")");
        }
    }

    /** Whether {@code checksum} carries a tag of a format this processor writes. */
    static boolean hasKnownTag(String checksum) {
        return checksum.startsWith(FORMAT_TAG)
                || checksum.startsWith(WITH_CONSTANTS_TAG)
                || checksum.startsWith(SqlChecksum.TAG);
    }

    /** The checksum of a canonical text that uses no outside constants. */
    static String ofCanonicalText(String canonical) {
        return FORMAT_TAG + sha256(canonical);
    }

    /** The checksum of a canonical text and the rendered outside constants it uses. */
    static String of(String canonical, Collection<String> constantLines) {
        if (constantLines.isEmpty()) {
            return ofCanonicalText(canonical);
        }
        StringBuilder text = new StringBuilder(canonical).append("\n\n");
        constantLines.forEach(line -> text.append(line).append('\n'));
        return WITH_CONSTANTS_TAG + sha256(text.toString());
    }

    static String sha256(String text) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    /**
     * The checksum of {@code type}'s source and the outside constants it uses.
     *
     * @throws SourceUnavailableException when the source cannot be read through the tree API
     */
    String checksum(TypeElement type) throws SourceUnavailableException {
        TreePath path = declarationPath(type);
        String canonical = CanonicalSource.of(declarationText(path));
        return of(canonical, OutsideConstants.of(trees, path, type).values());
    }

    /** The path of {@code type}'s declaration in its compilation unit. */
    TreePath declarationPath(TypeElement type) throws SourceUnavailableException {
        if (trees == null) {
            throw new SourceUnavailableException(treesUnavailable);
        }
        TreePath path = trees.getPath(type);
        if (path == null || !(path.getLeaf() instanceof ClassTree)) {
            throw new SourceUnavailableException("the compiler has no source tree for it");
        }
        return path;
    }

    /** The compiler's tree API; only after {@link #declarationPath} succeeded. */
    Trees trees() {
        return trees;
    }

    /**
     * The source text of the declaration at {@code path} with its {@code @Migration} and every
     * {@code @SuppressWarnings} that holds only {@linkplain TidemarkSuppression Tidemark's keys}
     * blanked out.
     */
    private String declarationText(TreePath path) throws SourceUnavailableException {
        ClassTree declaration = (ClassTree) path.getLeaf();
        CompilationUnitTree unit = path.getCompilationUnit();
        SourcePositions positions = trees.getSourcePositions();
        long start = positions.getStartPosition(unit, declaration);
        long end = positions.getEndPosition(unit, declaration);
        CharSequence content;
        try {
            content = unit.getSourceFile().getCharContent(true);
        } catch (IOException e) {
            throw new SourceUnavailableException(
                    "reading " + unit.getSourceFile().getName() + " failed: " + e);
        }
        if (start < 0 || end <= start || end > content.length()) {
            throw new SourceUnavailableException("the compiler gives no source positions for it");
        }
        List<AnnotationTree> blanked = new ArrayList<>();
        for (AnnotationTree annotation : declaration.getModifiers().getAnnotations()) {
            if (isMigrationAnnotation(path, annotation)) {
                blanked.add(annotation);
                break;
            }
        }
        blanked.addAll(TidemarkSuppression.holdingOnlyKeys(path, trees));
        blanked.sort(Comparator.comparingLong((AnnotationTree a) -> positions.getStartPosition(unit, a))
                .reversed());
        StringBuilder text = new StringBuilder(content.subSequence((int) start, (int) end));
        for (AnnotationTree annotation : blanked) {
            long annotationStart = positions.getStartPosition(unit, annotation);
            long annotationEnd = positions.getEndPosition(unit, annotation);
            if (annotationStart < start || annotationEnd > end || annotationEnd <= annotationStart) {
                throw new SourceUnavailableException(
                        "the compiler gives no source positions for its annotation " + annotation);
            }
            // A space, not nothing: "@Deprecated@Migration(...)public" must read as two tokens.
            text.replace((int) (annotationStart - start), (int) (annotationEnd - start), " ");
        }
        return text.toString();
    }

    private boolean isMigrationAnnotation(TreePath declaration, AnnotationTree annotation) {
        Tree annotationType = annotation.getAnnotationType();
        TreePath typePath = TreePath.getPath(declaration, annotationType);
        Element element = typePath == null ? null : trees.getElement(typePath);
        if (element instanceof QualifiedNameable named) {
            return named.getQualifiedName().contentEquals(RuntimeNames.MIGRATION);
        }
        String written = annotationType.toString();
        return written.equals(RuntimeNames.MIGRATION)
                || written.equals(RuntimeNames.MIGRATION.substring(RuntimeNames.MIGRATION.lastIndexOf('.') + 1));
    }

    /** The source of a migration cannot be read through the compiler's tree API. */
    static final class SourceUnavailableException extends Exception {
        private static final long serialVersionUID = 1L;

        SourceUnavailableException(String reason) {
            super(reason);
        }
    }
}
