package dev.tidemark.spring;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/** A database of its own for one test, empty, on the server of {@code TIDEMARK_TEST_URL}; dropped on close. */
public final class EmptyDatabase implements AutoCloseable {

    static final String SERVER = System.getenv()
            .getOrDefault("TIDEMARK_TEST_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");

    private final String name;

    public EmptyDatabase() {
        name = "tidemark_spring_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        run(SERVER, "CREATE DATABASE " + name);
    }

    public String url() {
        return urlFor(name);
    }

    /** The URL with another user and no password (the test server trusts local users). */
    String urlAs(String user) {
        return url().replaceAll("([?&])user=[^&]*", "$1user=" + user);
    }

    public void execute(String sql) {
        run(url(), sql);
    }

    public String query(String sql) {
        try (Connection connection = DriverManager.getConnection(url());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        run(SERVER, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    static void run(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static String urlFor(String database) {
        int slash = SERVER.indexOf('/', "jdbc:postgresql://".length());
        int query = SERVER.indexOf('?', slash);
        return SERVER.substring(0, slash + 1) + database + (query < 0 ? "" : SERVER.substring(query));
    }
}
