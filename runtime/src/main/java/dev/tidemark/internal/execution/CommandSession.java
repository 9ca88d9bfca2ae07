package dev.tidemark.internal.execution;

import dev.tidemark.ErrorCode;
import dev.tidemark.TidemarkEvent;
import dev.tidemark.TidemarkException;
import dev.tidemark.internal.config.RunSettings;
import dev.tidemark.internal.history.HistoryTable;
import dev.tidemark.internal.jdbc.ConnectionFault;
import dev.tidemark.internal.jdbc.Connector;
import dev.tidemark.internal.jdbc.PermissionDenied;
import dev.tidemark.internal.lock.LockSessionCheck;
import dev.tidemark.internal.lock.MigrationLock;
import dev.tidemark.internal.plan.MigrationCatalog;
import dev.tidemark.internal.plan.Reconciliation;
import dev.tidemark.internal.plan.RepeatablePlan;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.Optional;

/**
 * The sessions of one command: for commands that change anything, a lock session holding the
 * migration lock and a work session (not in auto-commit) where migrations and history writes run;
 * for read-only commands, the work session alone. Every session's {@code search_path} starts with
 * the configured schema (see {@link Connector}), so unqualified names in migrations land there.
 */
public final class CommandSession implements AutoCloseable {

    private final RunSettings settings;
    private final Connector connector;
    private final Connection lockSession;
    private final MigrationLock lock;
    /** Confirms before each migration that the lock still holds; null for a read-only session. */
    private final LockSessionCheck lockCheck;

    private final Connection work;

    private CommandSession(
            RunSettings settings,
            Connector connector,
            Connection lockSession,
            MigrationLock lock,
            LockSessionCheck lockCheck,
            Connection work) {
        this.settings = settings;
        this.connector = connector;
        this.lockSession = lockSession;
        this.lock = lock;
        this.lockCheck = lockCheck;
        this.work = work;
    }

    /** Opens both sessions and takes the migration lock before anything is read. */
    public static CommandSession locked(RunSettings settings, HistoryTable history) {
        Connector connector = new Connector(settings);
        Connection lockSession = connector.open();
        MigrationLock lock = null;
        try {
            lock = MigrationLock.acquire(
                    lockSession, history.qualifiedName(), settings.lockWait(), settings.listener());
            Connection work = connector.open();
            try {
                work.setAutoCommit(false);
                LockSessionCheck check =
                        LockSessionCheck.open(lock, work, history.qualifiedName(), history.displayName());
                return new CommandSession(settings, connector, lockSession, lock, check, work);
            } catch (SQLException e) {
                connector.close(work);
                throw unexpected("preparing the migration session", e);
            } catch (RuntimeException e) {
                connector.close(work);
                throw e;
            }
        } catch (RuntimeException e) {
            if (lock != null) {
                lock.close();
            }
            connector.close(lockSession);
            throw e;
        }
    }

    /** Opens a work session in auto-commit, without the lock: for reading. */
    public static CommandSession readOnly(RunSettings settings) {
        Connector connector = new Connector(settings);
        return new CommandSession(settings, connector, null, null, null, connector.open());
    }

    public Connection work() {
        return work;
    }

    /** The check that the migration lock still holds, for a locked session; null for a read-only one. */
    public LockSessionCheck lockCheck() {
        return lockCheck;
    }

    /** Reads the history once (after the lock is taken, for a locked session) and sets it against the code. */
    public Reconciliation reconcile(MigrationCatalog catalog, HistoryTable history) {
        try {
            boolean exists = history.exists(work);
            if (!exists) {
                return endRead(new Reconciliation(catalog, false, List.of()));
            }
            return endRead(
                    new Reconciliation(catalog, true, history.read(work)).rankedAbove(history.maxRepeatableRank(work)));
        } catch (SQLException e) {
            throw unexpected("reading the history table " + history.displayName(), e);
        }
    }

    /**
     * As {@link #reconcile}, for commands that need no more of the rows than validation does
     * (validate, migrate): first asks the server whether the history agrees with the code's first
     * migrations ({@link HistoryTable#summarize}), as it does after every migrate, and then the
     * state follows from the code and thousands of rows are not read. When the server cannot
     * answer (a description the database's encoding cannot hold), the rows are read.
     */
    public Reconciliation reconcileFromSummary(MigrationCatalog catalog, HistoryTable history) {
        try {
            if (!history.exists(work)) {
                return endRead(new Reconciliation(catalog, false, List.of()));
            }
            Optional<HistoryTable.Summary> summary = summarize(catalog, history);
            if (summary.isPresent() && summary.get().agrees()) {
                settings.listener()
                        .on(new TidemarkEvent.Diagnostic("The history agrees with the code's first "
                                + summary.get().rows() + " migrations; its rows are not read"));
                return endRead(Reconciliation.agreeing(
                        catalog, summary.get().rows(), summary.get().maxRank()));
            }
            return endRead(
                    new Reconciliation(catalog, true, history.read(work)).rankedAbove(history.maxRepeatableRank(work)));
        } catch (SQLException e) {
            throw unexpected("reading the history table " + history.displayName(), e);
        }
    }

    /** Reads the history's repeatable rows and sets them against the code's repeatable migrations. */
    public RepeatablePlan repeatables(MigrationCatalog catalog, HistoryTable history, Reconciliation state) {
        try {
            return endRead(RepeatablePlan.read(work, history, state.historyExists(), catalog));
        } catch (SQLException e) {
            throw unexpected("reading the history table " + history.displayName(), e);
        }
    }

    private Optional<HistoryTable.Summary> summarize(MigrationCatalog catalog, HistoryTable history)
            throws SQLException {
        Savepoint savepoint = work.getAutoCommit() ? null : work.setSavepoint();
        try {
            return Optional.of(history.summarize(work, catalog.migrations()));
        } catch (SQLException e) {
            if (savepoint != null) {
                work.rollback(savepoint);
            }
            settings.listener()
                    .on(new TidemarkEvent.Diagnostic("The history's summary failed (SQLSTATE " + e.getSQLState() + ": "
                            + e.getMessage() + "); its rows are read"));
            return Optional.empty();
        }
    }

    private <T> T endRead(T read) throws SQLException {
        if (!work.getAutoCommit()) {
            work.commit();
        }
        return read;
    }

    public static TidemarkException unexpected(String doing, SQLException e) {
        if (LockSessionCheck.pooledStatements(e)) {
            return LockSessionCheck.pooledFailure(doing, e);
        }
        ConnectionFault fault = ConnectionFault.of(e);
        if (fault != null) {
            return new TidemarkException(
                    ErrorCode.CONNECTION_LOST,
                    "Failed while " + doing + ": " + fault.happened() + " (SQLSTATE " + e.getSQLState() + ": "
                            + e.getMessage() + "). This is a failure of the connection or the server.\n"
                            + "Once the server is reachable, run info (or validate) to see the version the database"
                            + " is at, then run the command again.",
                    e);
        }
        if (PermissionDenied.is(e)) {
            return PermissionDenied.of(doing, null, ErrorCode.PERMISSION_DENIED.state(), e);
        }
        return new TidemarkException(
                ErrorCode.INTERNAL,
                "Failed while " + doing + ": SQLSTATE " + e.getSQLState() + ": " + e.getMessage()
                        + "\nCheck that the user may read and write the schema; the cause tells more.",
                e);
    }

    @Override
    public void close() {
        try {
            if (!work.getAutoCommit()) {
                work.rollback();
            }
        } catch (SQLException e) {
            // Closing the session rolls back as well.
        }
        connector.close(work);
        if (lockCheck != null) {
            lockCheck.close();
        }
        if (lock != null) {
            lock.close();
        }
        if (lockSession != null) {
            connector.close(lockSession);
        }
    }
}
