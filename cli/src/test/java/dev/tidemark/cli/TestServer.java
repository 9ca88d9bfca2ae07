package dev.tidemark.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** The command's view of the test server: a database of its own per test, and statements run on it. */
final class TestServer {

    /** A port of this module's range (25520-25529) on which nothing listens. */
    static final int CLOSED_PORT = 25520;

    private TestServer() {}

    static String url() {
        return dev.tidemark.testsupport.TestServer.url();
    }

    /** Creates a database with a fresh name and returns its name. */
    static String createDatabase() throws SQLException {
        String name = dev.tidemark.testsupport.TestServer.uniqueName("tidemark_cli_");
        dev.tidemark.testsupport.TestServer.createDatabase(url(), name, "");
        return name;
    }

    static void dropDatabase(String name) throws SQLException {
        dev.tidemark.testsupport.TestServer.dropDatabase(url(), name);
    }

    /** The JDBC URL of {@code database} on the test server. */
    static String urlOf(String database) {
        return dev.tidemark.testsupport.TestServer.withDatabase(url(), database);
    }

    static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(urlOf(database));
    }

    static void execute(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
