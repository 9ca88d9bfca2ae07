package dev.tidemark.testsupport;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * The PostgreSQL server tests run against, named by {@code TIDEMARK_TEST_URL} (default {@value
 * #DEFAULT_URL}), and the databases of their own that tests and Invoker scenarios make on it: each
 * with a random name, created here and dropped here, whatever session is still connected to it.
 */
public final class TestServer {

    /** The server used when {@code TIDEMARK_TEST_URL} is not set. */
    public static final String DEFAULT_URL = "jdbc:postgresql://localhost:5432/postgres?user=postgres";

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestServer() {}

    /** The URL of the server's maintenance database, from {@code TIDEMARK_TEST_URL}. */
    public static String url() {
        String url = System.getenv("TIDEMARK_TEST_URL");
        return url == null || url.isBlank() ? DEFAULT_URL : url;
    }

    /** {@code prefix} followed by random hexadecimal digits: a database name no other test uses. */
    public static String uniqueName(String prefix) {
        return prefix + Long.toHexString(RANDOM.nextLong()).toLowerCase(Locale.ROOT);
    }

    /**
     * Creates the database {@code name} on the server of {@code serverUrl}, with {@code options}
     * after {@code CREATE DATABASE name} (an encoding, say; empty for none), and returns its URL.
     */
    public static String createDatabase(String serverUrl, String name, String options) throws SQLException {
        try (Connection connection = DriverManager.getConnection(serverUrl);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name + (options.isEmpty() ? "" : " " + options));
        }
        return withDatabase(serverUrl, name);
    }

    /** Drops the database {@code name} on the server of {@code serverUrl}, ending any session still in it. */
    public static void dropDatabase(String serverUrl, String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(serverUrl);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    /** {@code url} with its database replaced by {@code database}, its parameters kept. */
    public static String withDatabase(String url, String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String parameters = query < 0 ? "" : url.substring(query);
        int slash = base.lastIndexOf('/');
        if (slash < "jdbc:postgresql://".length()) {
            return base + "/" + database + parameters;
        }
        return base.substring(0, slash + 1) + database + parameters;
    }
}
