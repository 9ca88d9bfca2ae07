package dev.tidemark.internal.command;

import dev.tidemark.DiffResult;
import dev.tidemark.TidemarkException;
import dev.tidemark.internal.config.RunSettings;
import dev.tidemark.internal.drift.DriftControl;
import dev.tidemark.internal.execution.CommandSession;
import dev.tidemark.internal.plan.MigrationCatalog;
import dev.tidemark.internal.plan.Reconciliation;
import java.sql.SQLException;

/**
 * {@code diff}: without the lock, every difference between the live schema and the snapshot recorded
 * by the last migrate or baseline, as the result only.
 */
public final class DiffCommand extends Command<DiffResult> {

    private final DriftControl drift;

    public DiffCommand(RunSettings settings, MigrationCatalog catalog, DriftControl drift) {
        super(settings, catalog, Access.READ_ONLY);
        this.drift = drift;
    }

    @Override
    DiffResult work(CommandSession session, Reconciliation state) throws SQLException {
        // The differences are the result, for the caller to show: told to the listener as well,
        // a caller that prints both (the plugin) showed each one twice.
        return drift.diff(session.work(), state.currentVersion());
    }

    @Override
    TidemarkException failed(SQLException e) {
        return CommandSession.unexpected("comparing schema " + settings.schema() + " with its snapshot", e);
    }
}
