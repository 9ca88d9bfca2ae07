package dev.tidemark.internal.command;

import dev.tidemark.InfoResult;
import dev.tidemark.TidemarkException;
import dev.tidemark.internal.config.RunSettings;
import dev.tidemark.internal.execution.CommandSession;
import dev.tidemark.internal.plan.MigrationCatalog;
import dev.tidemark.internal.plan.Reconciliation;
import java.sql.SQLException;

/** {@code info}: without the lock, every migration of the code and the history with its state. */
public final class InfoCommand extends Command<InfoResult> {

    public InfoCommand(RunSettings settings, MigrationCatalog catalog) {
        super(settings, catalog, Access.READ_ONLY);
    }

    @Override
    InfoResult work(CommandSession session, Reconciliation state) {
        return new InfoResult(
                settings.schema(),
                settings.table(),
                state.currentVersion(),
                state.infos(settings.target()),
                session.repeatables(catalog, history, state).infos());
    }

    @Override
    TidemarkException failed(SQLException e) {
        return CommandSession.unexpected("reading " + history.displayName(), e);
    }
}
