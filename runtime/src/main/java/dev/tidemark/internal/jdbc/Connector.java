package dev.tidemark.internal.jdbc;

import dev.tidemark.ErrorCode;
import dev.tidemark.Phrase;
import dev.tidemark.Setting;
import dev.tidemark.TidemarkEvent;
import dev.tidemark.TidemarkException;
import dev.tidemark.internal.config.RunSettings;
import dev.tidemark.internal.config.Secrets;
import dev.tidemark.internal.fleet.SessionReuse;
import dev.tidemark.internal.sql.Identifier;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Opens Tidemark's sessions: from the DataSource or through DriverManager, retrying a database
 * that is still starting with a doubling interval, and turning failures into messages that say
 * what to fix without ever showing the password. Every session gets {@code application_name} and,
 * on PostgreSQL 14 and later, {@code client_connection_check_interval}, so that the server ends a
 * dead client's statement, transaction and locks within seconds instead of running on; short TCP
 * keepalives, so that an idle session (the lock holder) whose client vanished without closing the
 * connection is ended in about 25 s, not after the system's two hours; and a {@code search_path}
 * that starts with the configured schema, so that unqualified names in migrations land there.
 *
 * <p>A DataSource's connections go back to their pool when Tidemark closes them, to be handed to
 * the application next: {@link #close} puts back the settings they had before.
 */
public final class Connector {

    /** How often the server checks that the client is still there while a statement runs. */
    static final String CLIENT_CHECK_INTERVAL = "2s";

    private static final Duration MAX_RETRY_INTERVAL = Duration.ofSeconds(30);

    /**
     * The settings Tidemark changes, as they were: a sub-select that OFFSET 0 keeps from being
     * merged into the statement around it, so that they are read before that sets them.
     */
    private static final String SETTINGS_BEFORE =
            " FROM (SELECT current_setting('application_name') AS application_name,"
                    + " current_setting('search_path') AS search_path,"
                    + " current_setting('tcp_keepalives_idle') AS keepalives_idle,"
                    + " current_setting('tcp_keepalives_interval') AS keepalives_interval,"
                    + " current_setting('tcp_keepalives_count') AS keepalives_count,"
                    + " current_setting('client_connection_check_interval', true) AS check_interval,"
                    + " current_setting('role') AS role OFFSET 0) was";

    /** The sessions' settings in one round trip: what they were, and then what Tidemark sets them to. */
    private static final String PREPARE = "SELECT was.*,"
            + " set_config('application_name', ?, false),"
            + " set_config('search_path', ? || ', ' || was.search_path, false),"
            + " set_config('tcp_keepalives_idle', '10', false),"
            + " set_config('tcp_keepalives_interval', '5', false),"
            + " set_config('tcp_keepalives_count', '3', false),"
            + " CASE WHEN current_setting('server_version_num')::int >= 140000"
            + " THEN set_config('client_connection_check_interval', ?, false) END"
            + SETTINGS_BEFORE;

    /**
     * The settings {@link #SETTINGS_BEFORE} reads, in its order: those Tidemark sets, and the role,
     * which a migration may set ({@code SET ROLE owner}) and which a pool's next user must not
     * inherit.
     */
    private static final List<String> PREPARED = List.of(
            "application_name",
            "search_path",
            "tcp_keepalives_idle",
            "tcp_keepalives_interval",
            "tcp_keepalives_count",
            "client_connection_check_interval",
            "role");

    private final RunSettings settings;

    /** What each DataSource connection was before {@link #prepare}, to put back on close. */
    private final Map<Connection, Borrowed> borrowed = Collections.synchronizedMap(new IdentityHashMap<>());

    public Connector(RunSettings settings) {
        this.settings = settings;
    }

    /** Opens a session in auto-commit, retrying as configured. */
    public Connection open() {
        Duration interval = settings.connectRetryInterval();
        for (int attempt = 0; ; attempt++) {
            try {
                return openOnce();
            } catch (SQLException e) {
                if (!retryable(e) || attempt >= settings.connectRetries()) {
                    throw failure(e, attempt + 1);
                }
                settings.listener()
                        .on(new TidemarkEvent.ConnectRetrying(
                                settings.describeDatabase(),
                                attempt + 1,
                                settings.connectRetries() + 1,
                                reason(e),
                                interval));
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
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(true);
            prepare(connection, autoCommit);
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    private Connection connect() throws SQLException {
        Connection connection;
        SessionReuse reuse = settings.sessionReuse();
        if (settings.dataSource() != null) {
            connection = settings.dataSource().getConnection();
        } else if (reuse != null && (connection = reuse.take(reuseKey())) != null) {
            return connection;
        } else {
            Properties properties = new Properties();
            if (settings.user() != null) {
                properties.setProperty("user", settings.user());
            }
            if (settings.password() != null) {
                properties.setProperty("password", settings.password());
            }
            properties.setProperty("ApplicationName", settings.applicationName());
            // Lets the driver send the application name with the startup message (every server
            // since 9.0 takes it there) instead of setting it in a round trip of its own once
            // connected. A value in the URL wins over this one.
            properties.setProperty("assumeMinServerVersion", "9.0");
            connection = DriverManager.getConnection(settings.url().jdbcUrl(), properties);
            if (reuse != null) {
                reuse.opened(connection, reuseKey());
            }
        }
        return connection;
    }

    /** Which sessions a {@link SessionReuse} may hand this connector: those of the same database and user. */
    private String reuseKey() {
        return settings.url().jdbcUrl() + '\u0000' + settings.user() + '\u0000' + settings.password();
    }

    /**
     * Sets the session's application name, search path, short TCP keepalives and, on PostgreSQL 14
     * and later, the client connection check: in one round trip, which for a DataSource's
     * connection also reads what they were; and one setting at a time only on a server that
     * refuses one of them (some platforms refuse keepalives or the check).
     */
    private void prepare(Connection connection, boolean autoCommit) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(PREPARE)) {
            statement.setString(1, settings.applicationName());
            statement.setString(2, Identifier.quote(settings.schema()));
            statement.setString(3, CLIENT_CHECK_INTERVAL);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                remember(connection, row, autoCommit);
            }
            return;
        } catch (SQLException e) {
            settings.listener()
                    .on(new TidemarkEvent.Diagnostic("Setting the session up one setting at a time: " + message(e)));
        }
        prepareSettingBySetting(connection, autoCommit);
    }

    private void prepareSettingBySetting(Connection connection, boolean autoCommit) throws SQLException {
        int serverVersion;
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT was.*, set_config('application_name', ?, false),"
                        + " set_config('search_path', ? || ', ' || was.search_path, false),"
                        + " current_setting('server_version_num')::int"
                        + SETTINGS_BEFORE)) {
            statement.setString(1, settings.applicationName());
            statement.setString(2, Identifier.quote(settings.schema()));
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                remember(connection, row, autoCommit);
                serverVersion = row.getInt(PREPARED.size() + 3);
            }
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT"
                + " set_config('tcp_keepalives_idle', '10', false),"
                + " set_config('tcp_keepalives_interval', '5', false),"
                + " set_config('tcp_keepalives_count', '3', false)")) {
            statement.execute();
        } catch (SQLException e) {
            settings.listener()
                    .on(new TidemarkEvent.Diagnostic("TCP keepalives cannot be set on this server: " + message(e)));
        }
        if (serverVersion >= 140000) {
            try (PreparedStatement statement =
                    connection.prepareStatement("SELECT set_config('client_connection_check_interval', ?, false)")) {
                statement.setString(1, CLIENT_CHECK_INTERVAL);
                statement.execute();
            } catch (SQLException e) {
                // Platforms without the needed poll() support refuse a non-zero value.
                settings.listener()
                        .on(new TidemarkEvent.Diagnostic(
                                "client_connection_check_interval is not available on this server: " + message(e)));
            }
        }
    }

    /**
     * Keeps what a DataSource's connection had, its auto-commit and the {@link #PREPARED} settings
     * in the first columns of {@code row}, for {@link #close}.
     */
    private void remember(Connection connection, ResultSet row, boolean autoCommit) throws SQLException {
        if (settings.dataSource() == null) {
            return;
        }
        List<String> was = new ArrayList<>(PREPARED.size());
        for (int column = 1; column <= PREPARED.size(); column++) {
            was.add(row.getString(column));
        }
        borrowed.put(connection, new Borrowed(autoCommit, was));
    }

    /**
     * Closes a session this connector opened. A DataSource's connection first gets back the
     * settings {@link #prepare} changed and its role, in one round trip and committed, and its
     * auto-commit, so that the pool hands the application the connection it gave Tidemark (its
     * search path, its application name in {@code pg_stat_activity}, the role it runs as); a
     * transaction left open (a failed migration's) is rolled back first. Never throws: a connection that cannot be reset is closed all the
     * same, and the pool validates it.
     */
    public void close(Connection connection) {
        if (settings.sessionReuse() != null && settings.sessionReuse().giveBack(connection)) {
            return;
        }
        Borrowed was = borrowed.remove(connection);
        try {
            if (was != null && !connection.isClosed()) {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
                // A setting the server does not have (client_connection_check_interval before 14)
                // read as null, and is left alone.
                List<String> values = new ArrayList<>();
                StringBuilder sql = new StringBuilder("SELECT true");
                for (int i = 0; i < PREPARED.size(); i++) {
                    String value = was.settings().get(i);
                    if (value != null) {
                        sql.append(", set_config('").append(PREPARED.get(i)).append("', ?, false)");
                        values.add(value);
                    }
                }
                try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                    for (int i = 0; i < values.size(); i++) {
                        statement.setString(i + 1, values.get(i));
                    }
                    statement.execute();
                }
                connection.setAutoCommit(was.autoCommit());
            }
        } catch (SQLException e) {
            settings.listener()
                    .on(new TidemarkEvent.Diagnostic("The session's settings could not be put back: " + message(e)));
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // Nothing left to do with a session that cannot even close.
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
        if ("08004".equals(state) && settings.password() == null) {
            return new TidemarkException(
                    ErrorCode.AUTHENTICATION_FAILED,
                    "The database at " + where + " asks user " + user + " for a password, but none was given ("
                            + describe(e) + ").\n"
                            + "Give the password: the password setting, or user:password in the URL.");
        }
        if ("28P01".equals(state)) {
            return new TidemarkException(
                    ErrorCode.AUTHENTICATION_FAILED,
                    "The database at " + where + " refused user " + user + " with the password given: the password"
                            + " is wrong, or there is no such user (PostgreSQL does not say which; " + describe(e)
                            + ").\nCheck the user and the password (the settings, or user:password in the URL).");
        }
        if ("28000".equals(state)) {
            return new TidemarkException(
                    ErrorCode.AUTHENTICATION_FAILED,
                    "The database at " + where + " refused user " + user + " (" + describe(e) + ").\n"
                            + "Check the user name, and that the server's pg_hba.conf lets that user in from this"
                            + " host.");
        }
        if ("08004".equals(state)) {
            // The driver's own refusals with a password given: SSL the server lacks, an authentication
            // method the driver does not speak.
            return new TidemarkException(
                    ErrorCode.AUTHENTICATION_FAILED,
                    "The database at " + where + " refused the connection of user " + user + " (" + describe(e)
                            + ").\nCheck the URL's connection parameters (such as sslmode) and the server's"
                            + " pg_hba.conf.");
        }
        if ("3D000".equals(state)) {
            return failure(
                    ErrorCode.DATABASE_NOT_FOUND,
                    e,
                    "The server at "
                            + (settings.url() == null ? where : settings.url().hostAndPort())
                            + " has no database "
                            + (settings.url() == null ? "" : settings.url().database() + " ")
                            + "(" + describe(e) + ").",
                    "Create it (CREATE DATABASE …) or correct the database name in ",
                    Setting.URL,
                    ".");
        }
        if (causedBy(e, UnknownHostException.class)) {
            return new TidemarkException(
                    ErrorCode.CONNECTION_FAILED,
                    "Cannot connect to " + where + tried + ": " + reason(e) + " (" + describe(e) + ").\n"
                            + "Check the host name in the URL for a typo, and that this machine's DNS knows it (a"
                            + " container's service name resolves only on its own network).");
        }
        if (state != null && state.startsWith("08") || causedBy(e, ConnectException.class) || "57P03".equals(state)) {
            return failure(
                    ErrorCode.CONNECTION_FAILED,
                    e,
                    "Cannot connect to " + where + tried + " (" + describe(e) + ").",
                    "Check that PostgreSQL runs there and accepts TCP connections, and the host and port in ",
                    Setting.URL,
                    "; for a database that is still starting, set ",
                    Setting.CONNECT_RETRIES,
                    ".");
        }
        return failure(
                ErrorCode.CONNECTION_FAILED,
                e,
                "Cannot open a session on " + where + tried + " (" + describe(e) + ").",
                "Check ",
                Setting.URL,
                ", ",
                Setting.USER,
                " and the server's log.");
    }

    /** A failure to connect: {@code what} happened, and the remedy's text and settings in order. */
    private static TidemarkException failure(ErrorCode code, SQLException e, String what, Object... remedy) {
        Phrase.Builder words = Phrase.builder();
        for (Object part : remedy) {
            if (part instanceof Setting setting) {
                words.setting(setting);
            } else {
                words.append(part);
            }
        }
        return new TidemarkException(code, Phrase.of(what), null, words.build(), null);
    }

    /** Why an attempt failed, in a few words: the driver's message, or a host name that did not resolve. */
    private String reason(SQLException e) {
        UnknownHostException unknownHost = cause(e, UnknownHostException.class);
        if (unknownHost == null) {
            return message(e);
        }
        return "the host name " + (unknownHost.getMessage() == null ? "" : unknownHost.getMessage() + " ")
                + "did not resolve to an address";
    }

    private String describe(SQLException e) {
        return (e.getSQLState() == null ? "" : "SQLSTATE " + e.getSQLState() + ": ") + message(e);
    }

    private String message(SQLException e) {
        String text = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
        return Secrets.scrub(text, settings.password());
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        return cause(e, type) != null;
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TidemarkException(ErrorCode.CONNECTION_FAILED, "Interrupted while waiting to connect again.");
        }
    }

    /** A DataSource's connection as Tidemark got it: its auto-commit and its {@link #PREPARED} settings. */
    private record Borrowed(boolean autoCommit, List<String> settings) {}
}
