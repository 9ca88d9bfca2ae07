package dev.tidemark.internal.command;

import dev.tidemark.Action;
import dev.tidemark.BaselineResult;
import dev.tidemark.ErrorCode;
import dev.tidemark.MigrationDescriptor;
import dev.tidemark.MigrationVersion;
import dev.tidemark.Phrase;
import dev.tidemark.Setting;
import dev.tidemark.TidemarkEvent;
import dev.tidemark.TidemarkException;
import dev.tidemark.TidemarkListener;
import dev.tidemark.internal.config.RunSettings;
import dev.tidemark.internal.drift.DriftGuard;
import dev.tidemark.internal.execution.CommandSession;
import dev.tidemark.internal.execution.RecordingContext;
import dev.tidemark.internal.history.HistoryTable;
import dev.tidemark.internal.plan.MigrationCatalog;
import dev.tidemark.internal.plan.Reconciliation;
import dev.tidemark.internal.shadow.BaselineFinder;
import dev.tidemark.internal.shadow.TemporaryServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code baseline} without a version: finds the version the live schema is at by replaying the
 * migrations into a temporary database on the same server ({@link BaselineFinder}), then baselines
 * there as {@link BaselineCommand} does. Replaying runs the migration classes, on the temporary
 * database only.
 */
public final class BaselineDetection {

    private final RunSettings settings;
    private final MigrationCatalog catalog;
    private final HistoryTable history;
    private final DriftGuard drift;

    public BaselineDetection(RunSettings settings, MigrationCatalog catalog, DriftGuard drift) {
        this.settings = settings;
        this.catalog = catalog;
        this.history = new HistoryTable(settings.schema(), settings.table());
        this.drift = drift;
    }

    public BaselineResult run() {
        BaselineCommand baseline = new BaselineCommand(settings, catalog, drift);
        BaselineFinder.Match match;
        try (CommandSession session = CommandSession.readOnly(settings);
                TemporaryServer.Admin server = TemporaryServer.admin(settings, session.work())) {
            Reconciliation state = session.reconcile(catalog, history);
            baseline.refuseHistoryWithRows(state);
            settings.listener()
                    .on(new TidemarkEvent.BaselineSearchStarted(
                            settings.schema(), catalog.migrations().size()));
            BaselineFinder finder = new BaselineFinder(
                    settings.schema(),
                    Set.of(settings.table(), drift.snapshotTable()),
                    database -> TemporaryServer.connect(settings, database),
                    this::replay);
            match = finder.find(session.work(), server.connection(), catalog.migrations());
        } catch (SQLException e) {
            throw new TidemarkException(
                    ErrorCode.SHADOW_REPLAY_FAILED,
                    Phrase.of("Cannot replay the migrations into a temporary database: SQLSTATE " + e.getSQLState()
                            + ": " + e.getMessage()),
                    Phrase.of("The database is unchanged: no baseline was recorded, and the temporary database was"
                            + " dropped."),
                    Phrase.builder()
                            .append("Give the baseline version yourself (")
                            .action(Action.BASELINE)
                            .append("), or set ")
                            .setting(Setting.SHADOW_URL)
                            .append(" to a server where Tidemark may create databases, with its credentials (a"
                                    + " DataSource's password cannot be reused).")
                            .build(),
                    e);
        }
        List<MigrationVersion> sameSchema = new ArrayList<>();
        for (String version : match.sameSchemaVersions()) {
            sameSchema.add(MigrationVersion.parse(version));
        }
        settings.listener()
                .on(new TidemarkEvent.BaselineFound(
                        settings.schema(),
                        MigrationVersion.parse(match.version()),
                        match.temporaryDatabase(),
                        sameSchema));
        return baseline.run(match.version()).withSameSchemaVersions(sameSchema);
    }

    private void replay(Connection shadow, MigrationDescriptor migration) throws SQLException {
        catalog.instantiate(migration)
                .up(new RecordingContext(shadow, settings.schema(), migration, TidemarkListener.NONE));
    }
}
