package dev.tidemark.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The PostgreSQL server of the tests ({@code TIDEMARK_TEST_URL}, by default the local one), and a
 * database of its own for each test.
 */
final class TestServer {

    static final String URL = System.getenv()
            .getOrDefault("TIDEMARK_TEST_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");

    /** A port of this task's range on which nothing listens. */
    static final int CLOSED_PORT = 25520;

    private TestServer() {}

    /** Creates a database with a fresh name and returns its name. */
    static String createDatabase() {
        String name = "tidemark_cli_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        execute(URL, "CREATE DATABASE " + name);
        return name;
    }

    static void dropDatabase(String name) {
        execute(URL, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** The JDBC URL of {@code database} on the test server. */
    static String urlOf(String database) {
        return URL.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + database);
    }

    static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(urlOf(database));
    }

    static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
