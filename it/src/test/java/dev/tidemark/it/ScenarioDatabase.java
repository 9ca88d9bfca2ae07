package dev.tidemark.it;

import dev.tidemark.internal.lock.MigrationLock;
import dev.tidemark.internal.sql.Identifier;
import dev.tidemark.testsupport.TestServer;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The database of one Invoker scenario, for its setup and verify scripts. {@link #create} makes a
 * database with a random name on the server of {@code TIDEMARK_TEST_URL}, runs the scenario's {@code
 * setup.sql} in it when there is one, and writes {@code test.properties}, which Invoker hands to the
 * scenario's build as system properties:
 *
 * <ul>
 *   <li>{@code it.database.url}: the database, with the server's credentials;
 *   <li>{@code it.database.bareUrl}: the database without any credentials;
 *   <li>{@code it.database.name}: its name;
 *   <li>{@code it.database.hostAndPort}: the server's {@code host:port}, to write other URLs.
 * </ul>
 *
 * <p>The verify script finds the same database again with {@link #of}, checks it and {@link #drop}s
 * it. {@link #createOnPasswordServer} makes it on a throwaway {@link PasswordServer} instead, which
 * {@link #drop} removes.
 */
public final class ScenarioDatabase {

    /** The server used when {@code TIDEMARK_TEST_URL} is not set. */
    public static final String DEFAULT_URL = TestServer.DEFAULT_URL;

    /** The {@code application_name} of the session {@link #holdMigrationLock} opens. */
    public static final String LOCK_HOLDER = "tidemark-it-lock-holder";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PROPERTIES = "test.properties";

    private final File basedir;
    private final String server;
    private final String name;
    private final Path passwordServer;

    private ScenarioDatabase(File basedir, String server, String name, Path passwordServer) {
        this.basedir = basedir;
        this.server = server;
        this.name = name;
        this.passwordServer = passwordServer;
    }

    /**
     * Creates the scenario's database and writes {@code test.properties}; returns nothing, as Invoker
     * wants of a setup script.
     */
    public static void setUp(File basedir) throws IOException, SQLException {
        create(basedir);
    }

    /** Creates the scenario's database and writes {@code test.properties}. */
    public static ScenarioDatabase create(File basedir) throws IOException, SQLException {
        return create(basedir, serverUrl(), null);
    }

    /**
     * Starts a throwaway {@link PasswordServer} in the scenario's folder and creates the scenario's
     * database there; {@link #drop} stops and deletes the server. A selector script checks {@link
     * PasswordServer#unavailableReason()} first.
     */
    public static ScenarioDatabase createOnPasswordServer(File basedir)
            throws IOException, SQLException, InterruptedException {
        PasswordServer server = PasswordServer.start(basedir.toPath().resolve("password-server"));
        try {
            return create(basedir, server.url(), server.dataDirectory());
        } catch (IOException | SQLException | RuntimeException e) {
            PasswordServer.stop(server.dataDirectory());
            throw e;
        }
    }

    private static ScenarioDatabase create(File basedir, String server, Path passwordServer)
            throws IOException, SQLException {
        String scenario = basedir.getName().replaceAll("[^a-zA-Z0-9]", "_").toLowerCase(Locale.ROOT);
        String name = "tidemark_it_" + scenario + "_" + Integer.toHexString(RANDOM.nextInt(0x10000));
        ScenarioDatabase database = new ScenarioDatabase(basedir, server, name, passwordServer);
        TestServer.createDatabase(server, name, "");
        Path setupSql = basedir.toPath().resolve("setup.sql");
        if (Files.exists(setupSql)) {
            database.execute(Files.readString(setupSql, StandardCharsets.UTF_8));
        }
        Properties properties = new Properties();
        properties.setProperty("it.database.url", database.url());
        properties.setProperty("it.database.bareUrl", withoutCredentials(database.url()));
        properties.setProperty("it.database.name", name);
        properties.setProperty("it.database.hostAndPort", hostAndPort(database.url()));
        properties.setProperty("it.server.url", server);
        if (passwordServer != null) {
            properties.setProperty("it.passwordServer", passwordServer.toString());
        }
        try (Writer writer = Files.newBufferedWriter(basedir.toPath().resolve(PROPERTIES))) {
            properties.store(writer, "written by the scenario's setup script");
        }
        return database;
    }

    /** The database {@link #create} made for this scenario. */
    public static ScenarioDatabase of(File basedir) throws IOException {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(basedir.toPath().resolve(PROPERTIES))) {
            properties.load(reader);
        }
        String passwordServer = properties.getProperty("it.passwordServer");
        return new ScenarioDatabase(
                basedir,
                properties.getProperty("it.server.url", serverUrl()),
                properties.getProperty("it.database.name"),
                passwordServer == null ? null : Path.of(passwordServer));
    }

    /**
     * Creates a second database on the same server, named after this one with {@code _suffix}, which
     * {@link #drop} drops too.
     */
    public ScenarioDatabase createSibling(String suffix) throws SQLException {
        ScenarioDatabase sibling = sibling(suffix);
        TestServer.createDatabase(server, sibling.name, "");
        return sibling;
    }

    /** The database {@link #createSibling} made with this suffix. */
    public ScenarioDatabase sibling(String suffix) {
        return new ScenarioDatabase(basedir, server, name + "_" + suffix, null);
    }

    /**
     * Adds a property to {@code test.properties}, which Invoker passes to the scenario's build as
     * {@code -Dname=value}: as given on the command line.
     */
    public void commandLineProperty(String key, String value) throws IOException {
        Path file = basedir.toPath().resolve(PROPERTIES);
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        properties.setProperty(key, value);
        try (Writer writer = Files.newBufferedWriter(file)) {
            properties.store(writer, "written by the scenario's setup script");
        }
    }

    /** The server's maintenance database, from {@code TIDEMARK_TEST_URL}. */
    public static String serverUrl() {
        return TestServer.url();
    }

    public String name() {
        return name;
    }

    /** This database's URL, with the server's credentials. */
    public String url() {
        return TestServer.withDatabase(server, name);
    }

    /** Runs SQL in this database. */
    public void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Every row of a query, each column as text (null stays null). */
    public List<List<String>> rows(String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(result.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** The first column of every row. */
    public List<String> column(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        for (List<String> row : rows(sql)) {
            values.add(row.get(0));
        }
        return values;
    }

    /** Whether {@code schema.table} exists. */
    public boolean tableExists(String schema, String table) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url());
                PreparedStatement statement =
                        connection.prepareStatement("SELECT to_regclass(quote_ident(?) || '.' || quote_ident(?))")) {
            statement.setString(1, schema);
            statement.setString(2, table);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getString(1) != null;
            }
        }
    }

    /**
     * Creates a login role with a password, owning this database, and checks that the server really
     * asks for it: a test of credentials proves nothing on a server that trusts everyone, so this
     * belongs on a {@link #createOnPasswordServer} database.
     */
    public void createPasswordRole(String role, String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP ROLE IF EXISTS " + role);
            statement.execute("CREATE ROLE " + role + " LOGIN PASSWORD " + statement.enquoteLiteral(password));
            statement.execute("ALTER DATABASE " + name + " OWNER TO " + role);
        }
        String bare = withoutCredentials(url());
        try (Connection ignored = DriverManager.getConnection(bare, role, password + "-wrong")) {
            throw new IllegalStateException("PostgreSQL at " + bare + " let role " + role
                    + " in with a wrong password, so this scenario cannot test credentials: create its database"
                    + " with ScenarioDatabase.createOnPasswordServer");
        } catch (SQLException expected) {
            if (!"28P01".equals(expected.getSQLState())) {
                throw expected;
            }
        }
    }

    /**
     * Takes Tidemark's migration lock for {@code schema.table} on a session of its own, whose {@code
     * application_name} is {@value #LOCK_HOLDER}, as another build or application instance would,
     * and keeps it until {@link #drop} ends that session (or two minutes pass). The key is the
     * runtime's own, so this follows any change to how it is derived.
     */
    public void holdMigrationLock(String schema, String table) throws InterruptedException {
        long key = MigrationLock.keyFor(Identifier.qualified(schema, table));
        CountDownLatch taken = new CountDownLatch(1);
        Thread holder = new Thread(
                () -> {
                    try (Connection connection = DriverManager.getConnection(url());
                            Statement statement = connection.createStatement()) {
                        statement.execute("SET application_name = '" + LOCK_HOLDER + "'");
                        statement.execute("SELECT pg_advisory_lock(" + key + ")");
                        taken.countDown();
                        Thread.sleep(Duration.ofMinutes(2).toMillis());
                    } catch (SQLException | InterruptedException ended) {
                        // The database was dropped, or the build is over.
                    }
                },
                LOCK_HOLDER);
        holder.setDaemon(true);
        holder.start();
        if (!taken.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("could not take the migration lock of " + schema + "." + table);
        }
    }

    /**
     * Drops the database, ending any session still in it, its siblings, and the roles given; on a
     * {@link PasswordServer}, stops and deletes the whole server instead.
     */
    public void drop(String... roles) throws SQLException, IOException, InterruptedException {
        if (passwordServer != null) {
            PasswordServer.stop(passwordServer);
            return;
        }
        TestServer.dropDatabase(server, name);
        try (Connection connection = DriverManager.getConnection(server);
                Statement statement = connection.createStatement()) {
            try (ResultSet siblings = statement.executeQuery(
                    "SELECT datname FROM pg_database WHERE starts_with(datname, '" + name + "_')")) {
                List<String> names = new ArrayList<>();
                while (siblings.next()) {
                    names.add(siblings.getString(1));
                }
                for (String sibling : names) {
                    TestServer.dropDatabase(server, sibling);
                }
            }
            for (String role : roles) {
                statement.execute("DROP ROLE IF EXISTS " + role);
            }
        }
    }

    /** The scenario's build.log; several invocations append to the same file. */
    public String buildLog() {
        try {
            return Files.readString(basedir.toPath().resolve("build.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String hostAndPort(String url) {
        String afterScheme = url.substring(url.indexOf("//") + 2);
        return afterScheme.substring(0, afterScheme.indexOf('/'));
    }

    static String withoutCredentials(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
