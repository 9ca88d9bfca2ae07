package dev.tidemark.testing;

import dev.tidemark.testsupport.TestServer;
import java.sql.SQLException;
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
    public static final String DEFAULT_URL = TestServer.DEFAULT_URL;

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(PostgresExtension.class);

    /** The URL of the server's maintenance database, from {@code TIDEMARK_TEST_URL}. */
    public static String serverUrl() {
        return TestServer.url();
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
        String name = TestServer.uniqueName("tidemark_test_");
        try {
            return new TestDatabase(name, TestServer.createDatabase(serverUrl(), name, options));
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot create a test database on " + serverUrl() + " (set TIDEMARK_TEST_URL): " + e.getMessage(),
                    e);
        }
    }

    /** Drops a database made by {@link #create}, ending any session still connected to it. */
    public static void drop(TestDatabase database) {
        try {
            TestServer.dropDatabase(serverUrl(), database.name());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test database " + database.name() + ": " + e.getMessage(), e);
        }
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
