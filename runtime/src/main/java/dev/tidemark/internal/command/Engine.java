package dev.tidemark.internal.command;

import dev.tidemark.AdoptResult;
import dev.tidemark.BaselineResult;
import dev.tidemark.DiffResult;
import dev.tidemark.DriftAcceptance;
import dev.tidemark.InfoResult;
import dev.tidemark.MigrateResult;
import dev.tidemark.MigrationDescriptor;
import dev.tidemark.RehearsalResult;
import dev.tidemark.RepairResult;
import dev.tidemark.RoundTripResult;
import dev.tidemark.Setting;
import dev.tidemark.TidemarkEvent;
import dev.tidemark.TidemarkListener;
import dev.tidemark.UndoResult;
import dev.tidemark.ValidateResult;
import dev.tidemark.internal.adopt.MigrationContents;
import dev.tidemark.internal.config.RunSettings;
import dev.tidemark.internal.drift.DriftControl;
import dev.tidemark.internal.execution.Cancellation;
import dev.tidemark.internal.fleet.SessionReuse;
import dev.tidemark.internal.plan.MigrationCatalog;
import dev.tidemark.internal.shadow.BaselineSearch;
import dev.tidemark.spi.MigrationManifest;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The engine behind the facades ({@code Tidemark}, {@code Fleet}): the settings and the catalog of
 * one target, and one method per verb, each running its {@link Command} through the one skeleton.
 * The facades call nothing else of the engine. Immutable but for the running migrations it can
 * cancel; reusable.
 */
public final class Engine {

    private final RunSettings settings;
    private final MigrationCatalog catalog;
    private final Cancellation cancellation = new Cancellation();

    private Engine(RunSettings settings, MigrationCatalog catalog) {
        this.settings = settings;
        this.catalog = catalog;
    }

    /** The engine of one configuration: its settings, and the catalog read from its manifests. */
    public static Engine load(
            Map<Setting, Object> values,
            DataSource dataSource,
            TidemarkListener listener,
            List<MigrationManifest> manifests,
            ClassLoader classLoader) {
        RunSettings settings = new RunSettings(values, dataSource, listener);
        return new Engine(settings, MigrationCatalog.load(manifests, classLoader, settings.placeholders()));
    }

    /**
     * The engine of one target of a fleet: its own settings, the catalog the fleet loaded once, and
     * the sessions the fleet keeps from its finished targets.
     */
    public static Engine forTarget(
            Map<Setting, Object> values,
            DataSource dataSource,
            TidemarkListener listener,
            MigrationCatalog catalog,
            SessionReuse sessions) {
        return new Engine(new RunSettings(values, dataSource, listener, sessions), catalog);
    }

    /** The migrations of the code, in version order. */
    public List<MigrationDescriptor> migrations() {
        return catalog.migrations();
    }

    /** Applies the pending migrations, or only rehearses them when the settings say so. */
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

    /** Stops the running migrations of this engine; returns whether a running statement was cancelled. */
    public boolean cancel() {
        return cancellation.cancelAll();
    }

    public RehearsalResult rehearse() {
        return finished(new RehearseCommand(settings, catalog, driftGuard()).run());
    }

    public ValidateResult validate() {
        return finished(new ValidateCommand(settings, catalog, driftGuard()).run());
    }

    public BaselineResult baseline(String version) {
        return finished(new BaselineCommand(settings, catalog, driftGuard(), version).run());
    }

    /** Baselines at the version found by replaying the migrations into a shadow database. */
    public BaselineResult baseline() {
        DriftControl drift = driftGuard();
        BaselineSearch.Match match = new FindBaselineCommand(settings, catalog, drift).run();
        return finished(new BaselineCommand(settings, catalog, drift, match.version())
                .run()
                .withSameSchemaVersions(FindBaselineCommand.sameSchemaVersions(match)));
    }

    public AdoptResult adopt(String from, boolean dryRun) {
        return adopt(from, dryRun, MigrationContents.of(catalog));
    }

    /** As {@link #adopt(String, boolean)}, with the migrations' file texts from {@code contents}. */
    public AdoptResult adopt(String from, boolean dryRun, MigrationContents contents) {
        return finished(new AdoptCommand(settings, catalog, driftGuard(), contents, from, dryRun).run());
    }

    /** Tells the listener nothing: the result is all. */
    public InfoResult info() {
        return new InfoCommand(settings, catalog).run();
    }

    /** Tells the listener nothing: the result is all. */
    public DiffResult diff() {
        return new DiffCommand(settings, catalog, driftGuard()).run();
    }

    /** Tells the listener nothing: the result is all. */
    public DriftAcceptance acceptDrift() {
        return new AcceptDriftCommand(settings, catalog, driftGuard()).run();
    }

    public UndoResult undo(String target) {
        return finished(new UndoCommand(settings, catalog, driftGuard(), target).run());
    }

    /** Undoes to the configured {@code undoTo}, or only the newest migration when none is configured. */
    public UndoResult undo() {
        return undo(settings.undoTo());
    }

    public RoundTripResult roundTrip() {
        return finished(new RoundTripCommand(settings, catalog).run());
    }

    public RepairResult repair() {
        return finished(new RepairCommand(settings, catalog, driftGuard()).run());
    }

    /** Tells the listener that a command ended with {@code result}, for a caller that renders progress only. */
    private <R> R finished(R result) {
        settings.listener().on(new TidemarkEvent.CommandFinished(result));
        return result;
    }

    private DriftControl driftGuard() {
        return new DriftControl(settings.schema(), settings.table(), settings.drift(), settings.listener());
    }

    @Override
    public String toString() {
        return settings + ", " + catalog.migrations().size() + " migrations";
    }
}
