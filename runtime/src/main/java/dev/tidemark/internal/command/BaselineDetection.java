package dev.tidemark.internal.command;

import dev.tidemark.Action;
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
 * migrations into a temporary database on the same server ({@link BaselineFinder}); the engine then
 * baselines there with {@link BaselineCommand}. Replaying runs the migration classes, on the
 * temporary database only.
 */
public final class BaselineDetection extends Command<BaselineFinder.Match> {

    private final DriftGuard drift;

    public BaselineDetection(RunSettings settings, MigrationCatalog catalog, DriftGuard drift) {
        super(settings, catalog, Access.READ_ONLY);
        this.drift = drift;
    }

    @Override
    void refuse(Reconciliation state) {
        preconditions.refuseHistoryWithRows(state);
    }

    @Override
    BaselineFinder.Match work(CommandSession session, Reconciliation state) throws SQLException {
        try (TemporaryServer.Admin server = TemporaryServer.admin(settings, session.work())) {
            settings.listener()
                    .on(new TidemarkEvent.BaselineSearchStarted(
                            settings.schema(), catalog.migrations().size()));
            BaselineFinder finder = new BaselineFinder(
                    settings.schema(),
                    Set.of(settings.table(), drift.snapshotTable()),
                    database -> TemporaryServer.connect(settings, database),
                    this::replay);
            return finder.find(session.work(), server.connection(), catalog.migrations());
        }
    }

    @Override
    TidemarkException failed(SQLException e) {
        return new TidemarkException(
                ErrorCode.SHADOW_REPLAY_FAILED,
                Phrase.of("Cannot replay the migrations into a temporary database: SQLSTATE " + e.getSQLState() + ": "
                        + e.getMessage()),
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

    @Override
    BaselineFinder.Match finish(BaselineFinder.Match match) {
        settings.listener()
                .on(new TidemarkEvent.BaselineFound(
                        settings.schema(),
                        MigrationVersion.parse(match.version()),
                        match.temporaryDatabase(),
                        sameSchemaVersions(match)));
        return match;
    }

    /** Every version after which the replayed schema equals the live one. */
    static List<MigrationVersion> sameSchemaVersions(BaselineFinder.Match match) {
        List<MigrationVersion> sameSchema = new ArrayList<>();
        for (String version : match.sameSchemaVersions()) {
            sameSchema.add(MigrationVersion.parse(version));
        }
        return sameSchema;
    }

    private void replay(Connection shadow, MigrationDescriptor migration) throws SQLException {
        catalog.instantiate(migration)
                .up(new RecordingContext(shadow, settings.schema(), migration, TidemarkListener.NONE));
    }
}
