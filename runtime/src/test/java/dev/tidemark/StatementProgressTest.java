package dev.tidemark;

import static dev.tidemark.testing.TestManifest.sql;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.spi.MigrationEntry;
import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.RecordingListener;
import dev.tidemark.testing.TestDatabase;
import dev.tidemark.testing.TestManifest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A statement that runs long is reported while it runs: how long, and what it waits on, with the
 * sessions that block a lock wait. The tests make the statement wait until a report has come, so
 * that no assertion depends on timing. Isolated: it checks that no progress watcher thread is left
 * in the JVM, where a migration of another test class would have one.
 */
@NeedsPostgres
@Isolated
class StatementProgressTest {

    private static final Duration SHORT = Duration.ofMillis(100);
    private static final MigrationEntry ORDERS =
            sql("1", "create orders", "CREATE TABLE orders (id bigint PRIMARY KEY)");
    private static final MigrationEntry NOTE = sql("2", "add note", "ALTER TABLE orders ADD COLUMN note text");

    @Test
    void statementWaitingForALock_isReportedWithTheBlockersPidApplicationAndQuery(TestDatabase db) throws Exception {
        RecordingListener listener = new RecordingListener();
        Tidemark tidemark = secondPending(db, ORDERS, NOTE, listener);
        Blocked held = migrateWhileOrdersAreLocked(db, tidemark, listener);
        StatementProgress blocked = held.report();
        int pid = held.pid();

        assertThat(blocked.migration().version()).hasToString("2");
        assertThat(blocked.statementNumber()).isEqualTo(1);
        assertThat(blocked.statement()).isEqualTo("ALTER TABLE orders ADD COLUMN note text");
        assertThat(blocked.waitEventType()).isEqualTo("Lock");
        assertThat(blocked.waitEvent()).isEqualTo("relation");
        assertThat(blocked.blockers())
                .containsExactly(new StatementProgress.Blocker(
                        pid, "nightly-report", "idle in transaction", "LOCK TABLE orders IN ACCESS EXCLUSIVE MODE"));
        assertThat(listener.all())
                .containsPattern("INFO Migration 2 'add note', statement 1, has run for [0-9.]+ (ms|s): waiting for a"
                        + " lock \\(Lock:relation\\) held by pid " + pid + " \\(application 'nightly-report', idle in"
                        + " transaction, last statement: LOCK TABLE orders IN ACCESS EXCLUSIVE MODE\\)\\. Statement:"
                        + " ALTER TABLE orders ADD COLUMN note text");
        assertNoWatcherLeft();
    }

    /**
     * With a lock timeout that would cancel the statement before the first interval ends (the
     * defaults are 10 s each), a lock wait is reported at half the lock timeout. The lock is
     * released as soon as the report comes, 3 s before the timeout would cancel the statement.
     */
    @Test
    void lockWait_isReportedBeforeALockTimeoutShorterThanTheIntervalCancelsIt(TestDatabase db) throws Exception {
        RecordingListener listener = new RecordingListener();
        Tidemark tidemark = secondPending(db, ORDERS, NOTE, listener, Duration.ofHours(1), Duration.ofSeconds(6));
        StatementProgress blocked =
                migrateWhileOrdersAreLocked(db, tidemark, listener).report();
        assertThat(blocked.waitEventType()).isEqualTo("Lock");
        assertThat(listener.progress).hasSize(1);
        assertNoWatcherLeft();
    }

    @Test
    void statementSleeping_isReportedWithItsWaitEvent(TestDatabase db) throws Exception {
        RecordingListener listener = new RecordingListener();
        String sleep =
                "DO $$ BEGIN WHILE NOT EXISTS (SELECT FROM release) LOOP PERFORM pg_sleep(0.2); END LOOP; END $$";
        Tidemark tidemark = secondPending(
                db,
                sql("1", "create release", "CREATE TABLE release (done boolean)"),
                sql("2", "wait for release", "SELECT 1; " + sleep),
                listener);
        CompletableFuture<MigrateResult> run = CompletableFuture.supplyAsync(tidemark::migrate);
        StatementProgress sleeping;
        try {
            sleeping = awaitProgress(listener, progress -> "PgSleep".equals(progress.waitEvent()), run);
        } finally {
            db.execute("INSERT INTO release VALUES (true)");
        }
        assertThat(run.get(60, TimeUnit.SECONDS).applied()).hasSize(1);

        assertThat(sleeping.statementNumber()).isEqualTo(2);
        assertThat(sleeping.statement()).isEqualTo(sleep);
        assertThat(sleeping.waitEventType()).isEqualTo("Timeout");
        assertThat(sleeping.blockers()).isEmpty();
        assertThat(sleeping.unobserved()).isNull();
        assertThat(listener.all())
                .containsPattern("INFO Migration 2 'wait for release', statement 2, has run for [0-9.]+ (ms|s):"
                        + " waiting on Timeout:PgSleep\\. Statement: DO \\$\\$ BEGIN WHILE");
        assertNoWatcherLeft();
    }

    /**
     * A role allowed two sessions (the lock session and the work session) leaves none to look from:
     * the report still comes, with how long the statement has run and why what it waits on is unknown.
     */
    @Test
    void noSessionToLookFrom_stillReportsTheTimeAndSaysWhy(TestDatabase db) throws Exception {
        String role = "tm_progress_" + Long.toHexString(System.nanoTime());
        db.execute("CREATE ROLE " + role + " LOGIN CONNECTION LIMIT 2; GRANT ALL ON SCHEMA public TO " + role);
        try {
            RecordingListener listener = new RecordingListener();
            MigrationEntry release = sql("1", "create release", "CREATE TABLE release (done boolean)");
            String sleep =
                    "DO $$ BEGIN WHILE NOT EXISTS (SELECT FROM release) LOOP PERFORM pg_sleep(0.2); END LOOP; END $$";
            Tidemark tidemark = Tidemark.configure()
                    .url(db.url())
                    .user(role)
                    .manifests(TestManifest.of(release, sql("2", "wait for release", sleep)))
                    .progressInterval(SHORT)
                    .listener(listener)
                    .load();
            CompletableFuture<MigrateResult> run = CompletableFuture.supplyAsync(tidemark::migrate);
            StatementProgress unseen;
            try {
                unseen = awaitProgress(listener, progress -> progress.unobserved() != null, run);
            } finally {
                db.execute("DO $$ BEGIN IF to_regclass('release') IS NOT NULL THEN INSERT INTO release VALUES (true);"
                        + " END IF; END $$");
            }
            assertThat(run.get(60, TimeUnit.SECONDS).applied()).hasSize(2);
            assertThat(unseen.unobserved()).startsWith("SQLSTATE 53300: ");
            assertThat(listener.all())
                    .containsPattern("INFO Migration 2 'wait for release', statement 1, has run for [0-9.]+ (ms|s):"
                            + " what it waits on cannot be read \\(SQLSTATE 53300: [^)]*\\)\\. Statement: DO");
            assertNoWatcherLeft();
        } finally {
            db.execute("DROP OWNED BY " + role + "; DROP ROLE " + role);
        }
    }

    @Test
    void zeroInterval_reportsNothing(TestDatabase db) {
        RecordingListener listener = new RecordingListener();
        Tidemark.configure()
                .dataSource(db)
                .manifests(TestManifest.of(sql("1", "sleep", "SELECT pg_sleep(0.3)")))
                .progressInterval(Duration.ZERO)
                .listener(listener)
                .load()
                .migrate();
        assertThat(listener.progress).isEmpty();
    }

    /**
     * A Tidemark that reports long statements to {@code listener} after a short interval and lets
     * statements wait for locks, with {@code first} applied and {@code second} pending.
     */
    private static Tidemark secondPending(
            TestDatabase db, MigrationEntry first, MigrationEntry second, RecordingListener listener) {
        return secondPending(db, first, second, listener, SHORT, Duration.ZERO);
    }

    private static Tidemark secondPending(
            TestDatabase db,
            MigrationEntry first,
            MigrationEntry second,
            RecordingListener listener,
            Duration interval,
            Duration lockTimeout) {
        Tidemark.configure()
                .dataSource(db)
                .manifests(TestManifest.of(first))
                .load()
                .migrate();
        return Tidemark.configure()
                .dataSource(db)
                .manifests(TestManifest.of(first, second))
                .lockTimeout(lockTimeout)
                .progressInterval(interval)
                .listener(listener)
                .load();
    }

    /** The pid of the session that held the lock, and the first report naming it. */
    private record Blocked(int pid, StatementProgress report) {}

    /**
     * Runs migrate while a session named {@code nightly-report} holds a lock on {@code orders} in an
     * open transaction, until a report names a blocker; then ends that transaction and checks that
     * the migration was applied.
     */
    private static Blocked migrateWhileOrdersAreLocked(TestDatabase db, Tidemark tidemark, RecordingListener listener)
            throws Exception {
        int pid;
        CompletableFuture<MigrateResult> run;
        StatementProgress blocked;
        try (Connection holder = db.getConnection();
                Statement statement = holder.createStatement()) {
            statement.execute("SET application_name = 'nightly-report'");
            try (ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
                row.next();
                pid = row.getInt(1);
            }
            holder.setAutoCommit(false);
            statement.execute("LOCK TABLE orders IN ACCESS EXCLUSIVE MODE");
            run = CompletableFuture.supplyAsync(tidemark::migrate);
            blocked = awaitProgress(listener, progress -> !progress.blockers().isEmpty(), run);
            holder.rollback();
        }
        assertThat(run.get(60, TimeUnit.SECONDS).applied()).hasSize(1);
        return new Blocked(pid, blocked);
    }

    /** The first report {@code wanted} accepts, while {@code run} is still running. */
    private static StatementProgress awaitProgress(
            RecordingListener listener, Predicate<StatementProgress> wanted, CompletableFuture<?> run)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && !run.isDone()) {
            Optional<StatementProgress> found =
                    listener.progress.stream().filter(wanted).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(20);
        }
        String outcome = run.isDone()
                ? run.handle((result, failure) -> String.valueOf(failure)).join()
                : "running";
        throw new AssertionError("no such progress report; run: " + outcome + ", reports: " + listener.progress
                + ", lines: " + listener.all());
    }

    private static void assertNoWatcherLeft() {
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(thread -> thread.getName().equals("tidemark-progress") && thread.isAlive());
    }
}
