package dev.tidemark.internal.execution;

import dev.tidemark.internal.config.Settings;
import dev.tidemark.internal.sql.Identifier;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Connections to another database of the configured server (a temporary one), with the
 * configured credentials: from the URL, or for a DataSource its URL and user (its password cannot
 * be reused). The session's {@code search_path} starts with the configured schema, as on the work
 * session.
 */
final class SameServer {

    private SameServer() {}

    /** A connection to {@code database} on the configured server, with the configured credentials. */
    static Connection connect(Settings settings, String database) throws SQLException {
        String url;
        Properties properties = new Properties();
        if (settings.url() != null) {
            url = settings.url().jdbcUrl();
            if (settings.user() != null) {
                properties.setProperty("user", settings.user());
            }
            if (settings.password() != null) {
                properties.setProperty("password", settings.password());
            }
        } else {
            try (Connection live = settings.dataSource().getConnection()) {
                DatabaseMetaData metadata = live.getMetaData();
                url = metadata.getURL();
                properties.setProperty("user", metadata.getUserName());
            }
        }
        properties.setProperty("ApplicationName", settings.applicationName());
        Connection shadow = DriverManager.getConnection(withDatabase(url, database), properties);
        try (PreparedStatement statement = shadow.prepareStatement(
                "SELECT set_config('search_path', ? || ', ' || current_setting('search_path'), false)")) {
            statement.setString(1, Identifier.quote(settings.schema()));
            statement.execute();
        } catch (SQLException e) {
            shadow.close();
            throw e;
        }
        return shadow;
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
}
