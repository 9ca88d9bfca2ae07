package dev.tidemark.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A database of its own on the real PostgreSQL named by {@code TIDEMARK_TEST_URL}, created for one
 * test and dropped after it. Obtain one through {@link PostgresExtension}.
 */
public final class TestDatabase extends SimpleDataSource {

    private final String name;
    private final String url;

    TestDatabase(String name, String url) {
        this.name = name;
        this.url = url;
    }

    /** The database's name. */
    public String name() {
        return name;
    }

    /** A JDBC URL for this database, with the server's credentials as query parameters. */
    public String url() {
        return url;
    }

    /** Runs one or more statements and returns nothing. */
    public void execute(String sql) {
        try (Connection connection = getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Runs a query and returns each row's columns as strings. */
    public List<List<String>> query(String sql) {
        try (Connection connection = getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            List<List<String>> result = new ArrayList<>();
            while (rows.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rows.getString(i));
                }
                result.add(row);
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Runs a query that returns one value, as a string (null when no row). */
    public String queryValue(String sql) {
        List<List<String>> rows = query(sql);
        return rows.isEmpty() ? null : rows.get(0).get(0);
    }

    /** Whether a table (or view) of that name exists in the schema. */
    public boolean tableExists(String schema, String table) {
        return "t".equals(queryValue("select to_regclass('" + quote(schema) + "." + quote(table) + "') is not null"));
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"").replace("'", "''") + "\"";
    }

    @Override
    public Connection getConnection() throws SQLException {
        return DriverManager.getConnection(url);
    }
}
