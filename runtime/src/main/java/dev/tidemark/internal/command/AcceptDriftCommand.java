package dev.tidemark.internal.command;

import dev.tidemark.DriftAcceptance;
import dev.tidemark.TidemarkException;
import dev.tidemark.internal.config.RunSettings;
import dev.tidemark.internal.drift.DriftControl;
import dev.tidemark.internal.execution.CommandSession;
import dev.tidemark.internal.plan.MigrationCatalog;
import dev.tidemark.internal.plan.Reconciliation;
import java.sql.SQLException;

/**
 * {@code acceptDrift}: under the lock, records the live schema as the new reference for drift checks
 * when it differs from the snapshot of the version the history is at.
 */
public final class AcceptDriftCommand extends Command<DriftAcceptance> {

    private final DriftControl drift;

    public AcceptDriftCommand(RunSettings settings, MigrationCatalog catalog, DriftControl drift) {
        super(settings, catalog, Access.LOCKED);
        this.drift = drift;
    }

    @Override
    DriftAcceptance work(CommandSession session, Reconciliation state) throws SQLException {
        return drift.accept(session.work(), state.historyExists(), state.currentVersion(), settings.installedBy());
    }

    @Override
    TidemarkException failed(SQLException e) {
        return CommandSession.unexpected("accepting the drift of schema " + settings.schema(), e);
    }
}
