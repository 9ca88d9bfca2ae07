package dev.tidemark.junit;

import dev.tidemark.Configuration;
import dev.tidemark.MigrateResult;
import dev.tidemark.MigrationVersion;
import dev.tidemark.Tidemark;
import dev.tidemark.spi.MigrationManifest;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A PostgreSQL database of one test (or one test class), cloned from the migrated template; {@link
 * #close()} drops it. The extension hands these out and drops them; {@link MigratedDatabases}
 * makes them for code outside JUnit's lifecycle (a Spring test context, say).
 *
 * <p>For data-migration tests: start at an older version with {@code @MigratedDatabase(version =
 * "3")}, {@link #execute insert} the data the migration must carry over, {@link #migrateTo
 * migrate on}, and assert on what it made of it.
 */
public final class TestDatabase implements AutoCloseable {

    private final Templates templates;
    private final Server server;
    private final String name;
    private final TemplateKey key;
    private final ClassLoader classLoader;
    private final DataSource dataSource = new DriverManagerDataSource();
    private final AtomicBoolean dropped = new AtomicBoolean();

    TestDatabase(Templates templates, Server server, String name, TemplateKey key, ClassLoader classLoader) {
        this.templates = templates;
        this.server = server;
        this.name = name;
        this.key = key;
        this.classLoader = classLoader;
    }

    /** The database's name ({@code tidemark_junit_…}). */
    public String name() {
        return name;
    }

    /** Its JDBC URL, with the server's credentials as query parameters. */
    public String url() {
        return server.urlFor(name);
    }

    /** The schema the migrations were applied to. */
    public String schema() {
        return key.schema();
    }

    /** The version it was created at (from the template). */
    public String createdAtVersion() {
        return key.version().toString();
    }

    /** A {@link DataSource} that opens a new connection to it for each {@code getConnection()}. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Opens a new connection to it; the caller closes it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url());
    }

    /**
     * Runs one SQL statement with {@code parameters} bound to its {@code ?} placeholders, in its own
     * transaction, and returns its update count (0 for DDL).
     */
    public int execute(String sql, Object... parameters) {
        try (Connection connection = connect();
                PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.execute() ? 0 : statement.getUpdateCount();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage() + " [SQLSTATE " + e.getSQLState() + "]", e);
        }
    }

    /** Runs a query and returns the first column of its first row as a string, or null when there is no row. */
    public String queryForString(String sql, Object... parameters) {
        try (Connection connection = connect();
                PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage() + " [SQLSTATE " + e.getSQLState() + "]", e);
        }
    }

    /**
     * A Tidemark configuration for this database: its URL, schema and the test's migrations, for
     * anything the helpers here do not cover ({@code tidemark().load().undo("2")}).
     */
    public Configuration tidemark() {
        return Tidemark.configure()
                .url(url())
                .schema(schema())
                .classLoader(classLoader)
                .manifests(key.manifests().toArray(new MigrationManifest[0]));
    }

    /**
     * Migrates this database to {@code version} ({@code latest} or a version of the code), as the
     * application would: the data in it goes through the migrations in between.
     *
     * @throws dev.tidemark.TidemarkException when a migration fails, with the migration, statement and
     *     SQLSTATE
     */
    public MigrateResult migrateTo(String version) {
        return tidemark().target(version).load().migrate();
    }

    /** Migrates this database to the latest version of the code. */
    public MigrateResult migrate() {
        return migrateTo("latest");
    }

    /** The version its history is at now, or null when none is applied. */
    public String currentVersion() {
        MigrationVersion current = tidemark().load().info().currentVersion();
        return current == null ? null : current.toString();
    }

    /** Drops the database, ending any session still connected to it. Calling it again does nothing. */
    @Override
    public void close() {
        if (dropped.compareAndSet(false, true)) {
            templates.dropTestDatabase(server, name);
        }
    }

    @Override
    public String toString() {
        return "TestDatabase[" + name + " on " + server.masked() + ", created at version " + key.version() + "]";
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    /** Connections through {@link DriverManager} to this database, with the URL's credentials. */
    private final class DriverManagerDataSource implements DataSource {

        @Override
        public Connection getConnection() throws SQLException {
            return connect();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            java.util.Properties properties = new java.util.Properties();
            properties.setProperty("user", username);
            properties.setProperty("password", password);
            return DriverManager.getConnection(url(), properties);
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {}

        @Override
        public void setLoginTimeout(int seconds) {}

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getLogger("dev.tidemark.junit");
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            if (type.isInstance(this)) {
                return type.cast(this);
            }
            throw new SQLException("not a wrapper for " + type.getName());
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return type.isInstance(this);
        }

        @Override
        public String toString() {
            return "DataSource[" + name + "]";
        }
    }
}
