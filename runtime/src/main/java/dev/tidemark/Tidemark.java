package dev.tidemark;

import dev.tidemark.internal.adopt.AdoptCommand;
import dev.tidemark.internal.adopt.MigrationContents;
import dev.tidemark.internal.config.RunSettings;
import dev.tidemark.internal.drift.DriftGuard;
import dev.tidemark.internal.execution.BaselineCommand;
import dev.tidemark.internal.execution.BaselineDetection;
import dev.tidemark.internal.execution.Cancellation;
import dev.tidemark.internal.execution.CommandSession;
import dev.tidemark.internal.execution.MigrateCommand;
import dev.tidemark.internal.execution.RehearseCommand;
import dev.tidemark.internal.execution.RepairCommand;
import dev.tidemark.internal.execution.RoundTripCommand;
import dev.tidemark.internal.execution.UndoCommand;
import dev.tidemark.internal.history.HistoryTable;
import dev.tidemark.internal.plan.MigrationCatalog;
import dev.tidemark.internal.plan.Reconciliation;
import dev.tidemark.internal.validation.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Tidemark's entry point: applies, checks and reports the migrations of the generated manifests
 * against one PostgreSQL schema.
 *
 * <pre>{@code
 * MigrateResult result = Tidemark.configure()
 *         .dataSource(dataSource)
 *         .schema("public")
 *         .load()
 *         .migrate();
 * }</pre>
 *
 * <p>Each command connects, takes the migration lock for its whole run, does its work, releases
 * the lock and closes its connections. A {@code Tidemark} is immutable and may be reused.
 */
public final class Tidemark {

    private final RunSettings settings;
    private final MigrationCatalog catalog;
    private final DriftMode drift;
    private final Cancellation cancellation = new Cancellation();

    private Tidemark(RunSettings settings, MigrationCatalog catalog, DriftMode drift) {
        this.settings = settings;
        this.catalog = catalog;
        this.drift = drift;
    }

    /** Starts a configuration. */
    public static Configuration configure() {
        return new Configuration();
    }

    static Tidemark load(Configuration c) {
        RunSettings settings = new RunSettings(c.checkedValues(), c.dataSource, c.listener);
        return new Tidemark(
                settings, MigrationCatalog.load(c.manifests, c.classLoader, settings.placeholders()), settings.drift());
    }

    /** One target of a {@link Fleet}: its own settings, the catalog the fleet loaded once. */
    static Tidemark forTarget(
            Map<Setting, Object> values, DataSource dataSource, TidemarkListener listener, MigrationCatalog catalog) {
        RunSettings settings = new RunSettings(values, dataSource, listener);
        return new Tidemark(settings, catalog, settings.drift());
    }

    /** The migrations of the code, in version order. */
    public List<MigrationDescriptor> migrations() {
        return catalog.migrations();
    }

    /**
     * Applies pending migrations up to the target; with {@link Configuration#rehearse} set, only
     * rehearses them (see {@link #rehearse()}) and applies nothing.
     *
     * @throws TidemarkException {@code TM-R420} or {@code TM-R421} when a rehearsal finds a migration
     *     that would fail
     */
    public MigrateResult migrate() {
        if (settings.rehearse()) {
            RehearsalResult rehearsal = rehearse().assertSucceeded();
            return new MigrateResult(
                    settings.schema(),
                    rehearsal.currentVersion(),
                    rehearsal.currentVersion(),
                    List.of(),
                    List.of(),
                    rehearsal.totalTime(),
                    rehearsal);
        }
        return finished(new MigrateCommand(settings, catalog, driftGuard())
                .stoppableBy(cancellation)
                .run());
    }

    /**
     * Stops the {@link #migrate()} calls of this {@code Tidemark} running on other threads, for a
     * caller that must end the process (a shutdown hook on Ctrl-C): no further migration or
     * statement starts, and the running statement is cancelled through a session of its own ({@code
     * pg_cancel_backend}). Each run then ends as a failure does: a transactional migration is rolled
     * back, a non-transactional one is recorded as failed after the statements that completed (so it
     * can be resumed), and {@code migrate()} throws with the usual message; between two migrations it
     * throws {@code TM-R050}. Returns at once, without waiting for the runs to end; returns whether a
     * running statement was cancelled. Never throws.
     */
    public boolean cancel() {
        return cancellation.cancelAll();
    }

    /**
     * Rehearses the pending migrations up to the target against the real database: runs each
     * transactional one, with its history row, inside one transaction that is always rolled back,
     * and reports per migration success or the exact failure (statement, SQLSTATE, message), the
     * statements executed and their times. Non-transactional migrations are listed as not
     * rehearsed; the rehearsal stops at the first failure. Statements wait at most {@link
     * Configuration#rehearsalLockTimeout} for a table lock, and say so when they cannot get it.
     * Takes the migration lock; refuses what migrate refuses. The database is unchanged afterwards.
     * The report goes to the listener and, when {@link Configuration#rehearsalReport} is set, to
     * that file.
     */
    public RehearsalResult rehearse() {
        return finished(new RehearseCommand(settings, catalog, driftGuard()).run());
    }

    /**
     * Compares the code with the history without loading or running any migration class, and the
     * live schema with the snapshot recorded by the last migrate or baseline (see {@link
     * Configuration#drift}).
     *
     * @throws ValidationException listing every problem when there is any
     */
    public ValidateResult validate() {
        HistoryTable history = new HistoryTable(settings.schema(), settings.table());
        Reconciliation state;
        Validator validator =
                new Validator(catalog, history.displayName(), settings.outOfOrder(), settings.failOnPending());
        ValidateResult result;
        DriftGuard drift = driftGuard();
        try (CommandSession session = CommandSession.readOnly(settings)) {
            state = session.reconcileBriefly(catalog, history);
            result = validator.withRepeatables(validator.validate(state), session.repeatables(catalog, history, state));
            if (!state.failed().isEmpty()) {
                // The stopped run's completed statements changed the schema after the last snapshot:
                // they would read as drift. The check comes back once it is resumed or repaired.
                List<String> warnings = new ArrayList<>(result.warnings());
                warnings.add(
                        "Drift not checked: migration " + state.failed().get(0).version() + " stopped part way,"
                                + " and its completed statements changed the schema after the last recorded snapshot.");
                result = new ValidateResult(result.problems(), warnings, result.pending(), result.currentVersion());
            } else if (state.historyExists()) {
                result = drift.validate(session.work(), result, state.currentVersion());
            }
        }
        result = result.inSchema(settings.schema());
        result.warnings().forEach(warning -> settings.listener().on(new TidemarkEvent.ValidationWarning(warning)));
        if (!result.valid()) {
            throw validator.failure(result, "");
        }
        return finished(result);
    }

    /** Adopts a database whose schema was made by other means, at {@code version}. */
    public BaselineResult baseline(String version) {
        return finished(new BaselineCommand(settings, catalog, driftGuard()).run(version));
    }

    /**
     * Adopts a database whose schema was made by other means, at the version whose schema equals
     * it: replays the migrations one by one into a temporary database on the same server (which
     * the user must be allowed to create), snapshots the schema after each, and baselines at the
     * version that matches exactly. Refuses, naming the nearest version and its differences, when
     * none does. The temporary database is always dropped.
     */
    public BaselineResult baseline() {
        return finished(new BaselineDetection(settings, catalog, driftGuard()).run());
    }

    /**
     * Takes over a database whose history is in another tool's table, keeping that history: Flyway's
     * {@code flyway_schema_history}, Liquibase's {@code databasechangelog}, Diesel's {@code
     * __diesel_schema_migrations}, golang-migrate's {@code schema_migrations}, Drizzle's {@code
     * drizzle.__drizzle_migrations} or Sequelize's {@code SequelizeMeta}. Matches each of its rows to
     * a migration of the code, compares content where that tool's checksum can be recomputed, tells
     * the mapping to the listener, and refuses ({@link ErrorCode#ADOPT_REFUSED}, every row at fault
     * listed) when they disagree; otherwise writes Tidemark's history with the original times and
     * users and the schema snapshot, in one transaction under the migration lock. The other tool's
     * table is left as it is.
     *
     * @param from {@code flyway}, {@code liquibase}, {@code diesel}, {@code golang-migrate}, {@code
     *     drizzle} or {@code sequelize}; null to take the one whose table exists
     * @param dryRun only show the mapping; write nothing
     */
    public AdoptResult adopt(String from, boolean dryRun) {
        return adopt(from, dryRun, MigrationContents.of(catalog));
    }

    /** As {@link #adopt(String, boolean)}, with the migrations' file texts from {@code contents}. */
    AdoptResult adopt(String from, boolean dryRun, MigrationContents contents) {
        return finished(new AdoptCommand(settings, catalog, driftGuard(), contents).run(from, dryRun));
    }

    /** Every migration of the code and the history with its state. Takes no lock. */
    public InfoResult info() {
        HistoryTable history = new HistoryTable(settings.schema(), settings.table());
        try (CommandSession session = CommandSession.readOnly(settings)) {
            Reconciliation state = session.reconcile(catalog, history);
            return new InfoResult(
                    settings.schema(),
                    settings.table(),
                    state.currentVersion(),
                    state.infos(settings.target()),
                    session.repeatables(catalog, history, state).infos());
        }
    }

    /**
     * Compares the live schema with the snapshot recorded by the last successful migrate or
     * baseline and returns every difference, as sentences and as JSON, without failing on drift and
     * without telling the listener. Takes no lock and changes nothing.
     */
    public DiffResult diff() {
        HistoryTable history = new HistoryTable(settings.schema(), settings.table());
        try (CommandSession session = CommandSession.readOnly(settings)) {
            Reconciliation state = session.reconcile(catalog, history);
            // The differences are the result, for the caller to show: told to the listener as well,
            // a caller that prints both (the plugin) showed each one twice.
            return driftGuard().diff(session.work(), state.currentVersion());
        }
    }

    /**
     * Accepts the live schema as the new reference for drift checks, for changes made by other means
     * that are to stay: compares it in full with the snapshot recorded at the version the history is
     * at and, when they differ, records a snapshot of it in the snapshot table beside the history
     * ({@code accepted_by}, {@code taken_on} and, one per line, the differences accepted in {@code
     * accepted_drift}), so that later checks compare with it. Records nothing when nothing differs.
     * An index left invalid by a failed {@code CREATE INDEX CONCURRENTLY} is never accepted: it stays
     * reported until it is dropped and built again. Takes the migration lock; changes no schema
     * object and no history row. The only way a difference stops being drift other than putting the
     * schema back: drift set to {@link DriftMode#WARN} lets a migrate go on, but what it records keeps
     * the differences. Like {@link #diff()}, tells the listener nothing: the result says it all.
     */
    public DriftAcceptance acceptDrift() {
        HistoryTable history = new HistoryTable(settings.schema(), settings.table());
        try (CommandSession session = CommandSession.locked(settings, history)) {
            Reconciliation state = session.reconcile(catalog, history);
            return driftGuard()
                    .accept(session.work(), state.historyExists(), state.currentVersion(), settings.installedBy());
        }
    }

    /**
     * Reverts applied migrations, newest first, by running their {@code down}: all above {@code
     * target} (its own migration stays applied), or only the newest when {@code target} is null.
     * Before touching anything the whole range is checked (each migration is in the code unchanged,
     * has a {@code down}, is transactional unless {@link Configuration#undoNonTransactional} allows
     * otherwise, and lies above the baseline); a failing check names the migration and nothing runs.
     * Each {@code down} runs in one transaction with an {@code UNDO} row in the history (the applied
     * row stays); the last one's transaction records the snapshot of the schema the run leaves, or,
     * when a step fails and is rolled back, the snapshot of the version reached; {@link #info()} then shows the migration as {@link
     * MigrationState#UNDONE}, pending again, and {@link #migrate()} applies it again.
     *
     * @throws TidemarkException with an {@code UNDO_*} code ({@code TM-R4xx}) when refused or when a
     *     {@code down} fails; a failed step is rolled back and the message says the version the
     *     database is at
     */
    public UndoResult undo(String target) {
        return finished(new UndoCommand(settings, catalog, driftGuard()).run(target));
    }

    /**
     * {@link #undo(String)} to the configured {@link Configuration#undoTo undoTo}, or of only the
     * newest migration when none is configured.
     */
    public UndoResult undo() {
        return undo(settings.undoTo());
    }

    /**
     * The round-trip test, for CI and JUnit: in a temporary database on the same server (which the
     * user must be allowed to create; it is always dropped), for each migration of the code in
     * order, runs up, snapshots the schema, runs down, compares with the snapshot before up, and
     * runs up again. Reports every down that does not restore the schema exactly, with the
     * differences as sentences ({@code column users.email_verified still present after down of 3}),
     * every up or down that fails, and migrations without down as not checked. Never touches the
     * configured database's schema. Returns the result without failing; {@link
     * RoundTripResult#assertClean()} fails when anything is reported.
     *
     * <pre>{@code
     * Tidemark.configure().url(testDatabaseUrl).load().roundTrip().assertClean();
     * }</pre>
     */
    public RoundTripResult roundTrip() {
        return finished(new RoundTripCommand(settings, catalog).run());
    }

    /**
     * Repairs the history table: the row of a non-transactional migration that failed or never
     * finished is marked applied (kept, recorded as repaired) or removed, as {@link
     * Configuration#repairAs} says; failed undo rows are removed; checksums and descriptions are
     * realigned with the code.
     *
     * @throws TidemarkException {@code TM-R044} when a migration failed or never finished and
     *     {@link Configuration#repairAs} is not set; nothing is changed
     */
    public RepairResult repair() {
        return finished(new RepairCommand(settings, catalog, driftGuard()).run());
    }

    /** Tells the listener that a command ended with {@code result}, for a caller that renders progress only. */
    private <R> R finished(R result) {
        settings.listener().on(new TidemarkEvent.CommandFinished(result));
        return result;
    }

    private DriftGuard driftGuard() {
        return new DriftGuard(settings.schema(), settings.table(), drift, settings.listener());
    }

    @Override
    public String toString() {
        return "Tidemark[" + settings + ", " + catalog.migrations().size() + " migrations]";
    }
}
