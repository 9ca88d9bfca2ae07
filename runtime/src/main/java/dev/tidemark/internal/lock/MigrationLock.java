package dev.tidemark.internal.lock;

import dev.tidemark.ErrorCode;
import dev.tidemark.LockHolder;
import dev.tidemark.LockWaitTimeoutException;
import dev.tidemark.Phrase;
import dev.tidemark.Setting;
import dev.tidemark.TidemarkEvent;
import dev.tidemark.TidemarkException;
import dev.tidemark.TidemarkListener;
import dev.tidemark.internal.jdbc.PermissionDenied;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Tidemark's migration lock: a session-level advisory lock on a key derived from the quoted,
 * qualified history table name, held by a dedicated session in auto-commit for a whole command.
 * That session never opens a transaction, so {@code CREATE INDEX CONCURRENTLY} on the migration
 * session does not wait for it; and a dead holder releases the lock by dying, so there is never a
 * stale lock to clear by hand.
 */
public final class MigrationLock implements AutoCloseable {

    private static final Duration FIRST_POLL = Duration.ofMillis(25);
    private static final Duration MAX_POLL = Duration.ofSeconds(1);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(5);

    private static final String HOLDER_QUERY = "SELECT a.pid, a.application_name, a.usename,"
            + " CASE WHEN a.client_addr IS NULL THEN 'local' ELSE host(a.client_addr) || ':' || a.client_port END,"
            + " a.backend_start, a.state, left(a.query, 200)"
            + " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
            + " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
            + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            + " AND l.classid::text::bigint = ? AND l.objid::text::bigint = ? AND a.pid <> pg_backend_pid()"
            + " LIMIT 1";

    private final Connection session;
    private final long key;
    private boolean held;
    /** The server process that took the lock, which holds it for as long as it lives. */
    private int pid;

    private MigrationLock(Connection session, long key) {
        this.session = session;
        this.key = key;
    }

    /**
     * The advisory lock key for a history table: the 64-bit FNV-1a hash of {@code tidemark-lock:}
     * and its quoted qualified name in UTF-8. Not a cryptographic hash on purpose: the first use of
     * one in a JVM loads the JDK's security providers, about 40 ms on every cold start of migrate,
     * and a lock key needs only to be stable and spread.
     */
    public static long keyFor(String quotedQualifiedTable) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : ("tidemark-lock:" + quotedQualifiedTable).getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    /**
     * Takes the lock on {@code session}, polling with exponential backoff and jitter for at most
     * {@code wait}, telling the listener who holds it every few seconds.
     *
     * @throws LockWaitTimeoutException when the wait runs out, with the holder's details
     */
    public static MigrationLock acquire(
            Connection session, String quotedQualifiedTable, Duration wait, TidemarkListener listener) {
        MigrationLock lock = new MigrationLock(session, keyFor(quotedQualifiedTable));
        long deadline = System.nanoTime() + wait.toNanos();
        long nextReport = System.nanoTime();
        Duration poll = FIRST_POLL;
        try (PreparedStatement attempt = session.prepareStatement("SELECT pg_try_advisory_lock(?), pg_backend_pid()")) {
            attempt.setLong(1, lock.key);
            while (true) {
                try (ResultSet row = attempt.executeQuery()) {
                    row.next();
                    if (row.getBoolean(1)) {
                        lock.held = true;
                        lock.pid = row.getInt(2);
                        listener.on(new TidemarkEvent.LockAcquired(quotedQualifiedTable, lock.key));
                        return lock;
                    }
                }
                long now = System.nanoTime();
                if (now - deadline >= 0) {
                    LockHolder holder = lock.holder();
                    throw timedOut(quotedQualifiedTable, wait, holder);
                }
                if (now - nextReport >= 0) {
                    LockHolder holder = lock.holder();
                    if (holder != null) {
                        listener.on(new TidemarkEvent.LockWaiting(quotedQualifiedTable, holder));
                    }
                    nextReport = now + REPORT_EVERY.toNanos();
                }
                long jitter = ThreadLocalRandom.current().nextLong(poll.toMillis() / 2 + 1);
                long sleep = Math.min(poll.toMillis() + jitter, Math.max(1, (deadline - now) / 1_000_000));
                Thread.sleep(sleep);
                poll = poll.multipliedBy(2);
                if (poll.compareTo(MAX_POLL) > 0) {
                    poll = MAX_POLL;
                }
            }
        } catch (SQLException e) {
            if (PermissionDenied.is(e)) {
                throw PermissionDenied.of(
                        "taking the migration lock on " + quotedQualifiedTable, null, NOTHING_DONE, e);
            }
            throw new TidemarkException(
                    ErrorCode.INTERNAL,
                    "Cannot take the migration lock on " + quotedQualifiedTable + ": SQLSTATE " + e.getSQLState() + ": "
                            + e.getMessage() + "\nCheck that the user may call pg_try_advisory_lock.",
                    e);
        } catch (InterruptedException e) {
            LockHolder holder = lock.holder();
            Thread.currentThread().interrupt();
            throw new LockWaitTimeoutException(
                    Phrase.of("Interrupted while waiting for the migration lock on " + quotedQualifiedTable
                            + (holder == null ? "" : ", held by " + holder.describe()) + "."),
                    Phrase.of(NOTHING_DONE),
                    Phrase.builder()
                            .append("Run the command again once the other run has finished, or raise ")
                            .setting(Setting.LOCK_WAIT)
                            .append(" to wait longer.")
                            .build(),
                    holder,
                    true);
        }
    }

    private static final String NOTHING_DONE = "Nothing was done; the database is unchanged.";

    private static LockWaitTimeoutException timedOut(String table, Duration wait, LockHolder holder) {
        String who = holder == null
                ? "a session Tidemark cannot see (the user may lack the right to read pg_stat_activity)"
                : holder.describe() + (holder.query() == null ? "" : ", last statement: " + holder.query());
        String pid = holder == null ? "<pid>" : String.valueOf(holder.pid());
        return new LockWaitTimeoutException(
                Phrase.of("Gave up waiting for the migration lock on " + table + " after " + wait.toMillis()
                        + " ms: it is held by " + who + "."),
                Phrase.of(NOTHING_DONE),
                Phrase.builder()
                        .append("Another migration is probably running: wait for it and try again, or raise ")
                        .setting(Setting.LOCK_WAIT)
                        .append(". If that session is stuck, find it in pg_stat_activity (pid " + pid
                                + ") and stop its process; as a last resort, SELECT pg_terminate_backend(" + pid + ").")
                        .build(),
                holder,
                false);
    }

    /** Who holds the lock now, or null when nobody does or the holder cannot be seen. */
    LockHolder holder() {
        try (PreparedStatement query = session.prepareStatement(HOLDER_QUERY)) {
            query.setLong(1, key >>> 32);
            query.setLong(2, key & 0xffffffffL);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                Timestamp since = row.getTimestamp(5);
                return new LockHolder(
                        row.getInt(1),
                        row.getString(2),
                        row.getString(3),
                        row.getString(4),
                        since == null ? null : since.toInstant(),
                        row.getString(6),
                        row.getString(7));
            }
        } catch (SQLException e) {
            return null;
        }
    }

    /** The lock session. */
    public Connection session() {
        return session;
    }

    /** The advisory key. */
    public long key() {
        return key;
    }

    /** The process id of the server process that took the lock and holds it while it lives. */
    public int pid() {
        return pid;
    }

    /**
     * Releases the lock from {@code other}, a session that a pooler gave the server process holding
     * it; returns whether that released it. The lock session's own {@link #close} would not reach it.
     */
    public boolean releaseThrough(Connection other) {
        try (PreparedStatement unlock = other.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            unlock.setLong(1, key);
            try (ResultSet row = unlock.executeQuery()) {
                boolean released = row.next() && row.getBoolean(1);
                held &= !released;
                return released;
            }
        } catch (SQLException e) {
            return false;
        }
    }

    /** Releases the lock; closing the session would release it as well. */
    @Override
    public void close() {
        if (!held) {
            return;
        }
        held = false;
        try (PreparedStatement unlock = session.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            unlock.setLong(1, key);
            unlock.execute();
        } catch (SQLException e) {
            // The session is closed right after; closing it releases the lock too.
        }
    }
}
