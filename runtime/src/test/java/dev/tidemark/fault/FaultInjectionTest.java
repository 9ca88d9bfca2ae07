package dev.tidemark.fault;

import static dev.tidemark.fault.Scenario.arm;
import static dev.tidemark.fault.Scenario.assertConverges;
import static dev.tidemark.fault.Scenario.assertNotHalfApplied;
import static dev.tidemark.fault.Scenario.await;
import static dev.tidemark.fault.Scenario.gone;
import static dev.tidemark.fault.Scenario.history;
import static dev.tidemark.fault.Scenario.manifest;
import static dev.tidemark.fault.Scenario.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tidemark.ErrorCode;
import dev.tidemark.MigrateResult;
import dev.tidemark.RepairAs;
import dev.tidemark.Tidemark;
import dev.tidemark.TidemarkException;
import dev.tidemark.testing.CuttableProxy;
import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.RecordingListener;
import dev.tidemark.testing.TestDatabase;
import dev.tidemark.testing.TestManifest;
import dev.tidemark.testing.ThrowawayClusterExtension;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Faults injected into a migrate on a throwaway cluster of the suite's own (port 25433), each case
 * in a database of its own, the cases side by side: for transactional and non-transactional
 * migrations, the client killed, interrupted, cut off by the network, its lock session ended, its
 * timeouts hit. After each: the database is not half-applied (or the half is recorded as such),
 * the next run converges to version 3, and what was printed was true. The server crash has a
 * cluster of its own ({@link ServerCrashTest}).
 */
@NeedsPostgres
@Execution(ExecutionMode.CONCURRENT)
class FaultInjectionTest {

    static final int PORT = 25433;
    static final String APPLICATION = "tidemark-fault";

    @RegisterExtension
    static final ThrowawayClusterExtension CLUSTER = new ThrowawayClusterExtension(PORT);

    private static dev.tidemark.Configuration configure(String url, TestManifest manifest, RecordingListener listener) {
        return Tidemark.configure()
                .url(url)
                .applicationName(APPLICATION)
                .manifests(manifest)
                .listener(listener);
    }

    /** Runs the child JVM until it sleeps inside migration 2, then sends it {@code signal}. */
    private static List<String> signalChild(TestDatabase db, boolean transactional, String signal) throws Exception {
        arm(db, 600);
        return signalChild(
                db, transactional, Scenario.SLEEP, running(db, FaultChild.APPLICATION, "SELECT pg_sleep("), signal);
    }

    /** Runs the child JVM with {@code fault} in migration 2 until {@code ready}, then sends it {@code signal}. */
    private static List<String> signalChild(
            TestDatabase db, boolean transactional, String fault, BooleanSupplier ready, String signal)
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        File log = new File("target", "fault-child-" + db.name() + ".log");
        Process child = new ProcessBuilder(
                        java,
                        // No lock_timeout: only the server's check on the client ends a lock wait.
                        "-D" + FaultChild.LOCK_TIMEOUT_PROPERTY + "=0",
                        "-cp",
                        System.getProperty("java.class.path"),
                        FaultChild.class.getName(),
                        db.url(),
                        String.valueOf(transactional),
                        fault)
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
        try {
            await("the child to reach the fault in migration 2", ready);
            new ProcessBuilder("kill", "-" + signal, String.valueOf(child.pid()))
                    .start()
                    .waitFor();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        // client_connection_check_interval lets the server end the dead client's statement.
        await("the server to end the child's sessions", gone(db, FaultChild.APPLICATION));
        return Files.readAllLines(log.toPath());
    }

    /** Every version the child reported applied has its successful row. */
    private static void assertPrintedTrue(List<String> printed, TestDatabase db) {
        for (String line : printed) {
            if (line.startsWith("APPLIED ")) {
                assertThat(history(db)).contains(line.substring("APPLIED ".length()) + ":t");
            }
        }
    }

    @Test
    void clientKilled_transactional() throws Exception {
        clientKilled(true);
    }

    @Test
    void clientKilled_nonTransactional() throws Exception {
        clientKilled(false);
    }

    private static void clientKilled(boolean transactional) throws Exception {
        TestDatabase db = CLUSTER.get().createDatabase();
        List<String> printed = signalChild(db, transactional, "KILL");
        assertThat(printed).contains("APPLIED 1", "START 2").doesNotContain("APPLIED 2");
        assertPrintedTrue(printed, db);
        assertNotHalfApplied(db);
        assertConverges(db, manifest(transactional, Scenario.SLEEP));
    }

    @Test
    void clientInterrupted_transactional() throws Exception {
        clientInterrupted(true);
    }

    @Test
    void clientInterrupted_nonTransactional() throws Exception {
        clientInterrupted(false);
    }

    private static void clientInterrupted(boolean transactional) throws Exception {
        TestDatabase db = CLUSTER.get().createDatabase();
        List<String> printed = signalChild(db, transactional, "INT");
        // TODO(15.8, resume): Ctrl-C reports what was applied and what was interrupted; assert on it here.
        assertPrintedTrue(printed, db);
        assertNotHalfApplied(db);
        assertConverges(db, manifest(transactional, Scenario.SLEEP));
    }

    @Test
    void connectionCut_transactional() throws Exception {
        connectionCut(true);
    }

    @Test
    void connectionCut_nonTransactional() throws Exception {
        connectionCut(false);
    }

    private static void connectionCut(boolean transactional) throws Exception {
        TestDatabase db = CLUSTER.get().createDatabase();
        arm(db, 600);
        RecordingListener listener = new RecordingListener();
        TidemarkException failure;
        try (CuttableProxy proxy = CuttableProxy.start(PORT)) {
            CompletableFuture<TidemarkException> run = CompletableFuture.supplyAsync(() -> catchThrowableOfType(
                    TidemarkException.class,
                    () -> configure(proxy.url(db.name()), manifest(transactional, Scenario.SLEEP), listener)
                            .load()
                            .migrate()));
            await("migration 2 to sleep", running(db, APPLICATION, "SELECT pg_sleep("));
            proxy.cut();
            failure = run.get(60, TimeUnit.SECONDS);
        }
        await("the server to end the cut sessions", gone(db, APPLICATION));
        assertThat(failure.getMessage()).contains("Migration 2 'two' (test.V2)");
        if (transactional) {
            // Read back on a new session through the proxy, which still takes connections.
            assertThat(failure.code()).isEqualTo(ErrorCode.CONNECTION_LOST);
            assertThat(failure.getMessage())
                    .contains("did not finish: the connection to the server was lost while it ran.")
                    .contains("This is a failure of the connection or the server, not of migration 2.")
                    .contains("the history has no row of migration 2: its transaction was not committed, and nothing"
                            + " of it remains. The database is at version 1.")
                    .doesNotContain("Fix migration");
        }
        assertPrintedTrue(listener.lines, db);
        assertNotHalfApplied(db);
        assertConverges(db, manifest(transactional, Scenario.SLEEP));
    }

    /** Whether a session of {@code application} waits for a lock. */
    private static BooleanSupplier waitingForLock(TestDatabase db, String application) {
        return () -> !"0"
                .equals(db.queryValue("SELECT count(*) FROM pg_stat_activity WHERE datname ="
                        + " current_database() AND wait_event_type = 'Lock' AND application_name = '" + application
                        + "'"));
    }

    /**
     * A killed client whose statement waits for a lock is told from a live one: the server's client
     * connection check ends its session within seconds, though the statement never ran, and so
     * releases the locks it held (the lock session's, the transaction's).
     */
    @Test
    void clientKilledWhileWaitingForALock_transactional() throws Exception {
        TestDatabase db = CLUSTER.get().createDatabase();
        db.execute("CREATE SCHEMA side; CREATE TABLE side.busy (id int)");
        String fault = "ALTER TABLE side.busy ADD COLUMN c int";
        try (Connection blocker = db.getConnection();
                Statement statement = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            statement.execute("LOCK TABLE side.busy IN ACCESS SHARE MODE");
            List<String> printed = signalChild(db, true, fault, waitingForLock(db, FaultChild.APPLICATION), "KILL");
            assertPrintedTrue(printed, db);
            blocker.rollback();
        }
        assertNotHalfApplied(db);
        assertConverges(db, manifest(true, fault));
    }

    /**
     * A live client whose statement waits for a lock far longer than the client connection check
     * interval (2 s) is not taken for a dead one: the wait goes on, and the migration completes
     * once the lock is free.
     */
    @Test
    void liveClientWaitingForALock_isNotTakenForADeadOne() throws Exception {
        TestDatabase db = CLUSTER.get().createDatabase();
        db.execute("CREATE SCHEMA side; CREATE TABLE side.busy (id int)");
        TestManifest manifest = manifest(true, "ALTER TABLE side.busy ADD COLUMN c int");
        CompletableFuture<MigrateResult> run;
        try (Connection blocker = db.getConnection();
                Statement statement = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            statement.execute("LOCK TABLE side.busy IN ACCESS SHARE MODE");
            run = CompletableFuture.supplyAsync(() -> configure(db.url(), manifest, new RecordingListener())
                    .load()
                    .migrate());
            await("migration 2 to wait for the lock", waitingForLock(db, APPLICATION));
            // Three client connection checks pass while it waits.
            Thread.sleep(6_000);
            assertThat(waitingForLock(db, APPLICATION).getAsBoolean()).isTrue();
            blocker.rollback();
        }
        assertThat(run.get(60, TimeUnit.SECONDS).currentVersion()).hasToString("3");
        assertNotHalfApplied(db);
    }

    /**
     * The lock session, idle for the whole run, has TCP keepalives every few seconds, so that a
     * proxy or firewall that drops idle connections sees traffic on it, and a vanished client is
     * noticed: the server's socket for it has a keepalive timer of at most 10 s (the system's
     * default is two hours).
     */
    @Test
    void lockSession_hasShortTcpKeepalives() throws Exception {
        Assumptions.assumeTrue(
                java.nio.file.Files.isExecutable(Path.of("/usr/bin/ss"))
                        || java.nio.file.Files.isExecutable(Path.of("/bin/ss")),
                "ss (iproute2) shows the sockets' timers");
        TestDatabase db = CLUSTER.get().createDatabase();
        List<String> timers = new java.util.concurrent.CopyOnWriteArrayList<>();
        TestManifest manifest = TestManifest.of(Scenario.entry("1", true, "keepalive timer", context -> {
            Integer port = context.queryOne(
                            "SELECT a.client_port FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                                    + " WHERE l.locktype = 'advisory' AND l.objsubid = 1 AND l.granted"
                                    + " AND a.pid <> pg_backend_pid()"
                                    + " AND a.datname = current_database()",
                            row -> row.getInt(1))
                    .orElseThrow();
            // Long enough idle for the keepalive timer to be the one armed.
            context.execute("SELECT pg_sleep(1)");
            try {
                Process ss = new ProcessBuilder(
                                "ss",
                                "-tnoH",
                                "state",
                                "established",
                                "( sport = :" + PORT + " and dport = :" + port + " )")
                        .redirectErrorStream(true)
                        .start();
                timers.add(new String(ss.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                ss.waitFor();
            } catch (java.io.IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
        configure(db.url(), manifest, new RecordingListener()).load().migrate();
        assertThat(timers).hasSize(1);
        java.util.regex.Matcher timer = java.util.regex.Pattern.compile("timer:\\(keepalive,([0-9.]+)(ms|sec|min)")
                .matcher(timers.get(0));
        assertThat(timer.find()).as(timers.get(0)).isTrue();
        double seconds = Double.parseDouble(timer.group(1))
                * (timer.group(2).equals("ms") ? 0.001 : timer.group(2).equals("min") ? 60 : 1);
        assertThat(seconds).as(timers.get(0)).isLessThanOrEqualTo(10.0);
    }

    @ParameterizedTest(name = "transactional = {0}")
    @ValueSource(booleans = {true, false})
    void lockSessionTerminated(boolean transactional) throws Exception {
        TestDatabase db = CLUSTER.get().createDatabase();
        String terminate = dev.tidemark.LockLossTest.TERMINATE_LOCK_SESSION;
        TestManifest manifest = manifest(transactional, terminate);
        dev.tidemark.LockLossTest.armLockEnd(db);
        RecordingListener listener = new RecordingListener();
        TidemarkException failure = catchThrowableOfType(
                TidemarkException.class,
                () -> configure(db.url(), manifest, listener).load().migrate());
        assertThat(failure.code()).isEqualTo(ErrorCode.LOCK_LOST);
        // The lock ends inside migration 2. A transactional 2 cannot commit without it; a
        // non-transactional 2 runs in auto-commit, and 3 (transactional) is the one refused its commit.
        String refused = transactional ? "2" : "3";
        assertThat(failure.getMessage())
                .contains("could commit: the server process ")
                .contains("Migration " + refused + " was rolled back with its history row; the history, read back"
                        + " after the rollback, says the database is at version " + (transactional ? "1" : "2"))
                .contains("Applied in this run, and found in public.tidemark_history just now: "
                        + (transactional ? "1" : "1, 2") + ". Nothing of any later migration was started.");
        assertThat(listener.lines).contains("APPLIED 1").doesNotContain("APPLIED " + refused);
        if (transactional) {
            assertThat(listener.lines).doesNotContain("START 3");
        }
        assertThat(history(db)).containsExactly(transactional ? new String[] {"1:t"} : new String[] {"1:t", "2:t"});
        assertNotHalfApplied(db);
        dev.tidemark.LockLossTest.disarmLockEnd(db);
        assertConverges(db, manifest);
    }

    @ParameterizedTest(name = "transactional = {0}")
    @ValueSource(booleans = {true, false})
    void lockTimeout(boolean transactional) throws Exception {
        TestDatabase db = CLUSTER.get().createDatabase();
        db.execute("CREATE SCHEMA side; CREATE TABLE side.busy (id int)");
        TestManifest manifest = manifest(transactional, "ALTER TABLE side.busy ADD COLUMN c int");
        TidemarkException failure;
        try (Connection blocker = db.getConnection();
                Statement statement = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            statement.execute("LOCK TABLE side.busy IN ACCESS SHARE MODE");
            failure = catchThrowableOfType(
                    TidemarkException.class,
                    () -> configure(db.url(), manifest, new RecordingListener())
                            .lockTimeout(Duration.ofMillis(300))
                            .load()
                            .migrate());
            blocker.rollback();
        }
        assertThat(failure.getMessage()).contains("SQLSTATE 55P03");
        assertNotHalfApplied(db);
        followAdviceAndConverge(db, transactional, failure, manifest);
    }

    @ParameterizedTest(name = "transactional = {0}")
    @ValueSource(booleans = {true, false})
    void statementTimeout(boolean transactional) throws Exception {
        TestDatabase db = CLUSTER.get().createDatabase();
        arm(db, 30);
        TestManifest manifest = manifest(transactional, Scenario.SLEEP);
        TidemarkException failure = catchThrowableOfType(
                TidemarkException.class,
                () -> configure(db.url(), manifest, new RecordingListener())
                        .statementTimeout(Duration.ofMillis(300))
                        .load()
                        .migrate());
        assertThat(failure.getMessage()).contains("SQLSTATE 57014");
        assertNotHalfApplied(db);
        followAdviceAndConverge(db, transactional, failure, manifest);
    }

    /**
     * Migrations 1-3, migration 2 committing its transaction itself part way, through {@code
     * Connection.commit()} or a {@code COMMIT} statement sent past {@code execute}, then failing.
     */
    static TestManifest committingInside(boolean statement) {
        return TestManifest.of(
                TestManifest.sql("1", "one", "CREATE TABLE one (id int)"),
                Scenario.entry("2", true, "two_a; commit " + statement + "; two_b; 1/0", context -> {
                    context.execute("CREATE TABLE two_a (id int)");
                    if (statement) {
                        try (java.sql.Statement commit = context.connection().createStatement()) {
                            commit.execute("COMMIT");
                        }
                    } else {
                        context.connection().commit();
                    }
                    context.execute("CREATE TABLE two_b (id int)");
                    context.execute("SELECT 1/0");
                }),
                TestManifest.sql("3", "three", "CREATE TABLE three (id int)"));
    }

    @Test
    void commitFromInside_connectionCommit_isRefused() throws Exception {
        commitFromInside(false);
    }

    @Test
    void commitFromInside_commitStatement() throws Exception {
        commitFromInside(true);
    }

    private static void commitFromInside(boolean statement) throws Exception {
        TestDatabase db = CLUSTER.get().createDatabase();
        TestManifest manifest = committingInside(statement);
        TidemarkException failure = catchThrowableOfType(
                TidemarkException.class,
                () -> configure(db.url(), manifest, new RecordingListener())
                        .load()
                        .migrate());
        if (statement) {
            // The commit is noticed: what came before it stays, recorded as a failed row, and the
            // message says so instead of "unchanged".
            assertThat(failure.getMessage())
                    .startsWith("[TM-R104] Migration 2 'two' (test.V2) ended the transaction Tidemark runs it in")
                    .contains("The database is NOT unchanged")
                    .contains("A failed row for version 2 is recorded");
            assertThat(db.tableExists("public", "two_a")).isTrue();
            assertNotHalfApplied(db);
            db.execute("DROP TABLE two_a");
            configure(db.url(), manifest(true, "SELECT 1"), new RecordingListener())
                    .repairAs(RepairAs.REMOVED)
                    .load()
                    .repair();
        } else {
            assertThat(failure.getMessage())
                    .startsWith("[TM-R100] Migration 2 'two' (test.V2) failed and was rolled back.")
                    .contains("The database is unchanged at version 1")
                    .contains("called Connection.commit(), which a transactional migration" + " must not do");
            assertThat(db.tableExists("public", "two_a")).isFalse();
            assertNotHalfApplied(db);
        }
        // The migration is fixed, as the message says, and the next run applies it.
        assertConverges(db, manifest(true, "SELECT 1"));
    }

    /**
     * A transactional migration was rolled back: the next run applies it. A non-transactional one
     * left its first table and a failed row recording it: as the message says, the next run resumes
     * it from its second statement.
     */
    private static void followAdviceAndConverge(
            TestDatabase db, boolean transactional, TidemarkException failure, TestManifest manifest) {
        if (transactional) {
            assertThat(failure.getMessage()).contains("The database is unchanged at version 1");
        } else {
            assertThat(failure.getMessage())
                    .contains("records the migration as failed after 1 completed statement")
                    .contains("it runs migration 2 again from statement 2");
        }
        assertConverges(db, manifest);
    }
}
