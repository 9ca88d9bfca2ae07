package dev.tidemark.internal.execution;

import dev.tidemark.MigrationDescriptor;
import dev.tidemark.StatementProgress;
import dev.tidemark.TidemarkEvent;
import dev.tidemark.TidemarkListener;
import dev.tidemark.internal.config.RunSettings;
import dev.tidemark.internal.config.Secrets;
import dev.tidemark.internal.jdbc.Connector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Reports a migration statement that runs longer than the progress interval: how long it has run
 * and what its session waits on, with the sessions blocking a lock wait, read from {@code
 * pg_stat_activity} on a session of its own. That session is opened only when a statement first
 * runs that long, stays in auto-commit (it never holds a snapshot or a lock), and is closed with
 * the watch.
 *
 * <p>When the configured {@code lock_timeout} would cancel a statement before the first interval
 * ends (the defaults are 10 s each), the first look comes at half of it and reports only a lock wait:
 * the incident a user most needs to see happens then, and would otherwise end in a lock timeout
 * before any line said who held the lock.
 *
 * <p>The command's thread only marks where a statement starts and ends: a volatile write, nothing
 * that waits. A daemon thread checks every fifth of the first look's delay (at most every second)
 * and does the rest; it swallows
 * every failure (a progress line is never worth a stack trace or a failed migration), and {@link
 * #close} ends it before the run returns.
 */
final class StatementWatch implements AutoCloseable {

    /** A watch that reports nothing: for contexts outside migrate and undo (rehearsal, round trip, baseline). */
    static final StatementWatch NONE = new StatementWatch(null, null, Duration.ZERO);

    /**
     * The work session's wait and, for a lock wait, every session {@code pg_blocking_pids} names:
     * one row per blocker, or one row without one. pg_blocking_pids is asked only for a lock wait.
     */
    private static final String OBSERVE = "SELECT a.wait_event_type, a.wait_event,"
            + " b.pid, b.application_name, b.state, left(b.query, 400)"
            + " FROM pg_stat_activity a"
            + " LEFT JOIN LATERAL unnest(CASE WHEN a.wait_event_type = 'Lock' THEN pg_blocking_pids(a.pid) END)"
            + " AS blocking(pid) ON true"
            + " LEFT JOIN pg_stat_activity b ON b.pid = blocking.pid"
            + " WHERE a.pid = ? ORDER BY b.pid";

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);
    private static final int NETWORK_TIMEOUT_MILLIS = 5_000;

    private final RunSettings settings;
    private final Connector connector;
    private final Connection work;
    private final Duration interval;
    /** When to look first at a statement: the interval, or half the lock timeout when that ends sooner. */
    private final Duration firstLook;

    /** The statement running now, or null; written by the command's thread. */
    private volatile Running running;

    private volatile boolean closed;
    private ScheduledThreadPoolExecutor ticker;
    private volatile Thread thread;
    private int workPid;

    /** The watcher thread's own: its session, and the statement it reported last. */
    private Connection observer;

    private Running reported;
    private long nextReport;
    /** Whether the next look is the early one, which reports a lock wait only. */
    private boolean lockWaitsOnly;

    StatementWatch(RunSettings settings, Connection work) {
        this(settings, work, settings.progressInterval());
    }

    private StatementWatch(RunSettings settings, Connection work, Duration interval) {
        this.firstLook = settings == null ? interval : firstLook(interval, settings.lockTimeout());
        this.settings = settings;
        this.connector = settings == null ? null : new Connector(settings);
        this.work = work;
        this.interval = interval;
    }

    /**
     * A statement of {@code migration} starts on the work session. The first one asks that session
     * for its process id, the one round trip the watch costs a run that has no long statement.
     */
    void started(MigrationDescriptor migration, int number, String sql) {
        if (interval.isZero() || closed) {
            return;
        }
        if (ticker == null) {
            start();
            if (ticker == null) {
                return;
            }
        }
        running = new Running(migration, number, sql, System.nanoTime());
    }

    /** The interval, or half of a lock timeout that would cancel a lock wait before the interval ends. */
    static Duration firstLook(Duration interval, Duration lockTimeout) {
        return lockTimeout.isZero() || lockTimeout.compareTo(interval) > 0 ? interval : lockTimeout.dividedBy(2);
    }

    /** The statement started last has ended, completed or not. */
    void ended() {
        running = null;
    }

    private void start() {
        try (PreparedStatement query = work.prepareStatement("SELECT pg_backend_pid()");
                ResultSet row = query.executeQuery()) {
            row.next();
            workPid = row.getInt(1);
        } catch (SQLException e) {
            settings.listener()
                    .on(new TidemarkEvent.Diagnostic("No progress lines for long statements: " + e.getMessage()));
            closed = true;
            return;
        }
        long period = Math.max(10, Math.min(1_000, firstLook.toMillis() / 5));
        ticker = new ScheduledThreadPoolExecutor(1, task -> {
            thread = new Thread(task, "tidemark-progress");
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler((t, e) -> {});
            return thread;
        });
        ticker.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MILLISECONDS);
    }

    /** On the watcher thread: reports the running statement when it has run another interval. */
    private void tick() {
        try {
            Running now = running;
            if (now == null || closed) {
                return;
            }
            if (now != reported) {
                reported = now;
                nextReport = now.since() + firstLook.toNanos();
                lockWaitsOnly = firstLook.compareTo(interval) < 0;
            }
            if (System.nanoTime() - nextReport < 0) {
                return;
            }
            boolean early = lockWaitsOnly;
            lockWaitsOnly = false;
            nextReport = early ? now.since() + interval.toNanos() : nextReport + interval.toNanos();
            StatementProgress progress = observe(now);
            if (running != now || closed || early && !"Lock".equals(progress.waitEventType())) {
                return;
            }
            TidemarkListener listener = settings.listener();
            listener.on(new TidemarkEvent.StatementRunning(progress));
        } catch (RuntimeException | LinkageError e) {
            // A progress line is never worth more than itself.
        } finally {
            if (closed) {
                closeObserver();
            }
        }
    }

    private StatementProgress observe(Running now) {
        String unobserved = null;
        String waitType = null;
        String wait = null;
        List<StatementProgress.Blocker> blockers = new ArrayList<>();
        try {
            if (observer == null) {
                observer = connector.openOnce();
                try {
                    observer.setNetworkTimeout(Runnable::run, NETWORK_TIMEOUT_MILLIS);
                } catch (SQLException | UnsupportedOperationException e) {
                    // The driver then waits as long as the server takes; the query is short.
                }
            }
            try (PreparedStatement query = observer.prepareStatement(OBSERVE)) {
                query.setInt(1, workPid);
                try (ResultSet row = query.executeQuery()) {
                    boolean found = false;
                    while (row.next()) {
                        found = true;
                        waitType = row.getString(1);
                        wait = row.getString(2);
                        int pid = row.getInt(3);
                        if (!row.wasNull()) {
                            blockers.add(new StatementProgress.Blocker(
                                    pid, row.getString(4), row.getString(5), row.getString(6)));
                        }
                    }
                    if (!found) {
                        unobserved = "pg_stat_activity does not show the migration's session, pid " + workPid;
                    }
                }
            }
        } catch (SQLException e) {
            unobserved = "SQLSTATE " + e.getSQLState() + ": " + Secrets.scrub(e.getMessage(), settings.password());
            closeObserver();
        }
        return new StatementProgress(
                now.migration(),
                now.number(),
                now.sql(),
                Duration.ofNanos(System.nanoTime() - now.since()),
                waitType,
                wait,
                blockers,
                unobserved);
    }

    private void closeObserver() {
        if (observer != null) {
            connector.close(observer);
            observer = null;
        }
    }

    /** Ends the watcher thread and closes its session; waits at most a moment for a look in progress. */
    @Override
    public void close() {
        closed = true;
        running = null;
        if (ticker == null) {
            return;
        }
        ticker.shutdownNow();
        try {
            // A look still running after the wait (a session slow to open) closes its session itself.
            if (ticker.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                closeObserver();
                if (thread != null) {
                    thread.join(CLOSE_WAIT.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Running(MigrationDescriptor migration, int number, String sql, long since) {}
}
