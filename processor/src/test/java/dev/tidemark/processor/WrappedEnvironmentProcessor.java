package dev.tidemark.processor;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * Runs the processor behind a wrapped {@link ProcessingEnvironment}, as build tools that wrap the
 * compiler's environment do (the wrapper is not javac's own class, so the tree API refuses it).
 * Methods named in {@code overrides} answer from there instead of the compiler's environment.
 */
final class WrappedEnvironmentProcessor extends AbstractProcessor {

    private final MigrationProcessor delegate = new MigrationProcessor();
    private final Map<String, Function<ProcessingEnvironment, Object>> overrides;

    WrappedEnvironmentProcessor(Map<String, Function<ProcessingEnvironment, Object>> overrides) {
        this.overrides = overrides;
    }

    @Override
    public synchronized void init(ProcessingEnvironment environment) {
        super.init(environment);
        ProcessingEnvironment wrapped = (ProcessingEnvironment) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {ProcessingEnvironment.class}, (proxy, method, args) -> {
                    Function<ProcessingEnvironment, Object> override = overrides.get(method.getName());
                    if (override != null) {
                        return override.apply(environment);
                    }
                    try {
                        return method.invoke(environment, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        delegate.init(wrapped);
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public Set<String> getSupportedOptions() {
        return delegate.getSupportedOptions();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return delegate.getSupportedSourceVersion();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        return delegate.process(annotations, round);
    }
}
