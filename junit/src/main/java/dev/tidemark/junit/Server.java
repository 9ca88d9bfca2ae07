package dev.tidemark.junit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The PostgreSQL server test databases are made on: a JDBC URL of one of its databases (the
 * maintenance database, where templates are locked, created and dropped) and where that URL came
 * from, so that a failure to reach it can say what to change.
 */
final class Server {

    static final String DEFAULT_URL = "jdbc:postgresql://localhost:5432/postgres?user=postgres";
    private static final String PREFIX = "jdbc:postgresql://";
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&]*");
    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(//[^/:@]*:)[^@/]*@");

    private final String url;
    private final String source;

    Server(String url, String source) {
        this.url = Objects.requireNonNull(url, "url");
        this.source = source;
        if (!url.startsWith(PREFIX)) {
            throw new IllegalArgumentException("The test database server " + masked() + " (from " + source
                    + ") is not a jdbc:postgresql:// URL. Give one such as " + DEFAULT_URL + ".");
        }
    }

    /** The server's maintenance database URL, credentials included. */
    String url() {
        return url;
    }

    /** Where the URL came from, in words: "the environment variable TIDEMARK_TEST_URL". */
    String source() {
        return source;
    }

    /** The URL of another database of this server, with the same parameters. */
    String urlFor(String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String parameters = query < 0 ? "" : url.substring(query);
        int slash = base.indexOf('/', PREFIX.length());
        String hostAndPort = slash < 0 ? base : base.substring(0, slash);
        return hostAndPort + "/" + database + parameters;
    }

    /** The URL with its password replaced, for messages. */
    String masked() {
        return mask(url);
    }

    static String mask(String url) {
        String masked = PASSWORD.matcher(url).replaceAll("$1***");
        return USER_INFO_PASSWORD.matcher(masked).replaceAll("$1***@");
    }

    Connection connect() {
        try {
            return DriverManager.getConnection(url);
        } catch (SQLException e) {
            throw unreachable(e);
        }
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(urlFor(database));
    }

    private IllegalStateException unreachable(SQLException e) {
        String cause = e.getMessage() == null ? e.toString() : mask(e.getMessage());
        String remedy = cause.startsWith("No suitable driver")
                ? "Add the PostgreSQL JDBC driver (org.postgresql:postgresql) to the test class path."
                : "Start PostgreSQL there, or point the tests at another server with "
                        + MigratedDatabaseExtension.SERVER_ENVIRONMENT + ", -D"
                        + MigratedDatabaseExtension.SERVER_PROPERTY + "=… or @MigratedDatabase(server = …).";
        return new IllegalStateException(
                "Cannot connect to the test database server " + masked() + " (from " + source
                        + "): " + cause + (e.getSQLState() == null ? "" : " [SQLSTATE " + e.getSQLState() + "]")
                        + ". No database was created.\n" + remedy,
                e);
    }

    /** A name as a quoted SQL identifier, so that no name is ever concatenated into SQL raw. */
    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Server server && server.url.equals(url);
    }

    @Override
    public int hashCode() {
        return url.hashCode();
    }

    @Override
    public String toString() {
        return masked();
    }
}
