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
import dev.tidemark.internal.drift.DriftControl;
import dev.tidemark.internal.execution.CommandSession;
import dev.tidemark.internal.execution.RecordingContext;
import dev.tidemark.internal.plan.MigrationCatalog;
import dev.tidemark.internal.plan.Reconciliation;
import dev.tidemark.internal.shadow.BaselineSearch;
import dev.tidemark.internal.shadow.ShadowServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code baseline} without a version: finds the version the live schema is at by replaying the
 * migrations into a shadow database ({@link BaselineSearch}); the engine then
 * baselines there with {@link BaselineCommand}. Replaying runs the migration classes, on the
 * shadow database only.
 */
public final class FindBaselineCommand extends Command<BaselineSearch.Match> {

    private final DriftControl drift;

    public FindBaselineCommand(RunSettings settings, MigrationCatalog catalog, DriftControl drift) {
        super(settings, catalog, Access.READ_ONLY);
        this.drift = drift;
    }

    @Override
    void refuse(Reconciliation state) {
        preconditions.refuseHistoryWithRows(state);
    }

    @Override
    BaselineSearch.Match work(CommandSession session, Reconciliation state) throws SQLException {
        try (ShadowServer.Admin server = ShadowServer.admin(settings, session.work())) {
            settings.listener()
                    .on(new TidemarkEvent.BaselineSearchStarted(
                            settings.schema(), catalog.migrations().size()));
            BaselineSearch finder = new BaselineSearch(
                    settings.schema(),
                    Set.of(settings.table(), drift.snapshotTable()),
                    database -> ShadowServer.connect(settings, database),
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
    BaselineSearch.Match finish(BaselineSearch.Match match) {
        settings.listener()
                .on(new TidemarkEvent.BaselineFound(
                        settings.schema(),
                        MigrationVersion.parse(match.version()),
                        match.temporaryDatabase(),
                        sameSchemaVersions(match)));
        return match;
    }

    /** Every version after which the replayed schema equals the live one. */
    static List<MigrationVersion> sameSchemaVersions(BaselineSearch.Match match) {
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
