package dev.tidemark.processor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/**
 * Finds which class or interface implements a migration's {@code up} or {@code down}: the class
 * itself, the nearest superclass declaring it, or else an interface's default method (Java's rule:
 * a class's method wins over an interface default).
 */
final class InheritedImplementation {

    static final String UP = "up";
    static final String DOWN = RuntimeNames.DOWN_METHOD;

    private final Types types;
    private final TypeMirror migrationContext;

    InheritedImplementation(ProcessingEnvironment environment) {
        this.types = environment.getTypeUtils();
        TypeElement context = environment.getElementUtils().getTypeElement(RuntimeNames.MIGRATION_CONTEXT);
        this.migrationContext = context == null ? null : types.erasure(context.asType());
    }

    /**
     * The type whose concrete {@code name(MigrationContext)} runs for {@code migration}, or null
     * when none but {@code JavaMigration} declares one (its {@code down} does nothing). Among
     * interfaces, {@code JavaMigration}'s default loses to any other, which can only be more
     * specific.
     */
    TypeElement implementerOf(TypeElement migration, String name) {
        Deque<TypeElement> interfaces = new ArrayDeque<>();
        for (TypeElement type = migration; type != null; type = superclassOf(type)) {
            if (declaresConcrete(type, name)) { // a class's method wins over every interface default
                return type;
            }
            type.getInterfaces().forEach(i -> addElement(i, interfaces));
        }
        Set<TypeElement> seen = new HashSet<>();
        while (!interfaces.isEmpty()) {
            TypeElement type = interfaces.poll();
            if (!seen.add(type) || type.getQualifiedName().contentEquals(RuntimeNames.JAVA_MIGRATION)) {
                continue;
            }
            if (declaresConcrete(type, name)) {
                return type;
            }
            type.getInterfaces().forEach(i -> addElement(i, interfaces));
        }
        return null;
    }

    private boolean declaresConcrete(TypeElement type, String name) {
        for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
            if (method.getSimpleName().contentEquals(name)
                    && !method.getModifiers().contains(Modifier.ABSTRACT)
                    && !method.getModifiers().contains(Modifier.STATIC)
                    && method.getParameters().size() == 1
                    && migrationContext != null
                    && types.isSameType(
                            types.erasure(method.getParameters().get(0).asType()), migrationContext)) {
                return true;
            }
        }
        return false;
    }

    private static TypeElement superclassOf(TypeElement type) {
        TypeMirror superclass = type.getSuperclass();
        return superclass.getKind() == TypeKind.DECLARED
                        && ((DeclaredType) superclass).asElement() instanceof TypeElement element
                ? element
                : null;
    }

    private static void addElement(TypeMirror mirror, Deque<TypeElement> pending) {
        if (mirror.getKind() == TypeKind.DECLARED && ((DeclaredType) mirror).asElement() instanceof TypeElement type) {
            pending.add(type);
        }
    }
}
