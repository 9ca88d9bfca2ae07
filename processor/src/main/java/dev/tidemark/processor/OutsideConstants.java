package dev.tidemark.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * The compile-time constants a migration's declaration uses that are declared outside it, each with
 * its value. javac copies a constant's value into every class that uses it, so editing {@code
 * Sql.CREATE_ORDERS} in another file changes what the migration runs without changing a character
 * of its source: the checksum covers these values.
 *
 * <p>Counted: every identifier or member select in the declaration (annotations excepted: they do
 * not run) that resolves to a field with a constant value ({@link VariableElement#getConstantValue()})
 * declared in a type outside the migration's declaration, such as another class, a superclass or an
 * interface, reached by name, qualified name or static import. Constants declared in the
 * declaration itself are part of its source text already; those of the Java platform and of
 * Tidemark's API ({@link PlatformCode}) are fixed by their release and left out.
 *
 * <p>Each constant is rendered as one line, {@code <qualified name> <type> = <value>}, in a form
 * that is the same on every JDK: strings and characters quoted with control characters, quotes and
 * backslashes escaped, floating-point values in {@link Double#toHexString hexadecimal} (whose
 * decimal form changed in JDK 19). The lines are sorted by qualified name.
 */
final class OutsideConstants {

    private OutsideConstants() {}

    /** The rendered constants by qualified name, sorted; empty when the migration uses none. */
    static SortedMap<String, String> of(Trees trees, TreePath declaration, TypeElement migration) {
        SortedMap<String, String> constants = new TreeMap<>();
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitAnnotation(AnnotationTree annotation, Void unused) {
                return null;
            }

            @Override
            public Void visitIdentifier(IdentifierTree identifier, Void unused) {
                add(trees.getElement(getCurrentPath()));
                return null;
            }

            @Override
            public Void visitMemberSelect(MemberSelectTree select, Void unused) {
                add(trees.getElement(getCurrentPath()));
                return super.visitMemberSelect(select, unused);
            }

            private void add(Element element) {
                if (element instanceof VariableElement field
                        && field.getKind() == ElementKind.FIELD
                        && field.getConstantValue() != null
                        && field.getEnclosingElement() instanceof TypeElement owner
                        && !PlatformCode.isInside(field, migration)
                        && !PlatformCode.isPlatform(field)) {
                    String name = owner.getQualifiedName() + "." + field.getSimpleName();
                    constants.put(name, name + " " + field.asType() + " = " + render(field.getConstantValue()));
                }
            }
        }.scan(declaration, null);
        return constants;
    }

    /** A constant's value in a form that is the same on every JDK. */
    static String render(Object value) {
        if (value instanceof String text) {
            return quote(text, '"');
        }
        if (value instanceof Character character) {
            return quote(String.valueOf(character), '\'');
        }
        if (value instanceof Double number) {
            return Double.toHexString(number);
        }
        if (value instanceof Float number) {
            return Float.toHexString(number) + "f";
        }
        return String.valueOf(value); // boolean, byte, short, int, long
    }

    private static String quote(String text, char quote) {
        StringBuilder out = new StringBuilder(text.length() + 2).append(quote);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c == quote) {
                        out.append('\\').append(c);
                    } else if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append(quote).toString();
    }
}
