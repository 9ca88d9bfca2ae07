package dev.tidemark.internal.shadow;

import dev.tidemark.internal.config.DatabaseUrl;
import dev.tidemark.internal.config.RunSettings;
import dev.tidemark.internal.sql.Identifier;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The server {@link ShadowDatabase}s are made on (finding a baseline, the round-trip test): the one
 * the {@code shadowUrl} setting names, with its credentials (or the configured ones where it gives
 * none); else the migrated database's own server, with the configured credentials — from the URL,
 * or for a DataSource its URL and user (its password cannot be reused).
 */
public final class ShadowServer {

    private ShadowServer() {}

    /**
     * The session temporary databases are created and dropped on: a new one to the shadow server,
     * or {@code live} itself (never closed by {@link Admin#close()}) when there is none.
     */
    public static Admin admin(RunSettings settings, Connection live) throws SQLException {
        DatabaseUrl shadow = settings.shadowUrl();
        if (shadow == null) {
            return new Admin(live, false);
        }
        return new Admin(DriverManager.getConnection(shadow.jdbcUrl(), shadowProperties(settings, shadow)), true);
    }

    /**
     * A connection to the temporary database {@code database}. Its {@code search_path} starts with
     * the configured schema, as on the work session.
     */
    public static Connection connect(RunSettings settings, String database) throws SQLException {
        String url;
        Properties properties;
        DatabaseUrl shadow = settings.shadowUrl();
        if (shadow != null) {
            url = shadow.jdbcUrl();
            properties = shadowProperties(settings, shadow);
        } else if (settings.url() != null) {
            url = settings.url().jdbcUrl();
            properties = credentials(settings, settings.user(), settings.password());
        } else {
            try (Connection live = settings.dataSource().getConnection()) {
                DatabaseMetaData metadata = live.getMetaData();
                url = metadata.getURL();
                properties = credentials(settings, metadata.getUserName(), null);
            }
        }
        Connection connection = DriverManager.getConnection(withDatabase(url, database), properties);
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT set_config('search_path', ? || ', ' || current_setting('search_path'), false)")) {
            statement.setString(1, Identifier.quote(settings.schema()));
            statement.execute();
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /** The shadow URL's own credentials, or the configured ones where it names none. */
    private static Properties shadowProperties(RunSettings settings, DatabaseUrl shadow) {
        return credentials(
                settings,
                shadow.user() != null ? shadow.user() : settings.user(),
                shadow.user() != null || shadow.password() != null ? shadow.password() : settings.password());
    }

    /** Connection properties: the user and password when given, and Tidemark's application name. */
    private static Properties credentials(RunSettings settings, String user, String password) {
        Properties properties = new Properties();
        properties.setProperty("ApplicationName", settings.applicationName());
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return properties;
    }

    /** {@code jdbc:postgresql://host:5432/app?ssl=true} with {@code app} replaced by {@code database}. */
    static String withDatabase(String jdbcUrl, String database) {
        int query = jdbcUrl.indexOf('?');
        String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        String parameters = query < 0 ? "" : jdbcUrl.substring(query);
        int hostStart = base.indexOf("//");
        int slash = base.indexOf('/', hostStart < 0 ? 0 : hostStart + 2);
        return (slash < 0 ? base : base.substring(0, slash)) + "/" + database + parameters;
    }

    /** The session temporary databases are created and dropped on; closes it only if it opened it. */
    public record Admin(Connection connection, boolean owned) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            if (owned) {
                connection.close();
            }
        }
    }
}
