package dev.tidemark.internal.execution;

import dev.tidemark.internal.config.RunSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The settings a run of migrations puts on its work session, and their restore with the run's
 * durability barrier. Applied once, before the first migration, in one round trip: the configured
 * {@code lock_timeout} and {@code statement_timeout}, and {@code synchronous_commit = off}.
 *
 * <p>What the asynchronous commit buys: each migration's commit no longer waits for its own WAL
 * flush, which with thousands of small migrations is most of the time of a run. It loses nothing: a
 * migration and its history row still commit together, so a server crash can only take the newest
 * commits away whole, never half of one; another session's synchronous commit flushes them too; and
 * {@link #restoreWithDurabilityBarrier()} ends every run, successful or not, with a commit that waits
 * for the WAL flush. So when a run returns, all it reported applied is as durable as with
 * synchronous commits throughout. A role that may not write the barrier's WAL record (revoked on
 * some managed services) keeps the session's own {@code synchronous_commit} throughout instead.
 *
 * <p>The same round trip reads the session's server process and its start, so that after losing the
 * session the run can end that process and read the history back on a new one.
 */
final class MigrationSessionSettings {

    /**
     * Whether the session may call {@code pg_logical_emit_message}, which writes the WAL record that
     * makes the barrier's commit wait for a flush. Looked up by name, not by signature: PostgreSQL
     * 17 added a fourth parameter with a default, and a signature that does not exist is an error.
     */
    private static final String CAN_FLUSH = "(SELECT coalesce(bool_or(has_function_privilege(p.oid, 'EXECUTE')),"
            + " false) FROM pg_catalog.pg_proc p WHERE p.proname = 'pg_logical_emit_message'"
            + " AND p.pronamespace = 'pg_catalog'::regnamespace)";

    private final RunSettings settings;
    private final Connection work;

    /** The session's own lock_timeout, statement_timeout and synchronous_commit, while applied. */
    private final String[] sessionDefaults = new String[3];

    private boolean applied;
    /** Whether this run commits asynchronously, and so must end with a flushing commit. */
    private boolean asynchronousCommits;
    /** The work session's server process, read when the settings were applied, or null before. */
    private ReadBack.Backend backend;

    MigrationSessionSettings(RunSettings settings, Connection work) {
        this.settings = settings;
        this.work = work;
    }

    /**
     * Remembers the session's own settings and sets the run's, in one round trip; does nothing when
     * they are applied already. In a transaction, the settings land with its commit (or vanish with
     * its rollback, after which nothing else runs). Returns whether this call applied them.
     */
    boolean apply() throws SQLException {
        if (applied) {
            return false;
        }
        boolean lock = !settings.lockTimeout().isZero();
        boolean statement = !settings.statementTimeout().isZero();
        // OFFSET 0 keeps the sub-select from being merged: the old values are read before any is set.
        String sql = "SELECT old.lock_timeout, old.statement_timeout, old.synchronous_commit, old.can_flush,"
                + " old.pid, old.started"
                + (lock ? ", set_config('lock_timeout', ?, false)" : "")
                + (statement ? ", set_config('statement_timeout', ?, false)" : "")
                + ", CASE WHEN old.can_flush THEN set_config('synchronous_commit', 'off', false) END"
                + " FROM (SELECT current_setting('lock_timeout') AS lock_timeout,"
                + " current_setting('statement_timeout') AS statement_timeout,"
                + " current_setting('synchronous_commit') AS synchronous_commit,"
                + " " + CAN_FLUSH + " AS can_flush, pg_backend_pid() AS pid,"
                + " (SELECT backend_start::text FROM pg_catalog.pg_stat_activity WHERE pid = pg_backend_pid())"
                + " AS started OFFSET 0) old";
        try (PreparedStatement set = work.prepareStatement(sql)) {
            int index = 1;
            if (lock) {
                set.setString(index++, settings.lockTimeout().toMillis() + "ms");
            }
            if (statement) {
                set.setString(index, settings.statementTimeout().toMillis() + "ms");
            }
            try (ResultSet row = set.executeQuery()) {
                row.next();
                sessionDefaults[0] = row.getString(1);
                sessionDefaults[1] = row.getString(2);
                sessionDefaults[2] = row.getString(3);
                asynchronousCommits = row.getBoolean(4);
                backend = new ReadBack.Backend(row.getInt(5), row.getString(6));
            }
        }
        applied = true;
        return true;
    }

    /** The work session's server process, or null before {@link #apply()}. */
    ReadBack.Backend backend() {
        return backend;
    }

    /**
     * The run's durability barrier: puts the session's own settings back (and clears the run's
     * transaction marker, see {@link TransactionBoundary#RESET}) when {@link #apply()} changed them;
     * when the run committed asynchronously, the same transaction writes a logical message to the
     * WAL, so that its commit, with the session's own {@code synchronous_commit}, waits for the WAL
     * to be flushed: the barrier for every commit the run made before. Returns whether it committed
     * a transaction (outside auto-commit); does nothing when the settings were not applied.
     */
    boolean restoreWithDurabilityBarrier() throws SQLException {
        if (!applied) {
            return false;
        }
        // A commit that wrote no WAL of its own does not wait for a flush, whatever
        // synchronous_commit says: the logical message is the smallest WAL record a role may write.
        try (PreparedStatement reset = work.prepareStatement("SELECT set_config('lock_timeout', ?, false),"
                + " set_config('statement_timeout', ?, false), set_config('synchronous_commit', ?, false), "
                + TransactionBoundary.RESET
                + (asynchronousCommits ? ", pg_logical_emit_message(true, 'tidemark', 'durable')" : ""))) {
            reset.setString(1, sessionDefaults[0]);
            reset.setString(2, sessionDefaults[1]);
            reset.setString(3, sessionDefaults[2]);
            reset.execute();
        }
        boolean committed = false;
        if (!work.getAutoCommit()) {
            work.commit();
            committed = true;
        }
        applied = false;
        return committed;
    }
}
