package dev.tidemark.junit;

import dev.tidemark.junit.MigratedDatabase.Scope;
import dev.tidemark.spi.MigrationManifest;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The extension behind {@link MigratedDatabase}: makes each test's database from the template,
 * injects it, and drops it when the test (or, with {@link Scope#CLASS}, the class) ends, whatever
 * its outcome. Other extensions (a Spring test context's, say) reach the current test's database
 * through {@link #database(ExtensionContext)}.
 */
public final class MigratedDatabaseExtension implements ParameterResolver, BeforeEachCallback {

    /** The configuration parameter or system property naming the server: {@value}. */
    public static final String SERVER_PROPERTY = "tidemark.test.url";

    /** The environment variable naming the server: {@value}. */
    public static final String SERVER_ENVIRONMENT = "TIDEMARK_TEST_URL";

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(MigratedDatabaseExtension.class);
    private static final Map<ClassLoader, List<MigrationManifest>> MANIFESTS = new ConcurrentHashMap<>();

    /**
     * The database of the test (or test class) {@code context} belongs to, made on first use: for
     * another extension that must hand it on, such as the URL to a Spring application context.
     *
     * @throws ParameterResolutionException when no {@link MigratedDatabase} applies to {@code
     *     context}, or it is per method and {@code context} is a class's
     */
    @SuppressWarnings("deprecation") // getOrComputeIfAbsent: its successor is JUnit 6's alone; this runs on 5.12 too
    public static TestDatabase database(ExtensionContext context) {
        Owner owner = owner(context)
                .orElseThrow(() -> new ParameterResolutionException("No @MigratedDatabase on "
                        + context.getDisplayName() + " or its class: annotate the test method or class."));
        return owner.context
                .getStore(NAMESPACE)
                .computeIfAbsent(owner.annotation, annotation -> create(annotation, owner.context), TestDatabase.class);
    }

    @Override
    public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
        return ExtensionContextScope.TEST_METHOD;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestDatabase.class
                || type == DataSource.class
                || type == Connection.class
                || (type == String.class && parameter.isAnnotated(JdbcUrl.class));
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestDatabase database = database(context);
        Class<?> type = parameter.getParameter().getType();
        if (type == DataSource.class) {
            return database.dataSource();
        }
        if (type == String.class) {
            return database.url();
        }
        if (type == Connection.class) {
            try {
                Connection connection = database.connect();
                // Closed when the method that received it ends, before its database is dropped.
                context.getStore(NAMESPACE).put(new Object(), (AutoCloseable) connection::close);
                return connection;
            } catch (SQLException e) {
                throw new ParameterResolutionException(
                        "Cannot connect to the test database " + database.name() + ": " + e.getMessage() + " [SQLSTATE "
                                + e.getSQLState() + "]",
                        e);
            }
        }
        return database;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IllegalAccessException {
        if (owner(context).isEmpty()) {
            return;
        }
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            for (Class<?> type = instance.getClass(); type != Object.class; type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers())) {
                        continue;
                    }
                    if (field.getType() == TestDatabase.class) {
                        field.setAccessible(true);
                        field.set(instance, database(context));
                    } else if (field.getType() == String.class && field.isAnnotationPresent(JdbcUrl.class)) {
                        field.setAccessible(true);
                        field.set(instance, database(context).url());
                    }
                }
            }
        }
    }

    /** Which annotation applies to {@code context}, and on which context its database lives. */
    private record Owner(MigratedDatabase annotation, ExtensionContext context) {}

    private static Optional<Owner> owner(ExtensionContext context) {
        for (ExtensionContext level = context;
                level != null;
                level = level.getParent().orElse(null)) {
            Optional<MigratedDatabase> found =
                    AnnotationSupport.findAnnotation(level.getElement(), MigratedDatabase.class);
            if (found.isEmpty()) {
                continue;
            }
            MigratedDatabase annotation = found.get();
            boolean onMethod = level.getElement().orElse(null) instanceof Method;
            if (onMethod || annotation.scope() == Scope.CLASS) {
                return Optional.of(new Owner(annotation, level));
            }
            if (context.getTestMethod().isEmpty()) {
                throw new ParameterResolutionException("@MigratedDatabase on " + level.getDisplayName()
                        + " gives each test method a database of its own, so " + context.getDisplayName()
                        + " (a @BeforeAll method or a class-level callback) has none: use"
                        + " @MigratedDatabase(scope = Scope.CLASS) to share one database across the class.");
            }
            return Optional.of(new Owner(annotation, context));
        }
        return Optional.empty();
    }

    private static TestDatabase create(MigratedDatabase annotation, ExtensionContext context) {
        Server server = server(annotation, context);
        ClassLoader classLoader = context.getTestClass()
                .map(Class::getClassLoader)
                .orElseGet(() -> Thread.currentThread().getContextClassLoader());
        Templates templates = Templates.shared();
        TemplateKey key;
        try {
            key = templates.key(server, manifests(classLoader), annotation.schema(), annotation.version());
        } catch (IllegalArgumentException e) {
            throw new ParameterResolutionException(e.getMessage(), e);
        }
        return templates.create(server, key, classLoader);
    }

    private static Server server(MigratedDatabase annotation, ExtensionContext context) {
        if (!annotation.server().isBlank()) {
            return new Server(annotation.server().strip(), "@MigratedDatabase(server = …)");
        }
        Optional<String> property =
                context.getConfigurationParameter(SERVER_PROPERTY).filter(value -> !value.isBlank());
        if (property.isPresent()) {
            return new Server(
                    property.get().strip(), "the configuration parameter or system property " + SERVER_PROPERTY);
        }
        return MigratedDatabases.serverFromEnvironment();
    }

    static List<MigrationManifest> manifests(ClassLoader classLoader) {
        return MANIFESTS.computeIfAbsent(classLoader, loader -> {
            List<MigrationManifest> found = new ArrayList<>();
            ServiceLoader.load(MigrationManifest.class, loader).forEach(found::add);
            return List.copyOf(found);
        });
    }
}
