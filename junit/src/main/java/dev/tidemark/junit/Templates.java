package dev.tidemark.junit;

import dev.tidemark.MigrateResult;
import dev.tidemark.Tidemark;
import dev.tidemark.TidemarkException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Consumer;

/**
 * Template databases and their clones, shared by every test of a JVM.
 *
 * <p>A template is built at most once per server and {@link TemplateKey}: in this JVM, the first
 * test that needs it builds it and the others wait for that; across JVMs (Surefire forks, a second
 * build), a session advisory lock on the server's maintenance database, keyed by the project, is
 * held while a template is looked for, built or dropped. A template is migrated under a name of its
 * own ({@code …_building}), closed to connections, and only then renamed to its final name, so a
 * template of that name is always complete; a build cut short leaves only a {@code …_building}
 * database, which the next build drops. No session stays connected to a template, so clones never
 * wait on one; a clone that meets SQLSTATE 55006 (a session still leaving) is retried.
 */
final class Templates {

    private static final Templates SHARED = new Templates(line -> System.out.println("[tidemark] " + line));

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String OBJECT_IN_USE = "55006";
    private static final String INVALID_CATALOG_NAME = "3D000";
    private static final int CLONE_ATTEMPTS = 20;
    private static final int IDLE_CONNECTIONS = 4;

    /** Open connections to each server's maintenance database, shared by every instance in the JVM. */
    private static final Map<Server, ConcurrentLinkedDeque<Connection>> IDLE = new ConcurrentHashMap<>();

    private static final Duration LOCK_WAIT = Duration.ofMinutes(10);

    private final Consumer<String> out;
    private final Map<Server, String> roles = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Template>> templates = new ConcurrentHashMap<>();

    Templates(Consumer<String> out) {
        this.out = out;
    }

    static Templates shared() {
        return SHARED;
    }

    /** A template that exists on the server. */
    record Template(String name, TemplateKey key, boolean built) {}

    /** The key for these settings on this server (which names the role that will own the template). */
    TemplateKey key(Server server, List<dev.tidemark.spi.MigrationManifest> manifests, String schema, String target) {
        String role = roles.computeIfAbsent(server, Templates::currentUser);
        return TemplateKey.of(manifests, schema, target, role);
    }

    /** Creates a database cloned from the template of {@code key}, building the template first if needed. */
    TestDatabase create(Server server, TemplateKey key, ClassLoader classLoader) {
        Template template = template(server, key);
        String name = "tidemark_junit_" + Long.toHexString(RANDOM.nextLong() | Long.MIN_VALUE);
        try {
            clone(server, template.name(), name);
        } catch (TemplateMissing e) {
            // Another JVM with other code dropped the template as stale: build it again, once.
            templates.remove(cacheKey(server, key));
            template = template(server, key);
            try {
                clone(server, template.name(), name);
            } catch (TemplateMissing again) {
                throw new IllegalStateException("The template database " + template.name()
                        + " was dropped again right after it was built: another test run with other migrations is"
                        + " using the same server (" + server.masked() + ") and project. Run one at a time, or give"
                        + " each its own server. No test database was created.");
            }
        }
        return new TestDatabase(this, server, name, key, classLoader);
    }

    /** The template of {@code key} on the server, built by this JVM or found complete. */
    Template template(Server server, TemplateKey key) {
        CompletableFuture<Template> mine = new CompletableFuture<>();
        CompletableFuture<Template> future = templates.putIfAbsent(cacheKey(server, key), mine);
        if (future == null) {
            future = mine;
            try {
                mine.complete(ensure(server, key));
            } catch (RuntimeException | Error e) {
                // Kept: every later test of this JVM fails at once with the same message.
                mine.completeExceptionally(e);
            }
        }
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Forgets the templates this JVM knows, as a new JVM would start (for tests). */
    void forget() {
        templates.clear();
    }

    private static String cacheKey(Server server, TemplateKey key) {
        return server.url() + "\n" + key.name();
    }

    private Template ensure(Server server, TemplateKey key) {
        try (Connection connection = server.connect()) {
            if (exists(connection, key.name())) {
                out.accept("Reusing template database " + key.name() + " at version " + key.version()
                        + " (its migrations are unchanged)");
                return new Template(key.name(), key, false);
            }
            lock(connection, key);
            try {
                if (exists(connection, key.name())) {
                    out.accept("Reusing template database " + key.name() + " at version " + key.version()
                            + " (built by another test run just now)");
                    return new Template(key.name(), key, false);
                }
                long start = System.nanoTime();
                build(server, connection, key);
                long millis = (System.nanoTime() - start) / 1_000_000;
                out.accept("Built template database " + key.name() + " at version " + key.version() + " ("
                        + key.migrations() + (key.migrations() == 1 ? " migration" : " migrations") + ") in "
                        + millis + " ms; each test's database is cloned from it");
                dropStale(connection, key);
                return new Template(key.name(), key, true);
            } finally {
                unlock(connection, key);
            }
        } catch (SQLException e) {
            throw failure("Preparing the template database " + key.name(), server, e);
        }
    }

    private void build(Server server, Connection connection, TemplateKey key) throws SQLException {
        String building = key.buildingName();
        if (exists(connection, building)) {
            out.accept("Dropping " + building + ", left by a template build that did not finish");
            drop(connection, building);
        }
        execute(connection, "CREATE DATABASE " + Server.quote(building));
        try {
            MigrateResult result = Tidemark.configure()
                    .url(server.urlFor(building))
                    .schema(key.schema())
                    .target(key.version().toString())
                    .manifests(key.manifests().toArray(new dev.tidemark.spi.MigrationManifest[0]))
                    .applicationName("tidemark-junit")
                    .load()
                    .migrate();
            if (result.currentVersion() == null || !result.currentVersion().equals(key.version())) {
                throw new IllegalStateException(
                        "migrate ended at version " + result.currentVersion() + " instead of " + key.version());
            }
            execute(connection, "ALTER DATABASE " + Server.quote(building) + " ALLOW_CONNECTIONS false");
            awaitNoSessions(connection, building);
            retryInUse(() -> execute(
                    connection, "ALTER DATABASE " + Server.quote(building) + " RENAME TO " + Server.quote(key.name())));
        } catch (TidemarkException | IllegalStateException | SQLException e) {
            String state = dropAfterFailedBuild(connection, building);
            String what = e instanceof SQLException sql ? describe(sql) : e.getMessage();
            throw new IllegalStateException(
                    "Migrating the template database " + building + " on " + server.masked() + " to version "
                            + key.version() + " failed:\n" + what + "\n" + state
                            + "\nFix the migration (or the server) and run the tests again; the template is built again"
                            + " then.",
                    e);
        }
    }

    private String dropAfterFailedBuild(Connection connection, String building) {
        try {
            drop(connection, building);
            return exists(connection, building)
                    ? "The unfinished template " + building + " is still there; the next test run drops it."
                    : "The unfinished template " + building + " was dropped; no other database was changed.";
        } catch (SQLException e) {
            return "The unfinished template " + building + " could not be dropped (" + describe(e)
                    + "); the next test run drops it.";
        }
    }

    private void dropStale(Connection connection, TemplateKey key) throws SQLException {
        List<String> stale = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "select datname from pg_database where starts_with(datname, ?) order by datname")) {
            statement.setString(1, TemplateKey.PREFIX);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    if (key.isStale(rows.getString(1))) {
                        stale.add(rows.getString(1));
                    }
                }
            }
        }
        for (String name : stale) {
            try {
                drop(connection, name);
                out.accept("Dropped template database " + name + ", built from migrations that have changed since");
            } catch (SQLException e) {
                out.accept("Could not drop the old template database " + name + " (" + describe(e)
                        + "); it is dropped when a later test run builds a template");
            }
        }
    }

    /** Runs {@code CREATE DATABASE name TEMPLATE template}, retrying while a session is still leaving the template. */
    private void clone(Server server, String template, String name) {
        try {
            // The server's default strategy: WAL_LOG from PostgreSQL 15 on. FILE_COPY, measured with
            // bench/junit, was 10-15 times slower on a busy server: it makes two checkpoints per clone.
            onMaintenanceConnection(
                    server,
                    connection -> retryInUse(() -> execute(
                            connection,
                            "CREATE DATABASE " + Server.quote(name) + " TEMPLATE " + Server.quote(template))));
        } catch (SQLException e) {
            if (INVALID_CATALOG_NAME.equals(e.getSQLState())) {
                throw new TemplateMissing();
            }
            throw failure("Creating the test database " + name + " from the template " + template, server, e);
        }
    }

    /**
     * Runs {@code action} on a connection to the server's maintenance database that earlier clones
     * and drops left open, or a new one: a test's clone and drop then pay no connection set-up (about
     * 35 ms each on a busy machine, measured with bench/junit). A connection is used by one caller at
     * a time; one whose action failed is closed, not kept. At most {@value #IDLE_CONNECTIONS} stay
     * open per server and JVM (however many instances there are), until the JVM ends.
     */
    private void onMaintenanceConnection(Server server, SqlWork action) throws SQLException {
        ConcurrentLinkedDeque<Connection> pool = IDLE.computeIfAbsent(server, any -> new ConcurrentLinkedDeque<>());
        Connection connection = pool.pollFirst();
        if (connection != null && !connection.isValid(5)) {
            // The server was restarted, or closed the session: start afresh.
            closeQuietly(connection);
            connection = null;
        }
        if (connection == null) {
            connection = server.connect();
        }
        boolean kept = false;
        try {
            action.run(connection);
            if (pool.size() < IDLE_CONNECTIONS) {
                pool.addFirst(connection);
                kept = true;
            }
        } finally {
            if (!kept) {
                closeQuietly(connection);
            }
        }
    }

    private interface SqlWork {
        void run(Connection connection) throws SQLException;
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // Closing a connection the server already dropped: nothing is left to release.
        }
    }

    /** Drops a test database, ending any session still connected to it. */
    void dropTestDatabase(Server server, String name) {
        try {
            onMaintenanceConnection(server, connection -> {
                drop(connection, name);
                if (exists(connection, name)) {
                    throw new IllegalStateException("The test database " + name + " on " + server.masked()
                            + " is still there after DROP DATABASE. Drop it by hand: DROP DATABASE "
                            + Server.quote(name));
                }
            });
        } catch (SQLException e) {
            throw failure("Dropping the test database " + name, server, e);
        }
    }

    private static void drop(Connection connection, String name) throws SQLException {
        if (connection.getMetaData().getDatabaseMajorVersion() >= 13) {
            execute(connection, "DROP DATABASE IF EXISTS " + Server.quote(name) + " WITH (FORCE)");
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "select pg_terminate_backend(pid) from pg_stat_activity where datname = ?")) {
            statement.setString(1, name);
            statement.execute();
        }
        retryInUse(() -> execute(connection, "DROP DATABASE IF EXISTS " + Server.quote(name)));
    }

    static boolean exists(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static void lock(Connection connection, TemplateKey key) throws SQLException {
        execute(connection, "SET lock_timeout = '" + LOCK_WAIT.toMillis() + "ms'");
        try (PreparedStatement statement = connection.prepareStatement("select pg_advisory_lock(?)")) {
            statement.setLong(1, key.lockKey());
            statement.execute();
        } catch (SQLException e) {
            if ("55P03".equals(e.getSQLState())) {
                throw new IllegalStateException("Waited " + LOCK_WAIT.toMinutes()
                        + " minutes for another test run to finish building the template database " + key.name()
                        + " (it holds the advisory lock " + key.lockKey() + "; see pg_locks and pg_stat_activity)."
                        + " No database was created. Let it finish or stop it, then run the tests again.");
            }
            throw e;
        } finally {
            execute(connection, "RESET lock_timeout");
        }
    }

    private static void unlock(Connection connection, TemplateKey key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select pg_advisory_unlock(?)")) {
            statement.setLong(1, key.lockKey());
            statement.execute();
        }
    }

    /** Waits (up to 10 s) for sessions that were closed to leave the server, so that a rename or clone finds none. */
    private static void awaitNoSessions(Connection connection, String database) throws SQLException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        try (PreparedStatement statement =
                connection.prepareStatement("select count(*) from pg_stat_activity where datname = ?")) {
            statement.setString(1, database);
            while (true) {
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    if (rows.getInt(1) == 0 || System.nanoTime() > deadline) {
                        return;
                    }
                }
                pause(20);
            }
        }
    }

    private interface SqlAction {
        void run() throws SQLException;
    }

    private static void retryInUse(SqlAction action) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                action.run();
                return;
            } catch (SQLException e) {
                if (!OBJECT_IN_USE.equals(e.getSQLState()) || attempt == CLONE_ATTEMPTS) {
                    throw e;
                }
                pause(Math.min(50L * attempt, 500L));
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the template database", e);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String currentUser(Server server) {
        try (Connection connection = server.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select current_user")) {
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            throw failure("Reading the server's user", server, e);
        }
    }

    private static String describe(SQLException e) {
        return Server.mask(String.valueOf(e.getMessage())) + " [SQLSTATE " + e.getSQLState() + "]";
    }

    private static IllegalStateException failure(String what, Server server, SQLException e) {
        String remedy = "42501".equals(e.getSQLState())
                ? "Grant the user CREATEDB (ALTER ROLE … CREATEDB), or point the tests at a server where it has it."
                : "Check the server and run the tests again.";
        return new IllegalStateException(
                what + " on " + server.masked() + " (from " + server.source() + ") failed: " + describe(e) + "\n"
                        + remedy,
                e);
    }

    /** The template was dropped between finding it and cloning it. */
    private static final class TemplateMissing extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TemplateMissing() {
            super(null, null, false, false);
        }
    }
}
