package dev.tidemark.processor;

import javax.lang.model.element.Element;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/**
 * Where a member a migration uses is declared, as far as its checksum is concerned: inside the
 * migration's own declaration (its source text is checksummed), in the Java platform or Tidemark's
 * API (fixed by their release), or elsewhere (the project's other classes and its libraries).
 */
final class PlatformCode {

    private static final String TIDEMARK_API = "dev.tidemark";

    private PlatformCode() {}

    /** Whether {@code element} is declared in {@code migration} or in a type nested in it. */
    static boolean isInside(Element element, TypeElement migration) {
        for (Element e = element; e != null && !(e instanceof PackageElement); e = e.getEnclosingElement()) {
            if (e.equals(migration)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code element} belongs to the Java platform (a module named {@code java.*} or {@code
     * jdk.*}; compiled for a release without modules, a package {@code java.*} or {@code javax.*}) or to
     * Tidemark's API (package {@code dev.tidemark}, whose {@code MigrationContext} runs the SQL).
     */
    static boolean isPlatform(Element element) {
        PackageElement pkg = packageOf(element);
        if (pkg == null) {
            return false;
        }
        String packageName = pkg.getQualifiedName().toString();
        if (packageName.equals(TIDEMARK_API)) {
            return true;
        }
        if (pkg.getEnclosingElement() instanceof ModuleElement module) {
            String moduleName = module.getQualifiedName().toString();
            return moduleName.startsWith("java.") || moduleName.startsWith("jdk.");
        }
        return packageName.startsWith("java.") || packageName.startsWith("javax.");
    }

    private static PackageElement packageOf(Element element) {
        Element e = element;
        while (e != null && !(e instanceof PackageElement)) {
            e = e.getEnclosingElement();
        }
        return (PackageElement) e;
    }

    /** The type that declares {@code element}, or null for a package or module. */
    static TypeElement ownerOf(Element element) {
        Element e = element.getEnclosingElement();
        while (e != null && !(e instanceof TypeElement)) {
            e = e.getEnclosingElement();
        }
        return (TypeElement) e;
    }
}
