package dev.tidemark;

import dev.tidemark.internal.adopt.MigrationContents;
import dev.tidemark.internal.command.Engine;
import dev.tidemark.internal.fleet.SessionReuse;
import dev.tidemark.internal.plan.MigrationCatalog;
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

    private final Engine engine;

    private Tidemark(Engine engine) {
        this.engine = engine;
    }

    /** Starts a configuration. */
    public static Configuration configure() {
        return new Configuration();
    }

    static Tidemark load(Configuration c) {
        return new Tidemark(Engine.load(c.checkedValues(), c.dataSource, c.listener, c.manifests, c.classLoader));
    }

    /** One target of a {@link Fleet}: its own settings, the catalog the fleet loaded once, the fleet's kept sessions. */
    static Tidemark forTarget(
            Map<Setting, Object> values,
            DataSource dataSource,
            TidemarkListener listener,
            MigrationCatalog catalog,
            SessionReuse sessions) {
        return new Tidemark(Engine.forTarget(values, dataSource, listener, catalog, sessions));
    }

    /** The migrations of the code, in version order. */
    public List<MigrationDescriptor> migrations() {
        return engine.migrations();
    }

    /**
     * Applies pending migrations up to the target; with {@link Configuration#rehearse} set, only
     * rehearses them (see {@link #rehearse()}) and applies nothing.
     *
     * @throws TidemarkException {@code TM-R420} or {@code TM-R421} when a rehearsal finds a migration
     *     that would fail
     */
    public MigrateResult migrate() {
        return engine.migrate();
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
        return engine.cancel();
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
        return engine.rehearse();
    }

    /**
     * Compares the code with the history without loading or running any migration class, and the
     * live schema with the snapshot recorded by the last migrate or baseline (see {@link
     * Configuration#drift}).
     *
     * @throws ValidationException listing every problem when there is any
     */
    public ValidateResult validate() {
        return engine.validate();
    }

    /** Adopts a database whose schema was made by other means, at {@code version}. */
    public BaselineResult baseline(String version) {
        return engine.baseline(version);
    }

    /**
     * Adopts a database whose schema was made by other means, at the version whose schema equals
     * it: replays the migrations one by one into a temporary database on the same server (which
     * the user must be allowed to create), snapshots the schema after each, and baselines at the
     * version that matches exactly. Refuses, naming the nearest version and its differences, when
     * none does. The temporary database is always dropped.
     */
    public BaselineResult baseline() {
        return engine.baseline();
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
        return engine.adopt(from, dryRun);
    }

    /** As {@link #adopt(String, boolean)}, with the migrations' file texts from {@code contents}. */
    AdoptResult adopt(String from, boolean dryRun, MigrationContents contents) {
        return engine.adopt(from, dryRun, contents);
    }

    /** Every migration of the code and the history with its state. Takes no lock. */
    public InfoResult info() {
        return engine.info();
    }

    /**
     * Compares the live schema with the snapshot recorded by the last successful migrate or
     * baseline and returns every difference, as sentences and as JSON, without failing on drift and
     * without telling the listener. Takes no lock and changes nothing.
     */
    public DiffResult diff() {
        return engine.diff();
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
        return engine.acceptDrift();
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
        return engine.undo(target);
    }

    /**
     * {@link #undo(String)} to the configured {@link Configuration#undoTo undoTo}, or of only the
     * newest migration when none is configured.
     */
    public UndoResult undo() {
        return engine.undo();
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
        return engine.roundTrip();
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
        return engine.repair();
    }

    @Override
    public String toString() {
        return "Tidemark[" + engine + "]";
    }
}
