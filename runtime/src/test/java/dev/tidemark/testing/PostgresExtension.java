package dev.tidemark.testing;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test method a {@link TestDatabase} of its own: a database with a random name on the
 * PostgreSQL named by {@code TIDEMARK_TEST_URL} (default {@value #DEFAULT_URL}), dropped after the
 * test whatever its outcome. Declare a {@code TestDatabase} parameter to get one; declare two to
 * get two different databases.
 */
public final class PostgresExtension implements ParameterResolver {

    /** The server tests use when {@code TIDEMARK_TEST_URL} is not set. */
    public static final String DEFAULT_URL = "jdbc:postgresql://localhost:5432/postgres?user=postgres";

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(PostgresExtension.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The URL of the server's maintenance database, from {@code TIDEMARK_TEST_URL}. */
    public static String serverUrl() {
        String url = System.getenv("TIDEMARK_TEST_URL");
        return url == null || url.isBlank() ? DEFAULT_URL : url;
    }

    /** Creates a database with a random name; the caller must {@link #drop} it. */
    public static TestDatabase create() {
        return create("");
    }

    /**
     * Creates a database with a random name and {@code options} after {@code CREATE DATABASE name}
     * (an encoding, say); the caller must {@link #drop} it.
     */
    public static TestDatabase create(String options) {
        String name = "tidemark_test_" + Long.toHexString(RANDOM.nextLong()).toLowerCase(Locale.ROOT);
        try (Connection connection = DriverManager.getConnection(serverUrl());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name + (options.isEmpty() ? "" : " " + options));
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot create a test database on " + serverUrl() + " (set TIDEMARK_TEST_URL): " + e.getMessage(),
                    e);
        }
        return new TestDatabase(name, withDatabase(serverUrl(), name));
    }

    /** Drops a database made by {@link #create}, ending any session still connected to it. */
    public static void drop(TestDatabase database) {
        try (Connection connection = DriverManager.getConnection(serverUrl());
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database.name() + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test database " + database.name() + ": " + e.getMessage(), e);
        }
    }

    static String withDatabase(String url, String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String parameters = query < 0 ? "" : url.substring(query);
        int slash = base.lastIndexOf('/');
        if (slash < "jdbc:postgresql://".length()) {
            return base + "/" + database + parameters;
        }
        return base.substring(0, slash + 1) + database + parameters;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestDatabase database = create();
        // The store closes what it holds when the test's context ends, pass or fail.
        context.getStore(NAMESPACE).put(database.name(), (AutoCloseable) () -> drop(database));
        return database;
    }
}
