package dev.tidemark.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Finds where a migration's SQL may come from code its checksum cannot cover, for warning {@link
 * ProcessorMessage#UNCOVERED_CODE}. The checksum covers the migration's own declaration and the
 * compile-time constants it uses ({@link OutsideConstants}); these escape it:
 *
 * <ul>
 *   <li>reading a file or resource: {@code getResource}, {@code getResourceAsStream} and their
 *       kin on {@code Class}, {@code ClassLoader} or {@code Module}, the reading methods of {@code
 *       java.nio.file.Files}, {@code new FileReader}, {@code new FileInputStream}, {@code new
 *       RandomAccessFile};
 *   <li>calling a method (or a constructor, or referring to a method) declared outside the
 *       migration's declaration and outside the Java platform and Tidemark's API ({@link
 *       PlatformCode}), when what it returns carries text (a {@code CharSequence}, a stream or
 *       reader, or an array or generic type of one, such as {@code List<String>}) or when it is
 *       handed the migration's {@code MigrationContext} or a {@code java.sql.Connection}, with
 *       which it can run SQL of its own;
 *   <li>reading a field of another class that is not a compile-time constant and carries text;
 *   <li>inheriting {@code up} or {@code down} from a class or interface outside the declaration;
 *   <li>naming a class that does not exist yet while the processor runs, which compiles only
 *       because another annotation processor generates it in a later round.
 * </ul>
 *
 * <p>Uses of Java platform methods ({@code String.format}, {@code List.of}), calls whose result
 * carries no text and that are handed no context (a logger's {@code info}), and text in bind
 * parameters (after the SQL of {@code MigrationContext.update}, {@code query} and {@code queryOne},
 * or in {@code PreparedStatement.set…}), which are values and never SQL, are not reported.
 * Annotations are not searched. A use inside a declaration annotated {@code
 * @SuppressWarnings("tidemark:uncovered-code")} (or {@code "tidemark"}), whether the migration
 * class, a method, a field or a local variable, is not reported.
 */
final class UncoveredCode {

    private static final Set<String> RESOURCE_OWNERS =
            Set.of("java.lang.Class", "java.lang.ClassLoader", "java.lang.Module");
    private static final Set<String> FILE_READERS =
            Set.of("java.io.FileReader", "java.io.FileInputStream", "java.io.RandomAccessFile");
    private static final String FILES = "java.nio.file.Files";
    private static final Set<String> BIND_PARAMETER_METHODS = Set.of("update", "query", "queryOne");

    /**
     * One use of uncovered code.
     *
     * @param path where it is: the call, the field access, or the class for an inherited method
     * @param what what the migration does, naming the call ({@code calls com.acme.Sql.load(…)})
     * @param why why the checksum cannot cover it
     */
    record Use(TreePath path, String what, String why) {}

    private final Trees trees;
    private final Types types;
    private final InheritedImplementation inherited;
    private final TypeMirror charSequence;
    private final List<TypeMirror> textCarriers = new ArrayList<>();
    private final List<TypeMirror> sqlRunners = new ArrayList<>();

    UncoveredCode(ProcessingEnvironment environment, Trees trees) {
        this.trees = trees;
        this.types = environment.getTypeUtils();
        this.inherited = new InheritedImplementation(environment);
        Elements elements = environment.getElementUtils();
        this.charSequence = erasureOf(elements, "java.lang.CharSequence");
        for (String name : List.of("java.lang.CharSequence", "java.io.InputStream", "java.io.Reader")) {
            addErasure(elements, name, textCarriers);
        }
        for (String name : List.of(RuntimeNames.MIGRATION_CONTEXT, "java.sql.Connection", "javax.sql.DataSource")) {
            addErasure(elements, name, sqlRunners);
        }
    }

    /** The uses of uncovered code in the declaration at {@code declaration} that are not suppressed. */
    List<Use> find(TreePath declaration, TypeElement migration) {
        List<Use> uses = new ArrayList<>();
        inheritedMigrationMethods(declaration, migration, uses);
        new Scanner(migration, uses).scan(declaration, null);
        uses.removeIf(use -> isSuppressed(use.path(), migration));
        return uses;
    }

    private final class Scanner extends TreePathScanner<Void, Void> {
        private final TypeElement migration;
        private final List<Use> uses;
        private int bindParameters;

        Scanner(TypeElement migration, List<Use> uses) {
            this.migration = migration;
            this.uses = uses;
        }

        @Override
        public Void visitAnnotation(AnnotationTree annotation, Void unused) {
            return null;
        }

        @Override
        public Void visitMethodInvocation(MethodInvocationTree invocation, Void unused) {
            if (!(trees.getElement(getCurrentPath()) instanceof ExecutableElement method)) {
                return super.visitMethodInvocation(invocation, unused);
            }
            String call = "calls " + nameOf(method) + "(…)";
            if (readsAResource(method)) {
                uses.add(new Use(getCurrentPath(), call, "which reads a file or resource at run time"));
            } else if (isOutside(method)) {
                checkCall(call, method, invocation.getArguments(), trees.getTypeMirror(getCurrentPath()));
            }
            int sqlArguments = sqlArgumentsOf(method);
            if (sqlArguments < 0) {
                return super.visitMethodInvocation(invocation, unused);
            }
            // Bind parameters are values, never SQL: text from outside them is not reported.
            scan(invocation.getMethodSelect(), unused);
            List<? extends ExpressionTree> arguments = invocation.getArguments();
            for (int i = 0; i < arguments.size(); i++) {
                if (i >= sqlArguments) {
                    bindParameters++;
                }
                scan(arguments.get(i), unused);
                if (i >= sqlArguments) {
                    bindParameters--;
                }
            }
            return null;
        }

        @Override
        public Void visitNewClass(NewClassTree creation, Void unused) {
            if (trees.getElement(getCurrentPath()) instanceof ExecutableElement constructor
                    && PlatformCode.ownerOf(constructor) != null) {
                TypeElement owner = PlatformCode.ownerOf(constructor);
                String call = "creates a " + owner.getQualifiedName();
                if (FILE_READERS.contains(owner.getQualifiedName().toString())) {
                    uses.add(new Use(getCurrentPath(), call, "which reads a file at run time"));
                } else if (isOutside(constructor)) {
                    checkCall(call, constructor, creation.getArguments(), null);
                }
            }
            return super.visitNewClass(creation, unused);
        }

        @Override
        public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
            if (trees.getElement(getCurrentPath()) instanceof ExecutableElement method) {
                String named = "refers to " + nameOf(method).replaceFirst("\\.([^.]+)$", "::$1");
                if (readsAResource(method)) {
                    uses.add(new Use(getCurrentPath(), named, "which reads a file or resource at run time"));
                } else if (isOutside(method)) {
                    if (bindParameters == 0 && carriesText(method.getReturnType())) {
                        uses.add(new Use(getCurrentPath(), named, textReason(method)));
                    } else if (method.getParameters().stream().anyMatch(p -> runsSql(p.asType()))) {
                        uses.add(new Use(getCurrentPath(), named, sqlRunnerReason(method)));
                    }
                }
            }
            return super.visitMemberReference(reference, unused);
        }

        @Override
        public Void visitIdentifier(IdentifierTree identifier, Void unused) {
            checkField();
            checkResolved(identifier);
            return null;
        }

        /**
         * A name that does not resolve while Tidemark runs, yet compiles, names a class generated
         * later in this compilation (by another annotation processor): the checksum cannot cover it.
         */
        private void checkResolved(IdentifierTree identifier) {
            Element element = trees.getElement(getCurrentPath());
            if (element instanceof TypeElement && element.asType().getKind() == TypeKind.ERROR) {
                uses.add(new Use(
                        getCurrentPath(),
                        "uses " + identifier.getName(),
                        "which does not exist yet when Tidemark runs (a class generated by another annotation"
                                + " processor?), so not even the values of its constants can be read"));
            }
        }

        @Override
        public Void visitMemberSelect(MemberSelectTree select, Void unused) {
            checkField();
            return super.visitMemberSelect(select, unused);
        }

        private void checkField() {
            if (bindParameters == 0
                    && trees.getElement(getCurrentPath()) instanceof VariableElement field
                    && field.getKind() == ElementKind.FIELD
                    && field.getConstantValue() == null
                    && isOutside(field)
                    && carriesText(field.asType())) {
                uses.add(new Use(
                        getCurrentPath(),
                        "reads " + nameOf(field),
                        "a field of another class that is not a compile-time constant, so its value is"
                                + " computed at run time"));
            }
        }

        private void checkCall(
                String call, ExecutableElement callee, List<? extends ExpressionTree> arguments, TypeMirror result) {
            if (bindParameters == 0 && result != null && carriesText(result)) {
                uses.add(new Use(getCurrentPath(), call, textReason(callee)));
                return;
            }
            for (ExpressionTree argument : arguments) {
                TypeMirror type = trees.getTypeMirror(new TreePath(getCurrentPath(), argument));
                if (type != null && runsSql(type)) {
                    uses.add(new Use(getCurrentPath(), call + " with " + argument, sqlRunnerReason(callee)));
                    return;
                }
            }
        }

        private boolean isOutside(Element element) {
            return !PlatformCode.isInside(element, migration) && !PlatformCode.isPlatform(element);
        }
    }

    /**
     * How many leading arguments of {@code method} may carry SQL when the others are bind
     * parameters ({@code MigrationContext.update/query/queryOne}: the first;
     * {@code PreparedStatement.set…}: none), or -1 when all of them may.
     */
    private static int sqlArgumentsOf(ExecutableElement method) {
        String owner = ownerName(method);
        String name = method.getSimpleName().toString();
        if (owner.equals(RuntimeNames.MIGRATION_CONTEXT) && BIND_PARAMETER_METHODS.contains(name)) {
            return 1;
        }
        if (owner.equals("java.sql.PreparedStatement") && name.startsWith("set")) {
            return 0;
        }
        return -1;
    }

    private static String textReason(ExecutableElement callee) {
        return "whose text is made by code in " + ownerName(callee) + ", outside the migration's class";
    }

    private static String sqlRunnerReason(ExecutableElement callee) {
        return "which can run SQL of its own in " + ownerName(callee) + ", outside the migration's class";
    }

    /** Warns about {@code up} or {@code down} inherited from outside the declaration. */
    private void inheritedMigrationMethods(TreePath declaration, TypeElement migration, List<Use> uses) {
        for (String name : List.of(InheritedImplementation.UP, InheritedImplementation.DOWN)) {
            TypeElement implementer = inherited.implementerOf(migration, name);
            if (implementer != null && !implementer.equals(migration) && !PlatformCode.isPlatform(implementer)) {
                uses.add(new Use(
                        declaration,
                        "inherits " + name + "(MigrationContext) from " + implementer.getQualifiedName(),
                        "whose code is outside the migration's class"));
            }
        }
    }

    /** Whether a value of {@code type} can carry SQL text: checked to a small depth of type arguments. */
    private boolean carriesText(TypeMirror type) {
        return carriesText(type, 3);
    }

    private boolean carriesText(TypeMirror type, int depth) {
        if (depth == 0 || type == null) {
            return false;
        }
        switch (type.getKind()) {
            case ARRAY:
                return carriesText(((ArrayType) type).getComponentType(), depth - 1);
            case WILDCARD:
                return carriesText(((WildcardType) type).getExtendsBound(), depth - 1);
            case TYPEVAR:
                return charSequence != null && types.isAssignable(types.erasure(type), charSequence);
            case DECLARED:
                TypeMirror erased = types.erasure(type);
                for (TypeMirror carrier : textCarriers) {
                    if (types.isAssignable(erased, carrier)) {
                        return true;
                    }
                }
                for (TypeMirror argument : ((DeclaredType) type).getTypeArguments()) {
                    if (carriesText(argument, depth - 1)) {
                        return true;
                    }
                }
                return false;
            default:
                return false;
        }
    }

    private boolean runsSql(TypeMirror type) {
        if (type.getKind() != TypeKind.DECLARED) {
            return false;
        }
        TypeMirror erased = types.erasure(type);
        return sqlRunners.stream().anyMatch(runner -> types.isAssignable(erased, runner));
    }

    private static boolean readsAResource(ExecutableElement method) {
        TypeElement owner = PlatformCode.ownerOf(method);
        if (owner == null) {
            return false;
        }
        String ownerName = owner.getQualifiedName().toString();
        String name = method.getSimpleName().toString();
        if (RESOURCE_OWNERS.contains(ownerName)) {
            return name.startsWith("getResource") || name.startsWith("getSystemResource");
        }
        return ownerName.equals(FILES)
                && (name.startsWith("read")
                        || name.equals("lines")
                        || name.equals("newBufferedReader")
                        || name.equals("newInputStream")
                        || name.equals("newByteChannel"));
    }

    /**
     * Whether a declaration on the way from the use up to the migration class (included) carries
     * {@code @SuppressWarnings} with one of {@linkplain TidemarkSuppression Tidemark's keys}.
     */
    private boolean isSuppressed(TreePath use, TypeElement migration) {
        for (TreePath path = use; path != null; path = path.getParentPath()) {
            Tree.Kind kind = path.getLeaf().getKind();
            if (kind != Tree.Kind.VARIABLE && kind != Tree.Kind.METHOD && !(path.getLeaf() instanceof ClassTree)) {
                continue;
            }
            Element element = trees.getElement(path);
            if (TidemarkSuppression.suppresses(element)) {
                return true;
            }
            if (migration.equals(element)) {
                return false;
            }
        }
        return false;
    }

    private static String nameOf(Element member) {
        return ownerName(member) + "." + member.getSimpleName();
    }

    private static String ownerName(Element member) {
        TypeElement owner = PlatformCode.ownerOf(member);
        return owner == null ? "?" : owner.getQualifiedName().toString();
    }

    private TypeMirror erasureOf(Elements elements, String name) {
        TypeElement type = elements.getTypeElement(name);
        return type == null ? null : types.erasure(type.asType());
    }

    private void addErasure(Elements elements, String name, List<TypeMirror> into) {
        TypeMirror erased = erasureOf(elements, name);
        if (erased != null) {
            into.add(erased);
        }
    }
}
