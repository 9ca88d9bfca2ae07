package dev.tidemark.processor;

import dev.tidemark.MigrationVersion;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks one {@code @Migration} class and reads what the manifest needs from it. Every problem is
 * reported on the class and its annotation (on the {@code version} value where the version is the
 * problem); checking goes on after the first one.
 */
final class MigrationAnalyzer {

    private final Elements elements;
    private final Types types;
    private final Reporter reporter;
    private final SourceChecksum checksums;
    private final UncoveredCode uncoveredCode;
    private final TypeElement javaMigration;
    private final InheritedImplementation inherited;

    MigrationAnalyzer(ProcessingEnvironment environment, Reporter reporter, SourceChecksum checksums) {
        this.elements = environment.getElementUtils();
        this.types = environment.getTypeUtils();
        this.reporter = reporter;
        this.checksums = checksums;
        this.uncoveredCode = checksums.trees() == null ? null : new UncoveredCode(environment, checksums.trees());
        this.javaMigration = elements.getTypeElement(RuntimeNames.JAVA_MIGRATION);
        this.inherited = new InheritedImplementation(environment);
    }

    /** The {@code @Migration} mirror on {@code element}, if it has one. */
    static Optional<AnnotationMirror> migrationAnnotation(Element element) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            Element annotationType = mirror.getAnnotationType().asElement();
            if (annotationType instanceof TypeElement type
                    && type.getQualifiedName().contentEquals(RuntimeNames.MIGRATION)) {
                return Optional.of(mirror);
            }
        }
        return Optional.empty();
    }

    /**
     * Checks {@code element} and returns the migration, or empty when anything was wrong with it
     * (and reported).
     */
    Optional<FoundMigration> analyze(Element element, AnnotationMirror annotation) {
        if (element.getKind() != ElementKind.CLASS) {
            reporter.error(
                    ProcessorMessage.NOT_A_CLASS, element, annotation, kindName(element.getKind()), nameOf(element));
            return Optional.empty();
        }
        TypeElement type = (TypeElement) element;
        boolean valid = checkClass(type, annotation);

        AnnotationValue versionValue = value(annotation, RuntimeNames.VERSION);
        MigrationVersion version = null;
        if (versionValue != null && versionValue.getValue() instanceof String text) {
            String problem = MigrationVersion.problemWith(text);
            if (problem != null) {
                reporter.error(
                        ProcessorMessage.MALFORMED_VERSION, type, annotation, versionValue, nameOf(type), problem);
                valid = false;
            } else {
                version = MigrationVersion.parse(text);
            }
        } else {
            valid = false; // javac has reported the missing or erroneous value already
        }

        String checksum = null;
        try {
            checksum = checksums.checksum(type);
            warnAboutUncoveredCode(type);
        } catch (SourceChecksum.SourceUnavailableException e) {
            reporter.error(ProcessorMessage.SOURCE_UNAVAILABLE, type, annotation, nameOf(type), e.getMessage());
            valid = false;
        }
        if (!valid) {
            return Optional.empty();
        }
        AnnotationValue descriptionValue = value(annotation, RuntimeNames.DESCRIPTION);
        String description =
                descriptionValue != null && descriptionValue.getValue() instanceof String text ? text.strip() : "";
        if (description.isEmpty()) {
            description = DerivedDescription.fromClassName(type.getSimpleName().toString());
        }
        AnnotationValue transactionalValue = value(annotation, RuntimeNames.TRANSACTIONAL);
        boolean transactional = transactionalValue == null || !Boolean.FALSE.equals(transactionalValue.getValue());
        return Optional.of(new FoundMigration(
                version.toString(),
                version,
                description,
                elements.getBinaryName(type).toString(),
                type.getQualifiedName().toString(),
                checksum,
                transactional,
                isUndoable(type),
                type,
                false));
    }

    private void warnAboutUncoveredCode(TypeElement type) throws SourceChecksum.SourceUnavailableException {
        if (uncoveredCode == null) {
            return;
        }
        for (UncoveredCode.Use use : uncoveredCode.find(checksums.declarationPath(type), type)) {
            reporter.warning(
                    ProcessorMessage.UNCOVERED_CODE,
                    checksums.trees(),
                    use.path(),
                    nameOf(type),
                    use.what(),
                    use.why());
        }
    }

    /** The explicit value of {@code name}, or for a member with a default, the default. */
    AnnotationValue value(AnnotationMirror annotation, String name) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
                elements.getElementValuesWithDefaults(annotation).entrySet()) {
            if (entry.getKey().getSimpleName().contentEquals(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private boolean checkClass(TypeElement type, AnnotationMirror annotation) {
        boolean valid = true;
        Set<Modifier> modifiers = type.getModifiers();
        if (modifiers.contains(Modifier.ABSTRACT)) {
            reporter.error(ProcessorMessage.ABSTRACT_CLASS, type, annotation, nameOf(type));
            valid = false;
        }
        if (!modifiers.contains(Modifier.PUBLIC)) {
            reporter.error(ProcessorMessage.NOT_PUBLIC, type, annotation, nameOf(type));
            valid = false;
        }
        Element enclosing = type.getEnclosingElement();
        if (enclosing instanceof TypeElement outer) {
            if (!modifiers.contains(Modifier.STATIC)) {
                reporter.error(ProcessorMessage.INNER_CLASS, type, annotation, nameOf(type), nameOf(outer));
                valid = false;
            }
            for (Element e = outer; e instanceof TypeElement enclosingType; e = e.getEnclosingElement()) {
                if (!enclosingType.getModifiers().contains(Modifier.PUBLIC)) {
                    reporter.error(
                            ProcessorMessage.ENCLOSING_NOT_PUBLIC,
                            type,
                            annotation,
                            nameOf(type),
                            nameOf(enclosingType));
                    valid = false;
                    break;
                }
            }
        } else if (enclosing instanceof PackageElement pkg && pkg.isUnnamed()) {
            reporter.error(ProcessorMessage.UNNAMED_PACKAGE, type, annotation, nameOf(type));
            valid = false;
        }
        if (!modifiers.contains(Modifier.ABSTRACT) && !hasPublicNoArgConstructor(type)) {
            reporter.error(
                    ProcessorMessage.NO_PUBLIC_NO_ARG_CONSTRUCTOR,
                    type,
                    annotation,
                    nameOf(type),
                    type.getSimpleName());
            valid = false;
        }
        if (javaMigration == null
                || !types.isAssignable(types.erasure(type.asType()), types.erasure(javaMigration.asType()))) {
            reporter.error(ProcessorMessage.NOT_A_JAVA_MIGRATION, type, annotation, nameOf(type));
            valid = false;
        }
        return valid;
    }

    private static boolean hasPublicNoArgConstructor(TypeElement type) {
        for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
            if (constructor.getModifiers().contains(Modifier.PUBLIC)
                    && constructor.getParameters().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the class, a superclass, or an interface other than {@code JavaMigration} implements
     * {@code down(MigrationContext)}: then the migration can be undone.
     */
    boolean isUndoable(TypeElement type) {
        return inherited.implementerOf(type, InheritedImplementation.DOWN) != null;
    }

    private static String kindName(ElementKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    static String nameOf(Element element) {
        return element instanceof TypeElement type
                ? type.getQualifiedName().toString()
                : element.getSimpleName().toString();
    }
}
