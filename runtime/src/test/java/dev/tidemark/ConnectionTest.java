package dev.tidemark;

import static dev.tidemark.MigrateTest.threeMigrations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.PostgresExtension;
import dev.tidemark.testing.RecordingListener;
import dev.tidemark.testing.SimpleDataSource;
import dev.tidemark.testing.TestDatabase;
import dev.tidemark.testing.TestManifest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@NeedsPostgres
class ConnectionTest {

    static final String SECRET = "hunter2-Sekr1t";

    /** host:port of the test server, such as localhost:5432. */
    static String hostAndPort() {
        String rest = PostgresExtension.serverUrl().substring("jdbc:postgresql://".length());
        return rest.substring(0, rest.indexOf('/'));
    }

    @Test
    void postgresUrl_connectsWithItsCredentialsAndNeverShowsThePassword(TestDatabase db) {
        RecordingListener listener = new RecordingListener();
        Tidemark tidemark = Tidemark.configure()
                .url("postgres://postgres:" + SECRET + "@" + hostAndPort() + "/" + db.name() + "?connectTimeout=5")
                .manifests(threeMigrations())
                .listener(listener)
                .load();
        assertThat(tidemark.migrate().applied()).hasSize(3);
        assertThat(tidemark.toString()).doesNotContain(SECRET);
        assertThat(listener.all()).doesNotContain(SECRET);
    }

    @Test
    void explicitUserOverridesTheUrls(TestDatabase db) {
        Tidemark tidemark = Tidemark.configure()
                .url("postgres://nobody_at_all:x@" + hostAndPort() + "/" + db.name())
                .user("postgres")
                .manifests(threeMigrations())
                .load();
        assertThat(tidemark.migrate().applied()).hasSize(3);
        assertThat(db.queryValue("SELECT DISTINCT installed_by FROM tidemark_history"))
                .isEqualTo("postgres");
    }

    @Test
    void unknownUser_isAnAuthenticationFailureWithoutThePassword(TestDatabase db) {
        TidemarkException failure = catchThrowableOfType(
                TidemarkException.class,
                () -> Tidemark.configure()
                        .url("jdbc:postgresql://" + hostAndPort() + "/" + db.name())
                        .user("no_such_user_" + ThreadLocalRandom.current().nextInt(1_000_000))
                        .password(SECRET)
                        .connectRetries(3)
                        .connectRetryInterval(Duration.ofMillis(10))
                        .manifests(threeMigrations())
                        .load()
                        .migrate());
        assertThat(failure.code()).isEqualTo(ErrorCode.AUTHENTICATION_FAILED);
        assertThat(failure.getMessage())
                .startsWith("[TM-R011] The database at " + hostAndPort() + ", database " + db.name()
                        + " refused user no_such_user_")
                .contains(" (SQLSTATE 28000: ")
                .endsWith("\nCheck the user name, and that the server's pg_hba.conf lets that user in from this host.")
                .doesNotContain(SECRET);
    }

    @Test
    void wrongPassword_isAnAuthenticationFailureWithoutThePassword(TestDatabase db) throws SQLException {
        String role = "tm_pw_"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()).toLowerCase(Locale.ROOT);
        db.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'the-right-one'");
        try {
            // Password checks need a pg_hba.conf rule that asks for one: here, membership of
            // tidemark_password_auth. Where the server trusts everyone, there is nothing to test.
            db.execute("DO $$ BEGIN IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'tidemark_password_auth')"
                    + " THEN EXECUTE 'GRANT tidemark_password_auth TO " + role + "'; END IF; END $$");
            String url = "jdbc:postgresql://" + hostAndPort() + "/" + db.name();
            boolean asksForPassword;
            try (java.sql.Connection trusted = DriverManager.getConnection(url, role, SECRET)) {
                asksForPassword = !trusted.isValid(5);
            } catch (SQLException expected) {
                asksForPassword = true;
            }
            assumeThat(asksForPassword)
                    .as("the server asks " + role + " for a password")
                    .isTrue();

            TidemarkException failure = catchThrowableOfType(
                    TidemarkException.class,
                    () -> Tidemark.configure()
                            .url("postgres://" + role + ":" + SECRET + "@" + hostAndPort() + "/" + db.name())
                            .manifests(threeMigrations())
                            .load()
                            .migrate());
            assertThat(failure.code()).isEqualTo(ErrorCode.AUTHENTICATION_FAILED);
            assertThat(failure.getMessage())
                    .contains("refused user " + role + " with the password given: the password is wrong, or there is"
                            + " no such user (PostgreSQL does not say which; SQLSTATE 28P01")
                    .endsWith("\nCheck the user and the password (the settings, or user:password in the URL).")
                    .doesNotContain(SECRET);
        } finally {
            db.execute("DROP ROLE " + role);
        }
    }

    @Test
    void unreachablePort_isRetriedThenFailsNamingHostPortAndDatabase() {
        RecordingListener listener = new RecordingListener();
        TidemarkException failure = catchThrowableOfType(
                TidemarkException.class,
                () -> Tidemark.configure()
                        .url("postgres://app:" + SECRET + "@127.0.0.1:1/shop")
                        .connectRetries(2)
                        .connectRetryInterval(Duration.ofMillis(10))
                        .listener(listener)
                        .manifests(threeMigrations())
                        .load()
                        .migrate());
        assertThat(failure.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
        assertThat(failure.getMessage())
                .startsWith("[TM-R010] Cannot connect to 127.0.0.1:1, database shop after 3 attempts (SQLSTATE 08001")
                .contains("\nCheck that PostgreSQL runs there and accepts TCP connections")
                .doesNotContain(SECRET);
        List<String> warnings = new ArrayList<>(listener.lines);
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0))
                .startsWith("WARN Cannot connect to 127.0.0.1:1, database shop (attempt 1 of 3)")
                .endsWith("retrying in 10 ms");
        assertThat(warnings.get(1)).endsWith("retrying in 20 ms");
        assertThat(listener.all()).doesNotContain(SECRET);
    }

    @Test
    void unknownHost_saysTheNameDidNotResolve() {
        RecordingListener listener = new RecordingListener();
        TidemarkException failure = catchThrowableOfType(
                TidemarkException.class,
                () -> Tidemark.configure()
                        .url("postgres://app:" + SECRET + "@tidemark-no-such-host.invalid:5432/shop")
                        .connectRetries(1)
                        .connectRetryInterval(Duration.ofMillis(10))
                        .listener(listener)
                        .manifests(threeMigrations())
                        .load()
                        .migrate());
        assertThat(listener.lines)
                .containsExactly("WARN Cannot connect to tidemark-no-such-host.invalid:5432, database shop (attempt 1"
                        + " of 2): the host name tidemark-no-such-host.invalid did not resolve to an address; retrying"
                        + " in 10 ms");
        assertThat(failure.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
        assertThat(failure.getMessage())
                .startsWith("[TM-R010] Cannot connect to tidemark-no-such-host.invalid:5432, database shop after 2"
                        + " attempts: the host"
                        + " name tidemark-no-such-host.invalid did not resolve to an address (SQLSTATE 08001")
                .endsWith("\nCheck the host name in the URL for a typo, and that this machine's DNS knows it (a"
                        + " container's service name resolves only on its own network).")
                .doesNotContain(SECRET);
    }

    @Test
    void unknownDatabase_saysTheDatabaseDoesNotExist() {
        TidemarkException failure = catchThrowableOfType(
                TidemarkException.class,
                () -> Tidemark.configure()
                        .url("jdbc:postgresql://" + hostAndPort() + "/no_such_database_here?user=postgres")
                        .manifests(threeMigrations())
                        .load()
                        .info());
        assertThat(failure.code()).isEqualTo(ErrorCode.DATABASE_NOT_FOUND);
        assertThat(failure.getMessage())
                .startsWith("[TM-R012] The server at " + hostAndPort() + " has no database no_such_database_here")
                .endsWith("\nCreate it (CREATE DATABASE …) or correct the database name in url(String).");
    }

    @Test
    void sessions_identifyTidemarkAndCarryTheTimeouts(TestDatabase db) {
        List<String> seen = new ArrayList<>();
        Tidemark.configure()
                .dataSource(db)
                .applicationName("orders-service migrations")
                .lockTimeout(Duration.ofMillis(1500))
                .statementTimeout(Duration.ofMinutes(2))
                .manifests(recordingSettings(
                        seen,
                        "application_name",
                        "lock_timeout",
                        "statement_timeout",
                        "client_connection_check_interval",
                        "tcp_keepalives_idle"))
                .load()
                .migrate();
        assertThat(seen).containsExactly("orders-service migrations|1500ms|2min|2s|10");
    }

    /** One row of the named settings joined by {@code |}; a setting the server lacks is left out. */
    static String settingsQuery(String... names) {
        return Arrays.stream(names)
                .map(name -> "current_setting('" + name + "', true)")
                .collect(Collectors.joining(", ", "SELECT concat_ws('|', ", ")"));
    }

    /** A migration that adds the named settings of the session it runs on to {@code seen}. */
    static TestManifest recordingSettings(List<String> seen, String... names) {
        return TestManifest.of(TestManifest.java(
                "1", "settings", context -> seen.addAll(context.query(settingsQuery(names), row -> row.getString(1)))));
    }

    /**
     * A pool's connections come back from Tidemark as they went in: the search path, application
     * name and keepalives Tidemark sets on its sessions are put back when it closes them, after a
     * migrate that failed (rolled back first), after validate and after info; so is the role a
     * migration switched to, and their auto-commit, off in this pool (whose rollback on return
     * would undo what was not committed).
     */
    @Test
    void pooledConnections_goBackToThePoolWithTheirOwnSettings(TestDatabase db) throws SQLException {
        String owner = "tm_pool_owner_"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()).toLowerCase(Locale.ROOT);
        db.execute("CREATE ROLE " + owner + " NOLOGIN SUPERUSER");
        try (SmallPool pool = new SmallPool(db, false, sql -> false)) {
            Tidemark tidemark = Tidemark.configure()
                    .dataSource(pool)
                    .schema("pool_app")
                    .manifests(TestManifest.of(
                            TestManifest.sql("1", "orders", "SET ROLE " + owner + "; CREATE TABLE orders (id int)"),
                            TestManifest.sql("2", "broken", "CREATE TABLE lines (id int); SELECT 1/0")))
                    .load();
            catchThrowableOfType(tidemark::migrate, TidemarkException.class);
            tidemark.validate();
            tidemark.info();

            assertThat(pool.opened).hasSize(2);
            for (Connection connection : pool.opened) {
                assertThat(SmallPool.settings(connection))
                        .startsWith("app_own, public|orders-service|")
                        .endsWith("|none")
                        .isEqualTo(pool.given.get(connection));
                assertThat(connection.getAutoCommit()).isFalse();
            }
            assertThat(db.queryValue("SELECT tableowner FROM pg_tables WHERE tablename = 'orders'"))
                    .isEqualTo(owner);
            assertThat(db.tableExists("pool_app", "lines")).isFalse();
        } finally {
            db.execute("DROP OWNED BY " + owner + "; DROP ROLE " + owner);
        }
    }

    /**
     * On a server that refuses TCP keepalives (some platforms do), the session gets its other
     * settings one at a time, and a pool's connection still goes back as it came.
     */
    @Test
    void refusedKeepalives_leaveTheOtherSettingsInPlace(TestDatabase db) throws SQLException {
        try (SmallPool pool = new SmallPool(db, true, sql -> sql.contains("set_config('tcp_keepalives_idle', '10'"))) {
            List<String> seen = new ArrayList<>();
            Tidemark.configure()
                    .dataSource(pool)
                    .schema("refusing")
                    .applicationName("keepalives refused")
                    .manifests(recordingSettings(
                            seen, "application_name", "search_path", "client_connection_check_interval"))
                    .load()
                    .migrate();

            String checkInterval = db.queryValue("SELECT current_setting('server_version_num')::int >= 140000")
                            .equals("t")
                    ? "|2s"
                    : "";
            assertThat(seen).containsExactly("keepalives refused|\"refusing\", app_own, public" + checkInterval);
            assertThat(pool.refusals).isPositive();
            for (Connection connection : pool.opened) {
                assertThat(SmallPool.settings(connection)).isEqualTo(pool.given.get(connection));
                assertThat(connection.getAutoCommit()).isTrue();
            }
        }
    }

    /**
     * A pool as small as Tidemark's two sessions need: it hands out an idle connection before
     * opening a new one, sets each new one up as an application would, and takes a connection
     * back when it is closed, rolled back when not in auto-commit (as pools do). Its connections
     * refuse to prepare the statements {@code refused} matches, as a server refusing a setting
     * would.
     */
    private static final class SmallPool extends SimpleDataSource implements AutoCloseable {
        final List<Connection> opened = new ArrayList<>();
        /** Each connection's settings as the application set it up, before Tidemark had it. */
        final Map<Connection, String> given = new HashMap<>();
        /** How many statements the connections refused to prepare. */
        int refusals;

        private final Deque<Connection> idle = new ArrayDeque<>();
        private final TestDatabase db;
        private final boolean autoCommit;
        private final Predicate<String> refused;

        SmallPool(TestDatabase db, boolean autoCommit, Predicate<String> refused) {
            this.db = db;
            this.autoCommit = autoCommit;
            this.refused = refused;
        }

        @Override
        public synchronized Connection getConnection() throws SQLException {
            Connection physical = idle.poll();
            if (physical == null) {
                physical = db.getConnection();
                try (Statement statement = physical.createStatement()) {
                    statement.execute("SET search_path = app_own, public; SET application_name = 'orders-service'");
                }
                opened.add(physical);
                given.put(physical, settings(physical));
                physical.setAutoCommit(autoCommit);
            }
            Connection lent = physical;
            return (Connection) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            if (!lent.getAutoCommit()) {
                                lent.rollback();
                            }
                            synchronized (this) {
                                idle.push(lent);
                            }
                            return null;
                        }
                        if (method.getName().equals("prepareStatement") && refused.test((String) args[0])) {
                            synchronized (this) {
                                refusals++;
                            }
                            throw new SQLException("parameter cannot be set on this platform", "22023");
                        }
                        try {
                            return method.invoke(lent, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        static String settings(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery(settingsQuery(
                            "search_path",
                            "application_name",
                            "tcp_keepalives_idle",
                            "tcp_keepalives_interval",
                            "tcp_keepalives_count",
                            "client_connection_check_interval",
                            "role"))) {
                row.next();
                return row.getString(1);
            }
        }

        @Override
        public synchronized void close() throws SQLException {
            for (Connection connection : opened) {
                connection.close();
            }
        }
    }
}
