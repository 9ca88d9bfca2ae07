package dev.tidemark.internal.execution;

import dev.tidemark.AppliedMigration;
import dev.tidemark.JavaMigration;
import dev.tidemark.MigrationContext;
import dev.tidemark.MigrationDescriptor;
import dev.tidemark.MigrationFailedException;
import dev.tidemark.MigrationVersion;
import dev.tidemark.TidemarkEvent;
import dev.tidemark.TidemarkException;
import dev.tidemark.TidemarkListener;
import dev.tidemark.UndoneMigration;
import dev.tidemark.internal.config.RunSettings;
import dev.tidemark.internal.drift.DriftControl;
import dev.tidemark.internal.history.HistoryRow;
import dev.tidemark.internal.history.HistoryTable;
import dev.tidemark.internal.jdbc.ConnectionFault;
import dev.tidemark.internal.lock.LockSessionCheck;
import dev.tidemark.internal.plan.MigrationCatalog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Applies migrations on the work session. A transactional migration runs in one transaction with
 * its history row: {@code up()}, the row, commit, so that both land or neither does. A
 * non-transactional one runs in auto-commit; when it fails, a {@code success = false} row records
 * that the database may hold part of it. The run's {@link MigrationSessionSettings} (its timeouts and
 * {@code synchronous_commit = off}) are set on the session once, with the first migration, and put
 * back to the session's own values when the migrator closes, in the durability barrier: a
 * synchronous commit that makes the whole run durable. Beyond
 * the migration's own statements (the first carries the {@code BEGIN}), a migration costs one round
 * trip: its history row and the {@code COMMIT}, sent as one statement (prepared once); a psql script
 * of {@code BEGIN; ...; COMMIT;} has the same number. No commit but the last waits for a WAL flush.
 *
 * <p>After a failure the history is read back ({@link ReadBack}) before anything is said about the
 * state of the database: on the work session after the rollback, or on a new session when the work
 * session was lost (then also which of the versions the run reported applied survived).
 */
public final class Migrator implements AutoCloseable {

    private final RunSettings settings;
    private final MigrationCatalog catalog;
    private final Connection work;
    private final TidemarkListener listener;
    private final FailureReport report;
    private final PreparedStatement insert;
    /** The history row, then {@link TransactionBoundary#GUARD}: for the transaction of a migration. */
    private PreparedStatement guardedInsert;
    /** As {@link #guardedInsert}, then the commit and the next transaction's marker, in one round trip. */
    private PreparedStatement insertAndCommit;

    private final TransactionBoundary boundary = new TransactionBoundary();
    private final ReadBack readBack;
    /** Whether the work session was lost: nothing more is sent on it. */
    private boolean lost;
    /** Whether a failed migration may have left part of itself committed. */
    private boolean partial;
    /** The migrations this run reported applied, with the installed rank of their rows. */
    private final List<LostSessionReport.Announced> announced = new ArrayList<>();

    /** The run's session settings, and their restore with the durability barrier. */
    private final MigrationSessionSettings session;
    /** Reports a statement of the run that runs long, and what it waits on. */
    private final StatementWatch watch;

    private int nextRank;
    private MigrationVersion current;
    private DriftControl drift;
    private final HistoryTable history;
    /** The row of a stopped non-transactional run to resume, or null. */
    private HistoryRow resume;
    /** How another thread stops this run, or null. */
    private Cancellation.Run stop;

    private LockSessionCheck lockCheck;

    public Migrator(
            RunSettings settings,
            MigrationCatalog catalog,
            HistoryTable history,
            Connection work,
            int nextRank,
            MigrationVersion current)
            throws SQLException {
        this.settings = settings;
        this.catalog = catalog;
        this.work = work;
        this.listener = settings.listener();
        this.report = new FailureReport(history.displayName(), settings.lockTimeout(), settings.statementTimeout());
        this.nextRank = nextRank;
        this.current = current;
        this.insert = history.prepareInsert(work);
        this.history = history;
        prepareHistoryRow("");
        this.readBack = new ReadBack(settings, history, catalog);
        this.session = new MigrationSessionSettings(settings, work);
        this.watch = new StatementWatch(settings, work);
    }

    /**
     * Before the first migration: the run's {@link MigrationSessionSettings}; the stop hook learns
     * the session's server process.
     */
    private void applySessionSettings() throws SQLException {
        if (session.apply() && stop != null) {
            stop.workSession(session.backend().pid());
        }
    }

    /** The run's durability barrier (see {@link MigrationSessionSettings#restoreWithDurabilityBarrier()}). */
    private void durabilityBarrier() throws SQLException {
        if (session.restoreWithDurabilityBarrier()) {
            boundary.ended();
        }
    }

    /**
     * Records the schema snapshot in the transaction of the last transactional migration of the
     * run, so the snapshot lands with the history row it belongs to (see {@link #undo} for undo).
     */
    public Migrator recordingSnapshots(DriftControl drift) {
        this.drift = drift;
        return this;
    }

    /**
     * Resumes the stopped non-transactional run that {@code row} records when {@link #apply} comes
     * to its version: the row is reused, and the statements it records as completed are skipped.
     */
    public Migrator resuming(HistoryRow row) {
        this.resume = row;
        return this;
    }

    /**
     * Lets {@code stop} stop the run: no migration starts, and no statement, once it is stopped
     * (see {@link Cancellation}).
     */
    public Migrator stoppable(Cancellation.Run stop) {
        this.stop = stop;
        return this;
    }

    /**
     * Confirms that the migration lock still holds (see {@link LockSessionCheck}): before each
     * non-transactional migration, and in each transactional migration's commit.
     */
    public Migrator checkingLock(LockSessionCheck lockCheck) throws SQLException {
        this.lockCheck = lockCheck;
        if (lockCheck != null) {
            guardedInsert.close();
            insertAndCommit.close();
            prepareHistoryRow(lockCheck.commitGuard());
        }
        return this;
    }

    /**
     * The history row's statements of a transactional migration: its insert, {@code lockGuard}, the
     * guard against a commit inside the migration, then (one of the two) the commit and the next
     * transaction's marker.
     */
    private void prepareHistoryRow(String lockGuard) throws SQLException {
        String guard = CommitGuard.statement(lockGuard);
        guardedInsert = history.prepareInsert(work, guard);
        insertAndCommit = history.prepareInsert(work, guard + TransactionBoundary.COMMIT_AND_ARM_NEXT);
    }

    /** Applies {@code migrations} in order; stops with an exception at the first failure. */
    public List<AppliedMigration> apply(List<MigrationDescriptor> migrations) throws SQLException {
        List<AppliedMigration> applied = new ArrayList<>();
        for (MigrationDescriptor migration : migrations) {
            boolean last = migration == migrations.get(migrations.size() - 1);
            if (stop != null && stop.stopped()) {
                throw Interrupted.beforeMigration(migration, current, applied.size());
            }
            int rank = nextRank;
            if (lockCheck != null && !migration.transactional()) {
                try {
                    lockCheck.beforeMigration(migration, applied);
                } catch (TidemarkException e) {
                    throw withDurability(e);
                }
            }
            listener.on(new TidemarkEvent.MigrationStarted(settings.schema(), migration));
            long started = System.nanoTime();
            if (stop != null) {
                stop.inMigration(true);
            }
            try {
                if (migration.transactional()) {
                    applyInTransaction(migration, started, last);
                } else {
                    // Auto-commit ends the transaction the last history row opened, and its marker.
                    boundary.ended();
                    applyWithoutTransaction(migration, started);
                }
            } catch (MigrationFailedException e) {
                if (stop != null && stop.stopped() && migration.transactional()) {
                    throw Interrupted.rolledBack(e);
                }
                throw e;
            } finally {
                if (stop != null) {
                    stop.inMigration(false);
                }
            }
            AppliedMigration done = new AppliedMigration(migration, Duration.ofNanos(System.nanoTime() - started));
            applied.add(done);
            announced.add(new LostSessionReport.Announced(migration.version(), rank));
            if (current == null || migration.version().compareTo(current) > 0) {
                current = migration.version();
            }
            listener.on(new TidemarkEvent.MigrationApplied(done));
        }
        return applied;
    }

    /**
     * A failure between two migrations (the lock check's) that found the work session gone too, as
     * a server crash leaves it: the versions reported applied committed asynchronously and are read
     * back on a new session, and the failure says which survived. With the work session alive the
     * run's {@link #durabilityBarrier()} still makes them durable, and {@code failure} stands.
     */
    private TidemarkException withDurability(TidemarkException failure) {
        if (announced.isEmpty() || sessionAlive()) {
            return failure;
        }
        lost = true;
        return LostSessionReport.withDurability(failure, announced, readBack.onNewSession(null));
    }

    private boolean sessionAlive() {
        try {
            return work.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    public MigrationVersion current() {
        return current;
    }

    /**
     * Reverts {@code migrations} in the order given (newest first), each {@code down} in one
     * transaction with its {@code UNDO} row; the last one's transaction also records the snapshot of
     * the schema the run leaves, so that the next drift check compares against the reverted schema.
     * A non-transactional {@code down} is preceded by the snapshot of the version reached (when the
     * run changed the schema since the last one) and, when it is the last, followed by its own; a
     * run that stops at a rolled-back failure has recorded none for the version reached, which
     * {@link #stoppedAtCurrent()} tells the caller. {@code appliedVersions} are the versions applied
     * before the run (baseline included); the current version after each step is the newest of
     * those not yet undone. Stops with an exception at the first failure.
     */
    public List<UndoneMigration> undo(
            List<MigrationDescriptor> migrations, NavigableSet<MigrationVersion> appliedVersions) throws SQLException {
        NavigableSet<MigrationVersion> remaining = new TreeSet<>(appliedVersions);
        List<UndoneMigration> undone = new ArrayList<>();
        List<MigrationVersion> undoneVersions = new ArrayList<>();
        boolean unrecorded = false;
        for (MigrationDescriptor migration : migrations) {
            boolean last = migration == migrations.get(migrations.size() - 1);
            listener.on(new TidemarkEvent.MigrationUndoing(settings.schema(), migration));
            long started = System.nanoTime();
            remaining.remove(migration.version());
            MigrationVersion after = remaining.isEmpty() ? null : remaining.last();
            if (migration.transactional()) {
                undoInTransaction(migration, started, last, after, undoneVersions);
            } else {
                if (unrecorded && drift != null) {
                    drift.recordInTransaction(work, current);
                    work.commit();
                }
                boundary.ended();
                undoWithoutTransaction(migration, started, last, after);
            }
            unrecorded = !last;
            current = after;
            undoneVersions.add(migration.version());
            UndoneMigration done = new UndoneMigration(migration, Duration.ofNanos(System.nanoTime() - started));
            undone.add(done);
            listener.on(new TidemarkEvent.MigrationUndone(done));
        }
        return undone;
    }

    /**
     * After a failure: whether the database is at {@link #current()} as its last step left it, the
     * failed migration rolled back whole on a session still alive; false when part of it may have
     * committed or the session was lost.
     */
    public boolean stoppedAtCurrent() {
        return !lost && !partial;
    }

    /** Runs {@code up} or {@code down} of a migration. */
    @FunctionalInterface
    public interface Direction {
        void run(JavaMigration migration, MigrationContext context) throws SQLException;
    }

    /** The exception for a migration that failed inside its transaction, which was rolled back. */
    @FunctionalInterface
    private interface RolledBack {
        MigrationFailedException report(String statement, Throwable failure, ReadBack.State state);
    }

    /** The exception for a migration that failed outside a transaction, part way. */
    @FunctionalInterface
    private interface PartlyDone {
        MigrationFailedException report(
                String statement,
                List<String> executed,
                Throwable failure,
                boolean recorded,
                List<InvalidIndexes.Index> invalid);
    }

    private void applyInTransaction(MigrationDescriptor migration, long started, boolean last) throws SQLException {
        MigrationVersion after =
                current == null || migration.version().compareTo(current) > 0 ? migration.version() : current;
        inTransaction(
                migration,
                catalog.historyType(migration.version()),
                started,
                JavaMigration::up,
                last,
                after,
                (statement, e, state) -> report.rolledBack(migration, statement, e, current, state));
    }

    private void undoInTransaction(
            MigrationDescriptor migration,
            long started,
            boolean last,
            MigrationVersion after,
            List<MigrationVersion> undoneBefore)
            throws SQLException {
        List<MigrationVersion> before = List.copyOf(undoneBefore);
        inTransaction(
                migration,
                HistoryRow.UNDO,
                started,
                JavaMigration::down,
                last,
                after,
                (statement, e, state) -> report.undoRolledBack(migration, statement, e, current, before, state));
    }

    /**
     * One transaction: the timeouts (with the run's first migration), the migration's up or down, its history row of
     * {@code type}, and (when {@code snapshot}) the schema snapshot of version {@code after}; commit.
     */
    private void inTransaction(
            MigrationDescriptor migration,
            String type,
            long started,
            Direction direction,
            boolean snapshot,
            MigrationVersion after,
            RolledBack failure)
            throws SQLException {
        RecordingContext context = new RecordingContext(work, settings.schema(), migration, listener, watch);
        if (stop != null) {
            context.gated(stop.guard(StatementGate.ALL));
        }
        int rank = nextRank;
        boolean finished = false;
        boolean committing = false;
        try {
            applySessionSettings();
            boundary.arm(work);
            direction.run(catalog.instantiate(migration), context);
            finished = true;
            String marker = boundary.armed();
            if (snapshot && drift != null) {
                guardedInsert.setString(HistoryTable.INSERT_PARAMETERS + 1, marker);
                record(guardedInsert, migration, type, started, true);
                drift.recordInTransaction(work, after);
                committing = true;
                work.commit();
                boundary.ended();
            } else {
                String next = boundary.next();
                insertAndCommit.setString(HistoryTable.INSERT_PARAMETERS + 1, marker);
                insertAndCommit.setString(HistoryTable.INSERT_PARAMETERS + 2, next);
                insertAndCommit.setString(HistoryTable.INSERT_PARAMETERS + 3, next);
                committing = true;
                record(insertAndCommit, migration, type, started, true);
                boundary.armed(next);
            }
        } catch (SQLException | RuntimeException | LinkageError e) {
            String marker = boundary.armed();
            boundary.ended();
            ConnectionFault fault = ConnectionFault.of(e);
            if (fault != null) {
                lost = true;
                throw LostSessionReport.connectionLost(
                        migration,
                        HistoryRow.UNDO.equals(type),
                        context.running(),
                        e,
                        fault,
                        committing,
                        rank,
                        current,
                        announced,
                        readBack.onNewSession(session.backend()));
            }
            try {
                work.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            ReadBack.State state = readBack.afterRollback(work, marker);
            if (lockCheck != null && LockSessionCheck.lostAtCommit(e) && !state.committedInside()) {
                List<MigrationVersion> appliedThisRun = new ArrayList<>();
                for (LostSessionReport.Announced version : announced) {
                    appliedThisRun.add(version.version());
                }
                throw lockCheck.lostAtCommit(
                        migration,
                        appliedThisRun,
                        state.read()
                                ? "the history, read back after the rollback, says the database is at version "
                                        + (state.current() == null ? "none" : state.current()) + "."
                                : "reading the history back failed (" + state.problem() + "): run info to see"
                                        + " the version the database is at.");
            }
            if (state.committedInside()) {
                partial = true;
                throw report.transactionEnded(
                        migration,
                        context.running(),
                        context.executed(),
                        e,
                        finished,
                        state,
                        recordFailed(migration, type, started, e));
            }
            throw failure.report(context.running(), e, state);
        }
    }

    /**
     * A non-transactional migration, recorded as it goes (see {@link NonTransactionalRun}); with
     * {@link #resuming} for its version, the stopped run's row is reused.
     */
    private void applyWithoutTransaction(MigrationDescriptor migration, long started) throws SQLException {
        HistoryRow stopped = resume != null && resume.version().equals(migration.version()) ? resume : null;
        resume = null;
        NonTransactionalRun run = new NonTransactionalRun(work, history, settings, catalog, report, stop, watch);
        try {
            if (run.apply(migration, stopped, nextRank, current, started, this::applySessionSettings)) {
                nextRank++;
            }
        } catch (RuntimeException e) {
            // The session is gone: nothing more may be sent on it, the durability barrier included.
            lost = ConnectionFault.of(e) != null;
            throw e;
        }
    }

    private void undoWithoutTransaction(
            MigrationDescriptor migration, long started, boolean last, MigrationVersion after) throws SQLException {
        withoutTransaction(
                migration,
                HistoryRow.UNDO,
                started,
                JavaMigration::down,
                (statement, executed, e, recorded, invalid) ->
                        report.undoPartlyApplied(migration, statement, executed, e, current, recorded, invalid));
        if (last && drift != null) {
            drift.recordInTransaction(work, after);
            work.commit();
        }
    }

    /**
     * In auto-commit with the run's timeouts: the migration's up or down, then its
     * history row of {@code type}; when it fails, a {@code success = false} row records that the
     * database may hold part of it.
     */
    private void withoutTransaction(
            MigrationDescriptor migration, String type, long started, Direction direction, PartlyDone failure)
            throws SQLException {
        RecordingContext context = new RecordingContext(work, settings.schema(), migration, listener, watch);
        work.setAutoCommit(true);
        try {
            applySessionSettings();
            InvalidIndexes invalid = InvalidIndexes.before(work);
            try {
                direction.run(catalog.instantiate(migration), context);
            } catch (SQLException | RuntimeException | LinkageError e) {
                lost = ConnectionFault.of(e) != null;
                List<InvalidIndexes.Index> left = List.of();
                if (!lost) {
                    try {
                        left = invalid.leftBy(work, statements(context));
                    } catch (SQLException reading) {
                        e.addSuppressed(reading);
                    }
                }
                boolean recorded = true;
                try {
                    record(insert, migration, type, started, false);
                } catch (SQLException recording) {
                    recorded = false;
                    e.addSuppressed(recording);
                }
                partial = true;
                throw failure.report(context.running(), context.executed(), e, recorded, left);
            }
            // A migration that ran to its end with an index it names left invalid is not applied.
            List<InvalidIndexes.Index> left = invalid.leftBy(work, statements(context));
            if (!left.isEmpty()) {
                boolean recorded = true;
                try {
                    record(insert, migration, type, started, false);
                } catch (SQLException recording) {
                    recorded = false;
                }
                partial = true;
                throw report.invalidIndexes(migration, HistoryRow.UNDO.equals(type), left, current, recorded);
            }
            record(insert, migration, type, started, true);
        } finally {
            // On a lost session this would throw, and hide the failure that says so.
            if (!lost) {
                work.setAutoCommit(false);
            }
        }
    }

    /**
     * Records a {@code success = false} row in a transaction of its own, for a transactional
     * migration that committed part of itself: every later run refuses until it is cleared. Returns
     * whether the row was written.
     */
    private boolean recordFailed(MigrationDescriptor migration, String type, long started, Throwable failure) {
        try {
            record(insert, migration, type, started, false);
            work.commit();
            return true;
        } catch (SQLException recording) {
            failure.addSuppressed(recording);
            try {
                work.rollback();
            } catch (SQLException rollback) {
                failure.addSuppressed(rollback);
            }
            return false;
        }
    }

    /** The statements that ran, and the one running when the migration failed (or null). */
    private static List<String> statements(RecordingContext context) {
        List<String> statements = new ArrayList<>(context.executed());
        statements.add(context.running());
        return statements;
    }

    private void record(
            PreparedStatement statement, MigrationDescriptor migration, String type, long started, boolean success)
            throws SQLException {
        HistoryTable.bind(
                statement,
                nextRank,
                migration.version().toString(),
                migration.description(),
                type,
                migration.className(),
                migration.checksum(),
                settings.installedBy(),
                (System.nanoTime() - started) / 1_000_000,
                success);
        statement.execute();
        nextRank++;
    }

    /**
     * Ends the run with its {@link #durabilityBarrier()}, unless the session was lost; when the
     * barrier fails, reads the history back on a new session and throws a failure that says which
     * of the versions the run reported applied are durable.
     */
    @Override
    public void close() throws SQLException {
        watch.close();
        try {
            if (!lost) {
                try {
                    durabilityBarrier();
                } catch (SQLException e) {
                    lost = true;
                    throw LostSessionReport.barrierFailed(
                            e, ConnectionFault.of(e), announced, readBack.onNewSession(session.backend()));
                }
            }
        } finally {
            try {
                insert.close();
                guardedInsert.close();
            } finally {
                insertAndCommit.close();
            }
        }
    }
}
