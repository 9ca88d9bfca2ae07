package dev.tidemark.internal.lock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Asks the lock session which server process serves it, one question ahead: the question for the
 * next migration is sent as the current one starts, on a thread of its own, so that its round trip
 * overlaps the migration instead of adding to the run (a round trip per migration, some tenth of a
 * run of a thousand small migrations). An answer to a question sent longer than {@link #FRESH} ago,
 * as after a long migration, is asked for again: no migration starts on an older confirmation.
 */
final class ServerProcessProbe implements AutoCloseable {

    /** How old a confirmation may be when a migration starts. */
    static final Duration FRESH = Duration.ofMillis(50);

    /** The server process's id, or why the session could not say. */
    record Answer(int pid, SQLException failure) {}

    private record Asked(Answer answer, long sentAt) {}

    private final PreparedStatement query;
    private ExecutorService thread;
    private CompletableFuture<Asked> ahead;

    ServerProcessProbe(Connection session) throws SQLException {
        this.query = session.prepareStatement("SELECT pg_backend_pid()");
    }

    /** The answer to a question sent no longer than {@link #FRESH} ago. */
    Answer current() {
        if (ahead != null) {
            Asked asked = ahead.join();
            ahead = null;
            if (asked.answer().failure() != null || System.nanoTime() - asked.sentAt() <= FRESH.toNanos()) {
                return asked.answer();
            }
        }
        return ask().answer();
    }

    /** Sends the next question now, on the probe's thread; {@link #current} reads its answer. */
    void askAhead() {
        if (thread == null) {
            thread = Executors.newSingleThreadExecutor(task -> {
                Thread probe = new Thread(task, "tidemark-lock-check");
                probe.setDaemon(true);
                return probe;
            });
        }
        ahead = CompletableFuture.supplyAsync(this::ask, thread);
    }

    private Asked ask() {
        long sentAt = System.nanoTime();
        try (ResultSet row = query.executeQuery()) {
            row.next();
            return new Asked(new Answer(row.getInt(1), null), sentAt);
        } catch (SQLException e) {
            return new Asked(new Answer(0, e), sentAt);
        }
    }

    /** Waits for a question still under way, so that the lock session is free to let the lock go. */
    @Override
    public void close() {
        if (ahead != null) {
            ahead.join();
            ahead = null;
        }
        if (thread != null) {
            thread.shutdown();
        }
        try {
            query.close();
        } catch (SQLException e) {
            // The lock session is closed right after.
        }
    }
}
