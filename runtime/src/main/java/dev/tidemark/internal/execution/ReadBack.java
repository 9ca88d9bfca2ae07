package dev.tidemark.internal.execution;

import dev.tidemark.MigrationVersion;
import dev.tidemark.TidemarkEvent;
import dev.tidemark.TidemarkException;
import dev.tidemark.internal.config.RunSettings;
import dev.tidemark.internal.config.Secrets;
import dev.tidemark.internal.history.HistoryRow;
import dev.tidemark.internal.history.HistoryTable;
import dev.tidemark.internal.jdbc.Connector;
import dev.tidemark.internal.plan.MigrationCatalog;
import dev.tidemark.internal.plan.Reconciliation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the history back after a failure, so that a message states the version the database is
 * at instead of assuming it: on the work session after its rollback, or, when that session was
 * lost, on a new one. Because a transactional migration's history row commits in the same
 * transaction as its changes, the row's presence says whether that commit happened.
 */
final class ReadBack {

    /** How long to wait for the lost session's server process to end once told to. */
    private static final long OLD_SESSION_WAIT_MILLIS = 10_000;

    private final RunSettings settings;
    private final HistoryTable history;
    private final MigrationCatalog catalog;

    ReadBack(RunSettings settings, HistoryTable history, MigrationCatalog catalog) {
        this.settings = settings;
        this.history = history;
        this.catalog = catalog;
    }

    /**
     * What the history says.
     *
     * @param read whether the history was read; when false, {@code problem} says why not, and the
     *     other fields mean nothing
     * @param current the version the database is at
     * @param ranks the installed ranks of the rows
     * @param committedInside whether the migration committed its transaction from inside (read on the work session)
     * @param problem why the history could not be read, or null
     */
    record State(boolean read, MigrationVersion current, Set<Integer> ranks, boolean committedInside, String problem) {

        static State unread(String problem) {
            return new State(false, null, Set.of(), false, problem);
        }

        /** Whether the history holds the row of installed rank {@code rank}. */
        boolean has(int rank) {
            return ranks.contains(rank);
        }
    }

    /** The server process of the work session, to be ended before the history is read on another. */
    record Backend(int pid, String started) {}

    /**
     * On the work session, after the rollback of the transaction that carried {@code marker} (null
     * when none did): whether a commit happened inside it, and the history.
     */
    State afterRollback(Connection work, String marker) {
        try {
            boolean committedInside = marker != null && TransactionBoundary.committedInside(work, marker);
            State state = read(work, committedInside);
            work.commit();
            return state;
        } catch (SQLException | TidemarkException e) {
            try {
                work.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            return State.unread(describe(e));
        }
    }

    /**
     * After the work session was lost: opens a new session (retrying as configured), ends the old
     * session's server process if it is still there, so that nothing it had in flight can commit
     * later, makes every commit so far durable ({@link #flush}), and reads the history.
     */
    State onNewSession(Backend old) {
        Connector connector = new Connector(settings);
        Connection fresh;
        try {
            fresh = connector.open();
        } catch (TidemarkException e) {
            return State.unread("no new session could be opened: " + firstLine(e.getMessage()));
        }
        try {
            String ended = endOldSession(fresh, old);
            if (ended != null) {
                return State.unread(ended);
            }
            durabilityBarrier(fresh);
            return read(fresh, false);
        } catch (SQLException | TidemarkException e) {
            return State.unread("the new session failed too: " + describe(e));
        } finally {
            connector.close(fresh);
        }
    }

    /** Ends the old session's server process; returns why it could not, or null. */
    private String endOldSession(Connection fresh, Backend old) throws SQLException {
        if (old == null) {
            return null;
        }
        String alive = "SELECT count(*) FROM pg_catalog.pg_stat_activity WHERE pid = ? AND backend_start::text = ?";
        try (PreparedStatement terminate =
                fresh.prepareStatement("SELECT pg_catalog.pg_terminate_backend(pid) FROM pg_catalog.pg_stat_activity"
                        + " WHERE pid = ? AND backend_start::text = ?")) {
            terminate.setInt(1, old.pid());
            terminate.setString(2, old.started());
            terminate.execute();
        } catch (SQLException e) {
            return "the old session's server process (pid " + old.pid() + ") could not be ended (" + describe(e)
                    + "), and what it had in flight may still commit or roll back";
        }
        long deadline = System.nanoTime() + OLD_SESSION_WAIT_MILLIS * 1_000_000;
        while (true) {
            try (PreparedStatement check = fresh.prepareStatement(alive)) {
                check.setInt(1, old.pid());
                check.setString(2, old.started());
                try (ResultSet row = check.executeQuery()) {
                    row.next();
                    if (row.getInt(1) == 0) {
                        return null;
                    }
                }
            }
            if (System.nanoTime() - deadline > 0) {
                return "the old session's server process (pid " + old.pid() + ") had not ended "
                        + OLD_SESSION_WAIT_MILLIS / 1000 + " s after it was told to, and what it had in flight"
                        + " may still commit or roll back";
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted while waiting for the old session's server process (pid " + old.pid() + ") to end";
            }
        }
    }

    /**
     * The durability barrier on a new session, as {@link
     * MigrationSessionSettings#restoreWithDurabilityBarrier} is on the run's own: commits,
     * synchronously, a transaction that writes a WAL record, which waits until the WAL is flushed up
     * to it and so makes every commit before it durable: what is read after it survives a crash. A
     * role that may not write the record committed synchronously throughout (see {@link
     * MigrationSessionSettings}), and nothing is needed.
     */
    private void durabilityBarrier(Connection fresh) throws SQLException {
        fresh.setAutoCommit(false);
        try (PreparedStatement barrier = fresh.prepareStatement("SELECT set_config('synchronous_commit', 'on', true),"
                + " pg_catalog.pg_logical_emit_message(true, 'tidemark', 'read back')")) {
            barrier.execute();
            fresh.commit();
        } catch (SQLException e) {
            fresh.rollback();
            settings.listener()
                    .on(new TidemarkEvent.Diagnostic(
                            "No flushing commit before reading the history back: " + describe(e)));
        } finally {
            fresh.setAutoCommit(true);
        }
    }

    private State read(Connection session, boolean committedInside) throws SQLException {
        List<HistoryRow> rows = history.exists(session) ? history.read(session) : List.of();
        Set<Integer> ranks = new HashSet<>();
        for (HistoryRow row : rows) {
            ranks.add(row.installedRank());
        }
        MigrationVersion current = new Reconciliation(catalog, true, rows).currentVersion();
        return new State(true, current, ranks, committedInside, null);
    }

    private String describe(Exception e) {
        String state = e instanceof SQLException sql && sql.getSQLState() != null
                ? "SQLSTATE " + sql.getSQLState() + ": "
                : "";
        String text = e.getMessage() == null ? e.getClass().getName() : firstLine(e.getMessage());
        return state + Secrets.scrub(text, settings.password());
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
