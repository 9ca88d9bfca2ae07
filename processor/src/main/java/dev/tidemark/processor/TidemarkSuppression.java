package dev.tidemark.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.QualifiedNameable;

/**
 * Tidemark's {@code @SuppressWarnings} keys: {@code "tidemark:uncovered-code"} silences warning
 * {@link ProcessorMessage#UNCOVERED_CODE}, {@code "tidemark"} every Tidemark warning a declaration
 * can carry (the Checker Framework's {@code "checker:key"} convention).
 *
 * <p>A {@code @SuppressWarnings} that holds only these keys changes nothing that runs, so it is left
 * out of the checksum like {@code @Migration}: silencing a warning on a migration applied long ago
 * does not make {@code validate} see it as edited. (No migration could hold such an annotation
 * before the keys existed, so no checksum recorded earlier changes.) One that holds other keys too
 * ({@code {"unchecked", "tidemark"}}) stays in the checksum, as written.
 */
final class TidemarkSuppression {

    static final String UNCOVERED_CODE = "tidemark:uncovered-code";
    static final Set<String> KEYS = Set.of("tidemark", UNCOVERED_CODE);

    private static final String SUPPRESS_WARNINGS = SuppressWarnings.class.getName();

    private TidemarkSuppression() {}

    /** Whether {@code element} carries {@code @SuppressWarnings} with one of the keys. */
    static boolean suppresses(Element element) {
        SuppressWarnings suppress = element == null ? null : element.getAnnotation(SuppressWarnings.class);
        return suppress != null && List.of(suppress.value()).stream().anyMatch(KEYS::contains);
    }

    /** Every {@code @SuppressWarnings} in the declaration at {@code path} that holds only the keys. */
    static List<AnnotationTree> holdingOnlyKeys(TreePath path, Trees trees) {
        List<AnnotationTree> found = new ArrayList<>();
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitAnnotation(AnnotationTree annotation, Void unused) {
                if (isSuppressWarnings(new TreePath(getCurrentPath(), annotation.getAnnotationType()), trees)
                        && holdsOnlyKeys(annotation)) {
                    found.add(annotation);
                }
                return null;
            }
        }.scan(path, null);
        return found;
    }

    private static boolean isSuppressWarnings(TreePath typePath, Trees trees) {
        Element element = trees.getElement(typePath);
        if (element instanceof QualifiedNameable named) {
            return named.getQualifiedName().contentEquals(SUPPRESS_WARNINGS);
        }
        String written = typePath.getLeaf().toString();
        return written.equals(SUPPRESS_WARNINGS) || written.equals(SuppressWarnings.class.getSimpleName());
    }

    private static boolean holdsOnlyKeys(AnnotationTree annotation) {
        List<ExpressionTree> values = new ArrayList<>();
        for (ExpressionTree argument : annotation.getArguments()) {
            ExpressionTree value =
                    argument instanceof AssignmentTree assignment ? assignment.getExpression() : argument;
            if (value instanceof NewArrayTree array) {
                values.addAll(array.getInitializers());
            } else {
                values.add(value);
            }
        }
        return !values.isEmpty()
                && values.stream()
                        .allMatch(value -> value instanceof LiteralTree literal && KEYS.contains(literal.getValue()));
    }
}
