package dev.tidemark;

import dev.tidemark.internal.config.Settings;
import dev.tidemark.internal.execution.BaselineCommand;
import dev.tidemark.internal.execution.CommandSession;
import dev.tidemark.internal.execution.MigrateCommand;
import dev.tidemark.internal.execution.RepairCommand;
import dev.tidemark.internal.history.HistoryTable;
import dev.tidemark.internal.plan.MigrationCatalog;
import dev.tidemark.internal.plan.Reconciliation;
import dev.tidemark.internal.validation.Validator;
import java.util.List;

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

    private final Settings settings;
    private final MigrationCatalog catalog;

    private Tidemark(Settings settings, MigrationCatalog catalog) {
        this.settings = settings;
        this.catalog = catalog;
    }

    /** Starts a configuration. */
    public static Configuration configure() {
        return new Configuration();
    }

    static Tidemark load(Configuration c) {
        Settings settings = Settings.check(
                c.dataSource,
                c.url,
                c.user,
                c.password,
                c.schema,
                c.createSchema,
                c.table,
                c.target,
                c.outOfOrder,
                c.validateOnMigrate,
                c.failOnPending,
                c.lockWait,
                c.lockTimeout,
                c.statementTimeout,
                c.connectRetries,
                c.connectRetryInterval,
                c.applicationName,
                c.installedBy,
                c.listener);
        return new Tidemark(settings, MigrationCatalog.load(c.manifests, c.classLoader));
    }

    /** The migrations of the code, in version order. */
    public List<MigrationDescriptor> migrations() {
        return catalog.migrations();
    }

    /** Applies pending migrations up to the target. */
    public MigrateResult migrate() {
        return new MigrateCommand(settings, catalog).run();
    }

    /**
     * Compares the code with the history without loading or running any migration class.
     *
     * @throws ValidationException listing every problem when there is any
     */
    public ValidateResult validate() {
        HistoryTable history = new HistoryTable(settings.schema(), settings.table());
        Reconciliation state;
        try (CommandSession session = CommandSession.readOnly(settings)) {
            state = session.reconcile(catalog, history);
        }
        Validator validator =
                new Validator(catalog, history.displayName(), settings.outOfOrder(), settings.failOnPending());
        ValidateResult result = validator.validate(state);
        result.warnings().forEach(settings.listener()::warn);
        if (!result.valid()) {
            throw validator.failure(result, "");
        }
        settings.listener()
                .info("Validated " + history.displayName() + ": "
                        + state.applied().size() + " applied, "
                        + result.pending().size() + " pending, no problem.");
        return result;
    }

    /** Adopts a database whose schema was made by other means, at {@code version}. */
    public BaselineResult baseline(String version) {
        return new BaselineCommand(settings, catalog).run(version);
    }

    /** Every migration of the code and the history with its state. Takes no lock. */
    public InfoResult info() {
        HistoryTable history = new HistoryTable(settings.schema(), settings.table());
        try (CommandSession session = CommandSession.readOnly(settings)) {
            Reconciliation state = session.reconcile(catalog, history);
            return new InfoResult(
                    settings.schema(), settings.table(), state.currentVersion(), state.infos(settings.target()));
        }
    }

    /** Removes failed rows and realigns checksums and descriptions with the code. */
    public RepairResult repair() {
        return new RepairCommand(settings, catalog).run();
    }

    @Override
    public String toString() {
        return "Tidemark[" + settings + ", " + catalog.migrations().size() + " migrations]";
    }
}
