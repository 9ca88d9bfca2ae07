package dev.tidemark.internal.command;

import dev.tidemark.AppliedMigration;
import dev.tidemark.MigrateResult;
import dev.tidemark.MigrationDescriptor;
import dev.tidemark.MigrationVersion;
import dev.tidemark.TidemarkEvent;
import dev.tidemark.TidemarkException;
import dev.tidemark.internal.config.RunSettings;
import dev.tidemark.internal.drift.DriftControl;
import dev.tidemark.internal.execution.Cancellation;
import dev.tidemark.internal.execution.CommandSession;
import dev.tidemark.internal.execution.Migrator;
import dev.tidemark.internal.execution.RepeatableRun;
import dev.tidemark.internal.execution.StoppedRuns;
import dev.tidemark.internal.history.HistoryRow;
import dev.tidemark.internal.history.HistoryTable;
import dev.tidemark.internal.plan.MigrationCatalog;
import dev.tidemark.internal.plan.Reconciliation;
import dev.tidemark.internal.plan.RepeatablePlan;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code migrate}: under the lock, reads the history once, refuses what must not run (a failed
 * migration, validation problems, a schema with objects but no history, a bad target), creates the
 * history table when needed and applies the pending migrations up to the target.
 */
public final class MigrateCommand extends Command<MigrateResult> {

    private final DriftControl drift;
    private final long started = System.nanoTime();
    private Cancellation cancellation;
    private HistoryRow resumed;
    /** The repeatable migrations against their history rows, read with the history. */
    private RepeatablePlan repeatables;

    public MigrateCommand(RunSettings settings, MigrationCatalog catalog, DriftControl drift) {
        super(settings, catalog, Access.LOCKED);
        this.drift = drift;
    }

    /** Lets {@code cancellation} stop the run from another thread. */
    public MigrateCommand stoppableBy(Cancellation cancellation) {
        this.cancellation = cancellation;
        return this;
    }

    @Override
    Reconciliation read(CommandSession session) {
        Reconciliation state = session.reconcileFromSummary(catalog, history);
        repeatables = session.repeatables(catalog, history, state);
        resumed = StoppedRuns.check(session.work(), state, history, catalog, settings.resume());
        return state;
    }

    @Override
    void refuse(Reconciliation state) {
        preconditions.refuseInvalid(state, resumed, repeatables, "migrating, so nothing was applied");
        preconditions.checkTarget(state, settings.target());
    }

    @Override
    MigrateResult work(CommandSession session, Reconciliation state) throws SQLException {
        List<MigrationDescriptor> toApply = new ArrayList<>();
        List<MigrationDescriptor> beyondTarget = new ArrayList<>();
        if (resumed != null) {
            toApply.add(catalog.get(resumed.version()));
        }
        for (MigrationDescriptor migration : state.pending()) {
            (state.aboveTarget(migration, settings.target()) ? beyondTarget : toApply).add(migration);
        }
        if (!toApply.isEmpty() && state.rowCount() == 0) {
            preconditions.refuseNonEmptySchema(session.work(), state.historyExists());
        }
        if (state.historyExists() && history.upgrade(session.work(), settings.lockTimeout())) {
            session.work().commit();
            settings.listener().on(new TidemarkEvent.HistoryTableUpgraded(history.displayName(), HistoryTable.FORMAT));
        }
        if (resumed != null) {
            // The stopped run's completed statements changed the schema after the last snapshot.
            settings.listener()
                    .on(new TidemarkEvent.DriftCheckSkipped("the completed statements of migration "
                            + resumed.version() + " changed the schema after the snapshot of version "
                            + (state.currentVersion() == null ? "none" : state.currentVersion())
                            + " was recorded; a new snapshot is recorded when the run ends"));
        } else if (state.historyExists()) {
            drift.beforeMigrate(
                    session.work(),
                    state.currentVersion(),
                    !toApply.isEmpty() || !repeatables.toApply().isEmpty());
        } else {
            history.create(session.work(), settings.createSchema());
            drift.createTable(session.work());
            session.work().commit();
            settings.listener().on(new TidemarkEvent.HistoryTableCreated(history.displayName()));
        }
        List<AppliedMigration> applied;
        MigrationVersion current;
        List<String> repeated;
        try (Cancellation.Run stop = cancellation == null ? null : cancellation.start(settings)) {
            try (Migrator migrator = new Migrator(
                    settings, catalog, history, session.work(), state.nextRank(), state.currentVersion())) {
                try {
                    applied = migrator.recordingSnapshots(drift)
                            .resuming(resumed)
                            .stoppable(stop)
                            .checkingLock(session.lockCheck())
                            .apply(toApply);
                } catch (SQLException | RuntimeException e) {
                    drift.afterFailedRun(session.work(), migrator.current(), e);
                    throw e;
                }
                current = migrator.current();
            }
            drift.recordIfMissing(session.work(), current);
            repeated = RepeatableRun.after(settings, catalog, history, session.work(), drift)
                    .checkingLock(session.lockCheck())
                    .stoppable(stop)
                    .apply(repeatables.toApply(), current);
        }
        return new MigrateResult(
                settings.schema(),
                state.currentVersion(),
                current,
                applied,
                beyondTarget,
                Duration.ofNanos(System.nanoTime() - started),
                null,
                repeated);
    }

    @Override
    TidemarkException failed(SQLException e) {
        return CommandSession.unexpected("migrating " + history.displayName(), e);
    }
}
