package dev.tidemark.internal.lock;

import dev.tidemark.AppliedMigration;
import dev.tidemark.ErrorCode;
import dev.tidemark.MigrationDescriptor;
import dev.tidemark.MigrationVersion;
import dev.tidemark.TidemarkException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Confirms that the migration lock still holds where it was taken. A session-level advisory lock
 * belongs to the server process that took it and lasts as long as that process: so the lock holds
 * exactly while the lock session is still served by that process. That fails in two ways, both
 * checked here: the lock session ends (a proxy's idle timeout, a terminated backend), after which
 * a second migrator could take the lock; and a pooler in transaction or statement mode
 * (PgBouncer's {@code pool_mode = transaction}) hands each statement of a session to whichever
 * server process is free, so the lock stays behind on a process that other clients then use.
 *
 * <p>{@link #open} runs once, as the migration session opens: through such a pooler it is usually
 * handed the very process that took the lock, which a direct connection never is. {@link
 * #beforeMigration} runs before each non-transactional migration: one query on the lock session,
 * which the server answers without reading anything, asking for the server process behind it
 * ({@link ServerProcessProbe}). A transactional migration costs no round trip of its own: its
 * history row's statement carries {@link #commitGuard}, which fails its transaction unless the
 * lock's server process still holds the lock, so a migration commits only while the lock holds.
 *
 * <p>How the commit guard knows, at the price of a lookup in the server's lock table: the lock
 * session holds, beside the migration lock, a second advisory lock on a key of the run's own (two
 * random integers, a key space apart from the migration lock's single {@code bigint}), taken once
 * the first time the guard is asked for. No other session ever takes that key, and a server process
 * gives up its session-level advisory locks together (when it ends, on {@code DISCARD ALL} or
 * {@code pg_advisory_unlock_all()}; Tidemark unlocks neither alone while a run goes on), so the run's
 * key is held exactly while the migration lock is; {@code pg_try_advisory_xact_lock_shared} on it
 * succeeds only once nobody holds it. The guard it replaces read {@code pg_locks}, which copies the
 * whole lock table: 0.4-0.5 ms of server time per migration (pgbench, 3 alternating runs each).
 */
public final class LockSessionCheck implements AutoCloseable {

    /** The text {@link #commitGuard} fails with, which {@link #lostAtCommit} recognises. */
    private static final String LOST_AT_COMMIT = "Tidemark: the migration lock is no longer held by its session";

    private static final String CONNECT_DIRECTLY =
            "Connect to PostgreSQL directly for migrations, or through a pool in session mode.";

    private final MigrationLock lock;
    private final Connection work;
    private final String historyTable;
    private final String historyName;
    private final ServerProcessProbe serverProcess;
    /** The key of the run's own advisory lock (see the class comment), once the lock session holds it. */
    private int[] runKey;

    private LockSessionCheck(
            MigrationLock lock, Connection work, String historyTable, String historyName, ServerProcessProbe probe) {
        this.lock = lock;
        this.work = work;
        this.historyTable = historyTable;
        this.historyName = historyName;
        this.serverProcess = probe;
    }

    /**
     * Checks that the migration session {@code work} reaches a server process other than the one
     * holding {@code lock}, and prepares the check made before each migration.
     *
     * @param historyTable the history table's quoted qualified name, read to confirm what a run applied
     * @param historyName the history table's name as messages show it
     * @throws TidemarkException ({@link ErrorCode#POOLED_CONNECTION}) when a pooler shares one server
     *     process between the sessions, or refuses the migration session's transaction
     */
    public static LockSessionCheck open(MigrationLock lock, Connection work, String historyTable, String historyName)
            throws SQLException {
        int workPid;
        try (PreparedStatement query = work.prepareStatement("SELECT pg_backend_pid()");
                ResultSet row = query.executeQuery()) {
            row.next();
            workPid = row.getInt(1);
        } catch (SQLException e) {
            if (refusedByPooler(e)) {
                throw new TidemarkException(
                        ErrorCode.POOLED_CONNECTION,
                        "A connection pooler between Tidemark and PostgreSQL refused the migration session's"
                                + " transaction (" + describe(e) + "): it pools by statement, so neither the"
                                + " migration lock on " + historyName + " nor a migration's transaction holds"
                                + " through it. Tidemark stopped before reading the history; nothing was"
                                + " applied.\n" + CONNECT_DIRECTLY,
                        e);
            }
            throw e;
        }
        if (workPid == lock.pid()) {
            boolean released = lock.releaseThrough(work);
            throw new TidemarkException(
                    ErrorCode.POOLED_CONNECTION,
                    "Tidemark's migration session was given server process " + workPid + ", the one holding the"
                            + " migration lock on " + historyName + " for the lock session, which a direct"
                            + " connection never is: a connection pooler in transaction or statement mode (such"
                            + " as PgBouncer with pool_mode = transaction) sits between Tidemark and PostgreSQL,"
                            + " and neither the migration lock nor session settings hold through it. Tidemark"
                            + " stopped before reading the history; nothing was applied.\n"
                            + (released
                                    ? ""
                                    : "The lock (advisory key " + lock.key() + ") may stay held by server process "
                                            + workPid + " until the pooler closes that connection.\n")
                            + CONNECT_DIRECTLY);
        }
        return new LockSessionCheck(lock, work, historyTable, historyName, new ServerProcessProbe(lock.session()));
    }

    /**
     * Confirms, before {@code next} starts, that the lock session is alive and still served by the
     * server process that took the lock.
     *
     * @param appliedThisRun the versions applied so far in this run, which a failure confirms in the history
     * @throws TidemarkException ({@link ErrorCode#LOCK_LOST} or {@link ErrorCode#POOLED_CONNECTION})
     *     when the lock no longer holds; nothing of {@code next} has run then
     */
    public void beforeMigration(MigrationDescriptor next, List<AppliedMigration> appliedThisRun) {
        ServerProcessProbe.Answer answer = serverProcess.current();
        SQLException e = answer.failure();
        if (e != null) {
            throw new TidemarkException(
                    ErrorCode.LOCK_LOST,
                    "The migration lock on " + historyName + " was lost before migration " + name(next)
                            + ": the session holding it (server process " + lock.pid() + ") has ended ("
                            + describe(e) + "), and another migrator may take the lock now.\n"
                            + appliedPart(next, appliedThisRun)
                            + "\nRun migrate again: it takes the lock afresh and applies what is left, once any"
                            + " other migrator is done. If the lock session keeps ending, look for what closes"
                            + " idle connections between Tidemark and PostgreSQL (a proxy's or load balancer's"
                            + " idle timeout, idle_session_timeout) or terminates server processes.",
                    e);
        }
        int pid = answer.pid();
        if (pid != lock.pid()) {
            throw new TidemarkException(
                    ErrorCode.POOLED_CONNECTION,
                    "Before migration " + name(next) + ", Tidemark's lock session was served by server process "
                            + pid + ", not by process " + lock.pid() + " that took the migration lock on "
                            + historyName + ": a connection pooler in transaction or statement mode (such as"
                            + " PgBouncer with pool_mode = transaction) sits between Tidemark and PostgreSQL,"
                            + " and the lock does not hold through it.\n"
                            + appliedPart(next, appliedThisRun)
                            + "\n" + CONNECT_DIRECTLY);
        }
    }

    /**
     * A {@code WHEN … THEN …} clause of the {@code CASE} that a migration's transaction runs before its
     * {@code COMMIT} (see {@code CommitGuard}): it fails the transaction (so the {@code COMMIT} after it
     * rolls back) unless the server process that took the migration lock still holds it. The first
     * call has the lock session take the run's own key (one round trip, once per run). The key is
     * written as literals, numbers Tidemark drew, so the statement keeps the parameters of the SQL
     * around it.
     *
     * @throws SQLException when the lock session cannot take the run's key (it has ended)
     */
    public String commitGuard() throws SQLException {
        if (runKey == null) {
            int[] key = {
                ThreadLocalRandom.current().nextInt(),
                ThreadLocalRandom.current().nextInt()
            };
            try (PreparedStatement take = lock.session().prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
                take.setInt(1, key[0]);
                take.setInt(2, key[1]);
                try (ResultSet row = take.executeQuery()) {
                    if (!row.next() || !row.getBoolean(1)) {
                        throw new SQLException("the run's own advisory key (" + key[0] + ", " + key[1]
                                + ") is held by another session");
                    }
                }
            }
            runKey = key;
        }
        return "WHEN pg_catalog.pg_try_advisory_xact_lock_shared(" + runKey[0] + ", " + runKey[1] + ") THEN '"
                + LOST_AT_COMMIT + "'";
    }

    /** Whether {@code e} is the failure of {@link #commitGuard}. */
    public static boolean lostAtCommit(Throwable e) {
        return e instanceof SQLException
                && e.getMessage() != null
                && e.getMessage().contains(LOST_AT_COMMIT);
    }

    /**
     * The failure of {@code migration}, rolled back because {@link #commitGuard} found the lock gone;
     * {@code rolledBack} says what the history read back after the rollback shows.
     *
     * @param appliedThisRun the versions applied before it in this run, which this confirms in the history
     */
    public TidemarkException lostAtCommit(
            MigrationDescriptor migration, List<MigrationVersion> appliedThisRun, String rolledBack) {
        return new TidemarkException(
                ErrorCode.LOCK_LOST,
                "The migration lock on " + historyName + " was lost before migration " + name(migration)
                        + " could commit: the server process " + lock.pid() + " that took it no longer holds it"
                        + " (its session ended), and another migrator may take the lock now.\n"
                        + "Migration " + migration.version() + " was rolled back with its history row; "
                        + rolledBack + "\n"
                        + confirmed(appliedThisRun)
                        + "Nothing of any later migration was started.\n"
                        + "Run migrate again: it takes the lock afresh and applies what is left, once any other"
                        + " migrator is done. If the lock session keeps ending, look for what closes idle"
                        + " connections between Tidemark and PostgreSQL (a proxy's or load balancer's idle"
                        + " timeout, idle_session_timeout) or terminates server processes.");
    }

    /**
     * What the run applied, as found in the history on the migration session, and that {@code next}
     * did not start; never claims a version the history does not show.
     */
    private String appliedPart(MigrationDescriptor next, List<AppliedMigration> appliedRun) {
        List<MigrationVersion> appliedThisRun = new ArrayList<>();
        for (AppliedMigration applied : appliedRun) {
            appliedThisRun.add(applied.version());
        }
        return confirmed(appliedThisRun) + "Nothing of migration " + next.version() + " or any later one was started.";
    }

    /**
     * The versions this run applied, as found in the history on the migration session just now; a
     * sentence that ends with a space, never claiming a version the history does not show.
     */
    private String confirmed(List<MigrationVersion> appliedThisRun) {
        if (appliedThisRun.isEmpty()) {
            return "No migration was applied in this run. ";
        }
        Set<MigrationVersion> recorded = new HashSet<>();
        try (PreparedStatement query = work.prepareStatement(
                        "SELECT version FROM " + historyTable + " WHERE success AND version IS NOT NULL");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                recorded.add(MigrationVersion.parse(rows.getString(1)));
            }
            if (!work.getAutoCommit()) {
                work.rollback();
            }
        } catch (SQLException | IllegalArgumentException e) {
            return "Applied in this run, as reported before: " + join(appliedThisRun) + "; reading " + historyName
                    + " to confirm it failed (" + (e instanceof SQLException s ? describe(s) : e.getMessage())
                    + "), so the version the database is at is not known here: run info to see it. ";
        }
        List<MigrationVersion> confirmed = new ArrayList<>();
        List<MigrationVersion> missing = new ArrayList<>();
        for (MigrationVersion version : appliedThisRun) {
            (recorded.contains(version) ? confirmed : missing).add(version);
        }
        return (confirmed.isEmpty()
                        ? ""
                        : "Applied in this run, and found in " + historyName + " just now: " + join(confirmed) + ". ")
                + (missing.isEmpty()
                        ? ""
                        : "Reported applied in this run but without a successful row in " + historyName + ": "
                                + join(missing) + ". ");
    }

    /**
     * Whether {@code e} is what the JDBC driver's named prepared statements meet when a pooler in
     * transaction mode hands a session's statements to server processes other sessions prepared
     * theirs on: a name prepared twice, or not found. A direct connection never meets either.
     */
    public static boolean pooledStatements(SQLException e) {
        return ("42P05".equals(e.getSQLState()) || "26000".equals(e.getSQLState()))
                && e.getMessage() != null
                && e.getMessage().contains("prepared statement \"S_");
    }

    /** The failure of {@code doing} when {@link #pooledStatements} says a pooler is in the way. */
    public static TidemarkException pooledFailure(String doing, SQLException e) {
        return new TidemarkException(
                ErrorCode.POOLED_CONNECTION,
                "Failed while " + doing + " (" + describe(e) + "): the session's statements ran on server"
                        + " processes shared with other sessions, as through a connection pooler in transaction or"
                        + " statement mode (such as PgBouncer with pool_mode = transaction), and neither the"
                        + " migration lock nor session settings hold through it.\n"
                        + CONNECT_DIRECTLY + " Then run info there to see the version the database is at.",
                e);
    }

    /** Whether a pooler refused what only a session-mode pool or a direct connection allows. */
    private static boolean refusedByPooler(SQLException e) {
        return e.getMessage() != null && e.getMessage().contains("pooling mode");
    }

    private static String name(MigrationDescriptor migration) {
        return migration.version() + " '" + migration.description() + "' (" + migration.className() + ")";
    }

    private static String join(List<MigrationVersion> versions) {
        List<String> shown = new ArrayList<>();
        for (MigrationVersion version : versions) {
            shown.add(version.toString());
        }
        return String.join(", ", shown);
    }

    private static String describe(SQLException e) {
        return (e.getSQLState() == null ? "" : "SQLSTATE " + e.getSQLState() + ": ") + e.getMessage();
    }

    @Override
    public void close() {
        serverProcess.close();
        if (runKey != null) {
            // Closing the lock session gives the key up too; a pool's connection is closed only later.
            try (PreparedStatement release = lock.session().prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
                release.setInt(1, runKey[0]);
                release.setInt(2, runKey[1]);
                release.execute();
            } catch (SQLException e) {
                // The lock session has ended, and its locks with it.
            }
            runKey = null;
        }
    }
}
