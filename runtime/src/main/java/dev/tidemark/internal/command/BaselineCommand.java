package dev.tidemark.internal.command;

import dev.tidemark.Action;
import dev.tidemark.BaselineResult;
import dev.tidemark.ConfigurationException;
import dev.tidemark.ErrorCode;
import dev.tidemark.MigrationDescriptor;
import dev.tidemark.MigrationVersion;
import dev.tidemark.Phrase;
import dev.tidemark.TidemarkException;
import dev.tidemark.internal.config.RunSettings;
import dev.tidemark.internal.drift.DriftControl;
import dev.tidemark.internal.execution.CommandSession;
import dev.tidemark.internal.history.HistoryRow;
import dev.tidemark.internal.history.HistoryTable;
import dev.tidemark.internal.plan.MigrationCatalog;
import dev.tidemark.internal.plan.NearbyVersions;
import dev.tidemark.internal.plan.Reconciliation;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * {@code baseline}: adopts a database whose schema was made by other means by recording a
 * {@code BASELINE} row at a version of the code; migrations up to it count as applied.
 */
public final class BaselineCommand extends Command<BaselineResult> {

    /** The description of every baseline row. */
    public static final String DESCRIPTION = "<< Tidemark baseline >>";

    private final DriftControl drift;
    private final MigrationVersion version;

    public BaselineCommand(RunSettings settings, MigrationCatalog catalog, DriftControl drift, String versionText) {
        super(settings, catalog, Access.LOCKED);
        this.drift = drift;
        String problem = MigrationVersion.problemWith(versionText == null ? null : versionText.strip());
        if (problem != null) {
            throw new ConfigurationException(
                    Phrase.builder()
                            .append("The version given to ")
                            .action(Action.BASELINE)
                            .append(" is not a version: " + problem + ".")
                            .build(),
                    Phrase.of("Give the version of the newest migration the schema already matches."));
        }
        version = MigrationVersion.parse(versionText.strip());
        MigrationDescriptor migration = catalog.get(version);
        if (migration == null) {
            throw new TidemarkException(
                    ErrorCode.BASELINE_UNKNOWN_VERSION,
                    "Cannot baseline at version " + version + ": no migration of the code has that version"
                            + " (nearest: " + NearbyVersions.around(catalog, version) + "). Nothing was recorded.\n"
                            + "Give the version of the newest migration whose changes the schema already has.");
        }
    }

    @Override
    void refuse(Reconciliation state) {
        preconditions.refuseHistoryWithRows(state);
    }

    @Override
    BaselineResult work(CommandSession session, Reconciliation state) throws SQLException {
        if (!state.historyExists()) {
            history.create(session.work(), settings.createSchema());
        }
        drift.createTable(session.work());
        try (PreparedStatement insert = history.prepareInsert(session.work())) {
            HistoryTable.insert(
                    insert,
                    state.nextRank(),
                    version.toString(),
                    DESCRIPTION,
                    HistoryRow.BASELINE,
                    null,
                    null,
                    settings.installedBy(),
                    0,
                    true);
        }
        drift.recordInTransaction(session.work(), version);
        session.work().commit();
        int covered = 0;
        for (MigrationDescriptor each : catalog.migrations()) {
            if (each.version().compareTo(version) <= 0) {
                covered++;
            }
        }
        return new BaselineResult(settings.schema(), version, DESCRIPTION, covered);
    }

    @Override
    TidemarkException failed(SQLException e) {
        return CommandSession.unexpected("recording the baseline in " + history.displayName(), e);
    }
}
