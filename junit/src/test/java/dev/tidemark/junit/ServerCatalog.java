package dev.tidemark.junit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** What the test server's catalog says, read on a connection of its own. */
final class ServerCatalog {

    private ServerCatalog() {}

    static String url() {
        String url = System.getenv(MigratedDatabaseExtension.SERVER_ENVIRONMENT);
        return url == null || url.isBlank() ? Server.DEFAULT_URL : url;
    }

    static Server server() {
        return new Server(url(), "the tests");
    }

    static boolean exists(String database) {
        return !query("select datname from pg_database where datname = ?", database)
                .isEmpty();
    }

    /** The databases whose names start with {@code prefix}. */
    static List<String> databasesStartingWith(String prefix) {
        return query("select datname from pg_database where starts_with(datname, ?) order by datname", prefix);
    }

    /** The database's oid, which a rebuilt database of the same name would not have. */
    static String oid(String database) {
        List<String> rows = query("select oid::text from pg_database where datname = ?", database);
        return rows.isEmpty() ? null : rows.get(0);
    }

    static boolean allowsConnections(String database) {
        return query("select datallowconn::text from pg_database where datname = ?", database)
                .equals(List.of("true"));
    }

    static void drop(String database) {
        try (Connection connection = DriverManager.getConnection(url());
                PreparedStatement statement = connection.prepareStatement(
                        "DROP DATABASE IF EXISTS " + Server.quote(database) + " WITH (FORCE)")) {
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> query(String sql, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(url());
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
