package dev.tidemark.spring.test;

import java.util.List;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.util.ClassUtils;

/**
 * Hands the application context of a test marked {@link AutoConfigureMigratedDatabase} a database
 * from the JUnit extension's template. Registered in {@code META-INF/spring.factories}; inert
 * without the annotation or without {@code tidemark-junit}.
 */
public class MigratedDatabaseContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        AutoConfigureMigratedDatabase annotation = MergedAnnotations.from(
                        testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
                .get(AutoConfigureMigratedDatabase.class)
                .synthesize(merged -> merged.isPresent())
                .orElse(null);
        if (annotation == null) {
            return null;
        }
        if (!ClassUtils.isPresent("dev.tidemark.junit.MigratedDatabases", testClass.getClassLoader())) {
            throw new IllegalStateException(testClass.getName() + " is marked @AutoConfigureMigratedDatabase, but"
                    + " dev.tidemark:tidemark-junit is not on the test class path: add it with <scope>test</scope>.");
        }
        return new MigratedDatabaseContextCustomizer(annotation.version(), annotation.schema(), annotation.server());
    }
}
