package dev.tidemark.internal.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A session opened on a daemon thread while {@code load()} reads the manifests, for the first
 * session a call opens to take (see {@link dev.tidemark.Configuration#connectEarly}). Opening a
 * cold session is mostly the driver loading its classes; so is reading a large manifest; side by
 * side on two cores they cost the longer of the two.
 *
 * <p>Exactly one party ends up with the session: the call that takes it, or, when none does within
 * {@link #UNTAKEN_LIFETIME} or {@code load()} fails, this class, which closes it. The attempt is
 * made once: when it fails, its exception becomes the taking call's first failed attempt, so
 * retries, their waits and the error message are the same as without an early session.
 */
public final class EarlySession {

    /** How long an opened session waits for a call before it is closed. */
    static final Duration UNTAKEN_LIFETIME = Duration.ofSeconds(10);

    /** Opens the session, once. */
    @FunctionalInterface
    public interface Opener {
        Connection open() throws SQLException;
    }

    private final CompletableFuture<Connection> opening = new CompletableFuture<>();
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final CountDownLatch taken = new CountDownLatch(1);
    private final Duration untakenLifetime;

    public EarlySession() {
        this(UNTAKEN_LIFETIME);
    }

    EarlySession(Duration untakenLifetime) {
        this.untakenLifetime = untakenLifetime;
    }

    /** Starts opening on a daemon thread. */
    public void start(Opener opener) {
        Thread thread = new Thread(() -> run(opener), "tidemark-early-session");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Opener opener) {
        Connection session;
        try {
            session = opener.open();
        } catch (SQLException | RuntimeException | LinkageError e) {
            opening.completeExceptionally(e);
            return;
        }
        opening.complete(session);
        try {
            if (taken.await(untakenLifetime.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        discard();
    }

    /**
     * The session, once opened; null when another call took it or it was closed unused.
     *
     * @throws SQLException what the attempt to open it threw
     */
    Connection take() throws SQLException {
        if (!claimed.compareAndSet(false, true)) {
            return null;
        }
        taken.countDown();
        try {
            return opening.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sql) {
                throw sql;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw (Error) cause;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            opening.thenAccept(EarlySession::closeQuietly);
            throw new SQLException("Interrupted while the session was being opened", "08006", e);
        }
    }

    /** Closes the session when no call has taken it: now, or as soon as it is open. */
    public void discard() {
        if (claimed.compareAndSet(false, true)) {
            taken.countDown();
            opening.thenAccept(EarlySession::closeQuietly);
        }
    }

    private static void closeQuietly(Connection session) {
        try {
            session.close();
        } catch (SQLException e) {
            // The server ends a session whose client has gone.
        }
    }
}
