package dev.tidemark.spring;

import java.lang.reflect.Executable;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.sql.init.dependency.DatabaseInitializerDetector;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitializationDetector;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.type.MethodMetadata;
import org.springframework.util.ClassUtils;

/**
 * Orders the application's own plain JDBC users after the migration: a bean whose constructor or
 * {@code @Bean} method takes a {@link DataSource} (and may query it while it is created) depends on
 * database initialization as if it were marked {@code @DependsOnDatabaseInitialization}.
 *
 * <p>Spring's own beans are left to Spring Boot's detectors; the database's initializers (found by
 * every {@link DatabaseInitializerDetector}), {@code DataSource} beans and {@link
 * TidemarkConfigurationCustomizer}s, which the migration itself needs, are never made to wait for
 * it. Flyway orders only beans of known types and annotated ones; this also covers a bean written
 * as {@code new GreetingReader(dataSource)} that nobody marked.
 */
public class DataSourceUsersDetector implements DependsOnDatabaseInitializationDetector {

    @Override
    public Set<String> detect(ConfigurableListableBeanFactory beanFactory) {
        Set<String> users = new LinkedHashSet<>();
        ClassLoader classLoader = beanFactory.getBeanClassLoader();
        Set<String> initializers = initializers(beanFactory, classLoader);
        for (String name : beanFactory.getBeanDefinitionNames()) {
            if (initializers.contains(name)) {
                continue;
            }
            BeanDefinition definition = beanFactory.getMergedBeanDefinition(name);
            if (definition.isAbstract() || definition.getRole() != BeanDefinition.ROLE_APPLICATION) {
                continue;
            }
            Class<?> type = beanFactory.getType(name, false);
            if (type != null
                    && (DataSource.class.isAssignableFrom(type)
                            || TidemarkConfigurationCustomizer.class.isAssignableFrom(type))) {
                continue;
            }
            if (takesDataSource(definition, classLoader)) {
                users.add(name);
            }
        }
        return users;
    }

    /**
     * The beans that initialize the database (Tidemark's, Flyway's, Liquibase's, SQL scripts'): they
     * take the {@code DataSource} too, and one made to wait for the initializers would wait for itself.
     */
    private static Set<String> initializers(ConfigurableListableBeanFactory beanFactory, ClassLoader classLoader) {
        Set<String> initializers = new LinkedHashSet<>();
        SpringFactoriesLoader.forDefaultResourceLocation(classLoader)
                .load(
                        DatabaseInitializerDetector.class,
                        SpringFactoriesLoader.ArgumentResolver.none(),
                        (factoryType, implementationName, failure) -> {})
                .forEach(detector -> initializers.addAll(detector.detect(beanFactory)));
        return initializers;
    }

    private static boolean takesDataSource(BeanDefinition definition, ClassLoader classLoader) {
        String declaringClass = declaringClass(definition);
        if (declaringClass == null || !applications(declaringClass)) {
            return false;
        }
        Class<?> declaring;
        try {
            declaring = ClassUtils.forName(declaringClass, classLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
        Stream<? extends Executable> creators = definition.getFactoryMethodName() == null
                ? Arrays.stream(declaring.getDeclaredConstructors())
                : Arrays.stream(declaring.getDeclaredMethods())
                        .filter(method -> method.getName().equals(definition.getFactoryMethodName()));
        return creators.anyMatch(
                creator -> Arrays.stream(creator.getParameterTypes()).anyMatch(DataSource.class::isAssignableFrom));
    }

    /** The class whose constructor or {@code @Bean} method creates the bean, when it can be told. */
    private static String declaringClass(BeanDefinition definition) {
        if (definition.getFactoryMethodName() == null) {
            return definition.getBeanClassName();
        }
        if (definition instanceof AnnotatedBeanDefinition annotated) {
            MethodMetadata factoryMethod = annotated.getFactoryMethodMetadata();
            if (factoryMethod != null) {
                return factoryMethod.getDeclaringClassName();
            }
        }
        return null;
    }

    private static boolean applications(String className) {
        return !className.startsWith("org.springframework.");
    }
}
