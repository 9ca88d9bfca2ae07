package dev.tidemark.processor;

import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/** Reports {@link ProcessorMessage}s and remembers whether any error was reported. */
final class Reporter {

    private final Messager messager;
    private boolean errorReported;

    Reporter(Messager messager) {
        this.messager = messager;
    }

    /** An error on the element as a whole. */
    void error(ProcessorMessage message, Element element, AnnotationMirror annotation, Object... arguments) {
        errorReported = true;
        messager.printMessage(Diagnostic.Kind.ERROR, message.format(arguments), element, annotation);
    }

    /** An error on an element that carries no {@code @Migration}. */
    void errorOn(ProcessorMessage message, Element element, Object... arguments) {
        errorReported = true;
        messager.printMessage(Diagnostic.Kind.ERROR, message.format(arguments), element);
    }

    /** An error on one value of the element's annotation. */
    void error(
            ProcessorMessage message,
            Element element,
            AnnotationMirror annotation,
            AnnotationValue value,
            Object... arguments) {
        errorReported = true;
        messager.printMessage(Diagnostic.Kind.ERROR, message.format(arguments), element, annotation, value);
    }

    /** An error that belongs to no element (a compiler option, a file). */
    void error(ProcessorMessage message, Object... arguments) {
        errorReported = true;
        messager.printMessage(Diagnostic.Kind.ERROR, message.format(arguments));
    }

    /** A warning on the source at {@code path} (a call, a field access, a class). */
    void warning(ProcessorMessage message, Trees trees, TreePath path, Object... arguments) {
        trees.printMessage(
                Diagnostic.Kind.WARNING, message.format(arguments), path.getLeaf(), path.getCompilationUnit());
    }

    /** A lint finding, on the source at {@code path} (the SQL argument of a call). */
    void lint(Diagnostic.Kind kind, String message, Trees trees, TreePath path) {
        if (kind == Diagnostic.Kind.ERROR) {
            errorReported = true;
        }
        trees.printMessage(kind, message, path.getLeaf(), path.getCompilationUnit());
    }

    /** A lint finding on a SQL file, which is no element of the compilation: its message names the file and line. */
    void lint(Diagnostic.Kind kind, String message) {
        if (kind == Diagnostic.Kind.ERROR) {
            errorReported = true;
        }
        messager.printMessage(kind, message);
    }

    void warning(ProcessorMessage message, Object... arguments) {
        messager.printMessage(Diagnostic.Kind.WARNING, message.format(arguments));
    }

    boolean errorReported() {
        return errorReported;
    }
}
