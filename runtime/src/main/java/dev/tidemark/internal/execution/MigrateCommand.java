package dev.tidemark.internal.execution;

import dev.tidemark.Action;
import dev.tidemark.AppliedMigration;
import dev.tidemark.ErrorCode;
import dev.tidemark.MigrateResult;
import dev.tidemark.MigrationDescriptor;
import dev.tidemark.MigrationVersion;
import dev.tidemark.Phrase;
import dev.tidemark.Setting;
import dev.tidemark.TidemarkEvent;
import dev.tidemark.TidemarkException;
import dev.tidemark.ValidateResult;
import dev.tidemark.ValidationProblem;
import dev.tidemark.internal.config.RunSettings;
import dev.tidemark.internal.drift.DriftGuard;
import dev.tidemark.internal.history.HistoryRow;
import dev.tidemark.internal.history.HistoryTable;
import dev.tidemark.internal.plan.MigrationCatalog;
import dev.tidemark.internal.plan.Reconciliation;
import dev.tidemark.internal.plan.RepeatablePlan;
import dev.tidemark.internal.plan.Target;
import dev.tidemark.internal.validation.Validator;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code migrate}: under the lock, reads the history once, refuses what must not run (a failed
 * migration, validation problems, a schema with objects but no history, a bad target), creates the
 * history table when needed and applies the pending migrations up to the target.
 */
public final class MigrateCommand {

    private final RunSettings settings;
    private final MigrationCatalog catalog;
    private final HistoryTable history;
    private final DriftGuard drift;
    private Cancellation cancellation;
    /** The repeatable migrations against their history rows, read with the history; null before. */
    private RepeatablePlan repeatables;

    public MigrateCommand(RunSettings settings, MigrationCatalog catalog, DriftGuard drift) {
        this.settings = settings;
        this.catalog = catalog;
        this.history = new HistoryTable(settings.schema(), settings.table());
        this.drift = drift;
    }

    /** Lets {@code cancellation} stop the run from another thread. */
    public MigrateCommand stoppableBy(Cancellation cancellation) {
        this.cancellation = cancellation;
        return this;
    }

    public MigrateResult run() {
        long started = System.nanoTime();
        try (CommandSession session = CommandSession.locked(settings, history)) {
            Reconciliation state = session.reconcileBriefly(catalog, history);
            repeatables = session.repeatables(catalog, history, state);
            HistoryRow resumed = StoppedRuns.check(session.work(), state, history, catalog, settings.resume());
            refuseInvalid(state, resumed, "migrating, so nothing was applied");
            List<MigrationDescriptor> toApply = new ArrayList<>();
            List<MigrationDescriptor> beyondTarget = new ArrayList<>();
            checkTarget(state);
            if (resumed != null) {
                toApply.add(catalog.get(resumed.version()));
            }
            for (MigrationDescriptor migration : state.pending()) {
                (state.aboveTarget(migration, settings.target()) ? beyondTarget : toApply).add(migration);
            }
            try {
                if (!toApply.isEmpty() && state.rowCount() == 0) {
                    refuseNonEmptySchema(session, state.historyExists());
                }
                if (state.historyExists() && history.upgrade(session.work(), settings.lockTimeout())) {
                    session.work().commit();
                    settings.listener()
                            .on(new TidemarkEvent.HistoryTableUpgraded(history.displayName(), HistoryTable.FORMAT));
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
                try (Cancellation.Run stop = cancellation == null ? null : cancellation.start(settings);
                        Migrator migrator = new Migrator(
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
                List<String> repeated = RepeatableRun.after(settings, catalog, history, session.work(), drift)
                        .checkingLock(session.lockCheck())
                        .apply(repeatables.toApply(), current);
                return new MigrateResult(
                        settings.schema(),
                        state.currentVersion(),
                        current,
                        applied,
                        beyondTarget,
                        Duration.ofNanos(System.nanoTime() - started),
                        null,
                        repeated);
            } catch (SQLException e) {
                throw CommandSession.unexpected("migrating " + history.displayName(), e);
            }
        }
    }

    /** Refuses to go on while a failed row is recorded; {@code nothingDone} says what was not done. */
    static void refuseFailed(Reconciliation state, HistoryTable history, String nothingDone) {
        if (!state.failed().isEmpty()) {
            throw StoppedRuns.refusal(state.failed().get(0), state, history, nothingDone);
        }
    }

    /** Refuses when validation finds problems; {@code before} says what was not done. */
    void refuseInvalid(Reconciliation state, String before) {
        refuseInvalid(state, null, before);
    }

    /** As {@link #refuseInvalid(Reconciliation, String)}, leaving out the failed row being {@code resumed}. */
    void refuseInvalid(Reconciliation state, HistoryRow resumed, String before) {
        Validator validator = new Validator(catalog, history.displayName(), settings.outOfOrder(), false);
        ValidateResult result = validator.validate(state);
        if (repeatables != null) {
            result = validator.withRepeatables(result, repeatables);
        }
        List<ValidationProblem> problems = new ArrayList<>();
        for (ValidationProblem problem : result.problems()) {
            // Out-of-order pending migrations are refused even with validateOnMigrate off.
            boolean beingResumed = resumed != null
                    && problem.kind() == ValidationProblem.Kind.FAILED
                    && problem.version().equals(resumed.version());
            if (beingResumed) {
                continue;
            }
            if (settings.validateOnMigrate() || problem.kind() == ValidationProblem.Kind.OUT_OF_ORDER) {
                problems.add(problem);
            }
        }
        for (String warning : result.warnings()) {
            if (state.historyExists()) {
                settings.listener().on(new TidemarkEvent.ValidationWarning(warning));
            }
        }
        if (!problems.isEmpty()) {
            ValidateResult refused =
                    new ValidateResult(problems, result.warnings(), result.pending(), result.currentVersion());
            throw validator.failure(
                    refused,
                    " before " + before + " (the database is "
                            + (state.currentVersion() == null
                                    ? "without applied migrations"
                                    : "at version " + state.currentVersion())
                            + ")");
        }
    }

    void checkTarget(Reconciliation state) {
        Target target = settings.target();
        if (target.kind() != Target.Kind.VERSION) {
            return;
        }
        if (catalog.get(target.version()) == null) {
            throw new TidemarkException(
                    ErrorCode.INVALID_TARGET,
                    Phrase.words(
                            Setting.TARGET,
                            " " + target.version()
                                    + " is not the version of any migration of the code; nothing was applied."),
                    null,
                    Phrase.words(
                            "Set ",
                            Setting.TARGET,
                            " to one of the versions " + Nearest.versions(catalog, target.version())
                                    + ", or to latest."),
                    null);
        }
        MigrationVersion current = state.currentVersion();
        if (current != null && target.version().compareTo(current) < 0) {
            throw new TidemarkException(
                    ErrorCode.INVALID_TARGET,
                    Phrase.words(
                            Setting.TARGET,
                            " " + target.version() + " is below the version the database is at (" + current
                                    + "); migrate never goes back, and nothing was applied."),
                    null,
                    Phrase.words("Set ", Setting.TARGET, " to " + current + " or above, or to latest."),
                    null);
        }
    }

    void refuseNonEmptySchema(CommandSession session, boolean historyExists) throws SQLException {
        List<String> objects = SchemaContents.list(session.work(), settings.schema(), settings.table());
        if (objects.isEmpty()) {
            return;
        }
        String shown = String.join(", ", objects.subList(0, Math.min(5, objects.size())))
                + (objects.size() > 5 ? " and " + (objects.size() - 5) + " more" : "");
        throw new TidemarkException(
                ErrorCode.SCHEMA_NOT_EMPTY,
                Phrase.of("Schema " + settings.schema() + " already holds " + shown + ", but the history table "
                        + history.displayName() + (historyExists ? " has no rows" : " does not exist")
                        + ": Tidemark cannot tell which migrations made them. Nothing was applied."),
                null,
                Phrase.words(
                        "If the schema matches the code up to some version, adopt it with ",
                        Action.BASELINE,
                        ", then ",
                        Action.MIGRATE,
                        "; otherwise point ",
                        Setting.SCHEMA,
                        " at an empty schema."),
                null);
    }
}
