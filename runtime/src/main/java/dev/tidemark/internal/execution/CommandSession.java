package dev.tidemark.internal.execution;

import dev.tidemark.ErrorCode;
import dev.tidemark.TidemarkException;
import dev.tidemark.internal.config.Settings;
import dev.tidemark.internal.drift.DigestPrefetch;
import dev.tidemark.internal.drift.DriftGuard;
import dev.tidemark.internal.history.HistoryTable;
import dev.tidemark.internal.jdbc.Connector;
import dev.tidemark.internal.lock.MigrationLock;
import dev.tidemark.internal.plan.MigrationCatalog;
import dev.tidemark.internal.plan.Reconciliation;
import dev.tidemark.internal.sql.Identifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The sessions of one command: for commands that change anything, a lock session holding the
 * migration lock and a work session (not in auto-commit) where migrations and history writes run;
 * for read-only commands, the work session alone. The work session's {@code search_path} starts
 * with the configured schema, so unqualified names in migrations land there.
 */
public final class CommandSession implements AutoCloseable {

    private final Settings settings;
    private final Connection lockSession;
    private final MigrationLock lock;
    private final Connection work;
    /** The drift check's first reads, running on the lock session; ended before the lock is released. */
    private final DigestPrefetch prefetch;

    private CommandSession(
            Settings settings, Connection lockSession, MigrationLock lock, Connection work, DigestPrefetch prefetch) {
        this.settings = settings;
        this.lockSession = lockSession;
        this.lock = lock;
        this.work = work;
        this.prefetch = prefetch;
    }

    /** Opens both sessions and takes the migration lock before anything is read. */
    public static CommandSession locked(Settings settings, HistoryTable history) {
        return locked(settings, history, null);
    }

    /**
     * Opens both sessions and takes the migration lock before anything is read; with {@code drift},
     * starts the drift check's first reads on the lock session as soon as the lock is held, while
     * the work session is opened and reads the history.
     */
    public static CommandSession locked(Settings settings, HistoryTable history, DriftGuard drift) {
        Connector connector = new Connector(settings);
        Connection lockSession = connector.open();
        MigrationLock lock = null;
        DigestPrefetch prefetch = DigestPrefetch.none();
        try {
            lock = MigrationLock.acquire(
                    lockSession, history.qualifiedName(), settings.lockWait(), settings.listener());
            if (drift != null) {
                prefetch = drift.prefetch(() -> lockSession, false);
            }
            Connection work = connector.open();
            try {
                prepareWork(work, settings);
                work.setAutoCommit(false);
                return new CommandSession(settings, lockSession, lock, work, prefetch);
            } catch (SQLException e) {
                closeQuietly(work);
                throw unexpected("preparing the migration session", e);
            } catch (RuntimeException e) {
                closeQuietly(work);
                throw e;
            }
        } catch (RuntimeException e) {
            prefetch.close();
            if (lock != null) {
                lock.close();
            }
            closeQuietly(lockSession);
            throw e;
        }
    }

    /** Opens a work session in auto-commit, without the lock: for reading. */
    public static CommandSession readOnly(Settings settings) {
        Connection work = new Connector(settings).open();
        try {
            prepareWork(work, settings);
            return new CommandSession(settings, null, null, work, DigestPrefetch.none());
        } catch (SQLException e) {
            closeQuietly(work);
            throw unexpected("preparing the session", e);
        }
    }

    private static void prepareWork(Connection work, Settings settings) throws SQLException {
        try (PreparedStatement statement = work.prepareStatement(
                "SELECT set_config('search_path', ? || ', ' || current_setting('search_path'), false)")) {
            statement.setString(1, Identifier.quote(settings.schema()));
            statement.execute();
        }
    }

    public Connection work() {
        return work;
    }

    /**
     * For a session without the lock: starts the first reads of {@code drift}'s coming check on a
     * session opened for them, beside the work session (not from a DataSource, whose pool may have
     * no second connection to give). Close it before this. A locked session starts them itself.
     */
    public DigestPrefetch prefetchDrift(DriftGuard drift) {
        if (lockSession != null || settings.dataSource() != null) {
            return DigestPrefetch.none();
        }
        return drift.prefetch(() -> new Connector(settings).openOnce(), true);
    }

    /** Reads the history once (after the lock is taken, for a locked session) and sets it against the code. */
    public Reconciliation reconcile(MigrationCatalog catalog, HistoryTable history) {
        try {
            boolean exists = history.exists(work);
            Reconciliation reconciliation =
                    new Reconciliation(catalog, exists, exists ? history.read(work) : List.of());
            if (!work.getAutoCommit()) {
                work.commit();
            }
            return reconciliation;
        } catch (SQLException e) {
            throw unexpected("reading the history table " + history.displayName(), e);
        }
    }

    static TidemarkException unexpected(String doing, SQLException e) {
        return new TidemarkException(
                ErrorCode.INTERNAL,
                "Failed while " + doing + ": SQLSTATE " + e.getSQLState() + ": " + e.getMessage()
                        + "\nCheck that the user may read and write the schema; the cause tells more.",
                e);
    }

    @Override
    public void close() {
        prefetch.close();
        try {
            if (!work.getAutoCommit()) {
                work.rollback();
            }
        } catch (SQLException e) {
            // Closing the session rolls back as well.
        }
        closeQuietly(work);
        if (lock != null) {
            lock.close();
        }
        if (lockSession != null) {
            closeQuietly(lockSession);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // Nothing left to do with a session that cannot even close.
        }
    }
}
