package dev.tidemark.internal.jdbc;

import dev.tidemark.ErrorCode;
import dev.tidemark.TidemarkException;
import dev.tidemark.internal.config.Secrets;
import dev.tidemark.internal.config.Settings;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * Opens Tidemark's sessions: from the DataSource or through DriverManager, retrying a database
 * that is still starting with a doubling interval, and turning failures into messages that say
 * what to fix without ever showing the password. Every session gets {@code application_name} and,
 * on PostgreSQL 14 and later, {@code client_connection_check_interval}, so that the server ends a
 * dead client's statement, transaction and locks within seconds instead of running on; and short
 * TCP keepalives, so that an idle session (the lock holder) whose client vanished without closing
 * the connection is ended in about 25 s, not after the system's two hours.
 */
public final class Connector {

    /** How often the server checks that the client is still there while a statement runs. */
    static final String CLIENT_CHECK_INTERVAL = "2s";

    private static final Duration MAX_RETRY_INTERVAL = Duration.ofSeconds(30);

    private final Settings settings;

    public Connector(Settings settings) {
        this.settings = settings;
    }

    /**
     * Opens a session in auto-commit, retrying as configured. The first session of a {@code
     * Tidemark} made with {@code connectEarly} is the one {@code load()} started opening: its
     * attempt counts as the first.
     */
    public Connection open() {
        Duration interval = settings.connectRetryInterval();
        for (int attempt = 0; ; attempt++) {
            try {
                Connection early = attempt == 0 && settings.earlySession() != null
                        ? settings.earlySession().take()
                        : null;
                return early != null ? early : openOnce();
            } catch (SQLException e) {
                if (!retryable(e) || attempt >= settings.connectRetries()) {
                    throw failure(e, attempt + 1);
                }
                settings.listener()
                        .warn("Cannot connect to " + settings.describeDatabase() + " (attempt " + (attempt + 1)
                                + " of " + (settings.connectRetries() + 1) + "): " + message(e) + "; retrying in "
                                + interval.toMillis() + " ms");
                sleep(interval);
                interval = interval.multipliedBy(2);
                if (interval.compareTo(MAX_RETRY_INTERVAL) > 0) {
                    interval = MAX_RETRY_INTERVAL;
                }
            }
        }
    }

    /** Opens a session in auto-commit, once: for a session that is merely useful, not needed. */
    public Connection openOnce() throws SQLException {
        Connection connection = connect();
        try {
            prepare(connection);
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    private Connection connect() throws SQLException {
        Connection connection;
        if (settings.dataSource() != null) {
            connection = settings.dataSource().getConnection();
        } else {
            Properties properties = new Properties();
            if (settings.user() != null) {
                properties.setProperty("user", settings.user());
            }
            if (settings.password() != null) {
                properties.setProperty("password", settings.password());
            }
            properties.setProperty("ApplicationName", settings.applicationName());
            connection = DriverManager.getConnection(settings.url().jdbcUrl(), properties);
        }
        connection.setAutoCommit(true);
        return connection;
    }

    /**
     * Sets the session's application name, short TCP keepalives and, on PostgreSQL 14 and later,
     * the client connection check: in one round trip, and one setting at a time only on a server
     * that refuses one of them (some platforms refuse keepalives or the check).
     */
    private void prepare(Connection connection) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT set_config('application_name', ?, false),"
                        + " set_config('tcp_keepalives_idle', '10', false),"
                        + " set_config('tcp_keepalives_interval', '5', false),"
                        + " set_config('tcp_keepalives_count', '3', false),"
                        + " CASE WHEN current_setting('server_version_num')::int >= 140000"
                        + " THEN set_config('client_connection_check_interval', ?, false) END")) {
            statement.setString(1, settings.applicationName());
            statement.setString(2, CLIENT_CHECK_INTERVAL);
            statement.execute();
            return;
        } catch (SQLException e) {
            settings.listener().debug("Setting the session up one setting at a time: " + message(e));
        }
        prepareSettingBySetting(connection);
    }

    private void prepareSettingBySetting(Connection connection) throws SQLException {
        int serverVersion;
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT set_config('application_name', ?, false), current_setting('server_version_num')::int")) {
            statement.setString(1, settings.applicationName());
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                serverVersion = row.getInt(2);
            }
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT"
                + " set_config('tcp_keepalives_idle', '10', false),"
                + " set_config('tcp_keepalives_interval', '5', false),"
                + " set_config('tcp_keepalives_count', '3', false)")) {
            statement.execute();
        } catch (SQLException e) {
            settings.listener().debug("TCP keepalives cannot be set on this server: " + message(e));
        }
        if (serverVersion >= 140000) {
            try (PreparedStatement statement =
                    connection.prepareStatement("SELECT set_config('client_connection_check_interval', ?, false)")) {
                statement.setString(1, CLIENT_CHECK_INTERVAL);
                statement.execute();
            } catch (SQLException e) {
                // Platforms without the needed poll() support refuse a non-zero value.
                settings.listener()
                        .debug("client_connection_check_interval is not available on this server: " + message(e));
            }
        }
    }

    private static boolean retryable(SQLException e) {
        String state = e.getSQLState();
        if (e.getMessage() != null && e.getMessage().startsWith("No suitable driver")) {
            return false;
        }
        if ("08004".equals(state)) {
            return false;
        }
        return state == null && causedBy(e, ConnectException.class)
                || state != null && (state.startsWith("08") || state.equals("57P03"));
    }

    private TidemarkException failure(SQLException e, int attempts) {
        String state = e.getSQLState();
        String where = settings.describeDatabase();
        String tried = attempts > 1 ? " after " + attempts + " attempts" : "";
        String user = settings.user() == null ? "(the driver's default user)" : settings.user();
        if (e.getMessage() != null && e.getMessage().startsWith("No suitable driver")) {
            return new TidemarkException(
                    ErrorCode.CONNECTION_FAILED,
                    "Cannot connect to " + where + ": the PostgreSQL JDBC driver is not on the class path.\n"
                            + "Add the dependency org.postgresql:postgresql (to the plugin's <dependencies> when"
                            + " running from Maven).");
        }
        if ("28P01".equals(state) || "28000".equals(state) || "08004".equals(state)) {
            return new TidemarkException(
                    ErrorCode.AUTHENTICATION_FAILED,
                    "The database at " + where + " refused user " + user
                            + ": wrong password or no such user (" + describe(e) + ").\n"
                            + "Check schema.user and schema.password (or the credentials in schema.url).");
        }
        if ("3D000".equals(state)) {
            return new TidemarkException(
                    ErrorCode.DATABASE_NOT_FOUND,
                    "The server at "
                            + (settings.url() == null ? where : settings.url().hostAndPort())
                            + " has no database "
                            + (settings.url() == null ? "" : settings.url().database() + " ")
                            + "(" + describe(e) + ").\n"
                            + "Create it (CREATE DATABASE …) or correct the database name in schema.url.");
        }
        if (state != null && state.startsWith("08")
                || causedBy(e, ConnectException.class)
                || causedBy(e, UnknownHostException.class)
                || "57P03".equals(state)) {
            return new TidemarkException(
                    ErrorCode.CONNECTION_FAILED,
                    "Cannot connect to " + where + tried + " (" + describe(e) + ").\n"
                            + "Check that PostgreSQL runs there and accepts TCP connections, and the host and"
                            + " port in schema.url; for a database that is still starting, set"
                            + " schema.connectRetries.");
        }
        return new TidemarkException(
                ErrorCode.CONNECTION_FAILED,
                "Cannot open a session on " + where + tried + " (" + describe(e) + ").\n"
                        + "Check schema.url, schema.user and the server's log.");
    }

    private String describe(SQLException e) {
        return (e.getSQLState() == null ? "" : "SQLSTATE " + e.getSQLState() + ": ") + message(e);
    }

    private String message(SQLException e) {
        String text = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
        return Secrets.scrub(text, settings.password());
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TidemarkException(ErrorCode.CONNECTION_FAILED, "Interrupted while waiting to connect again.");
        }
    }
}
