package dev.tidemark.internal.execution;

import dev.tidemark.MigrationDescriptor;
import dev.tidemark.RepairResult;
import dev.tidemark.RepairResult.Action;
import dev.tidemark.RepairResult.Kind;
import dev.tidemark.internal.config.Settings;
import dev.tidemark.internal.history.HistoryRow;
import dev.tidemark.internal.history.HistoryTable;
import dev.tidemark.internal.plan.MigrationCatalog;
import dev.tidemark.internal.plan.Reconciliation;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code repair}: under the lock and in one transaction, deletes failed rows and realigns recorded
 * checksums and descriptions with the code. It changes the history table only, never the schema.
 */
public final class RepairCommand {

    private final Settings settings;
    private final MigrationCatalog catalog;
    private final HistoryTable history;

    public RepairCommand(Settings settings, MigrationCatalog catalog) {
        this.settings = settings;
        this.catalog = catalog;
        this.history = new HistoryTable(settings.schema(), settings.table());
    }

    public RepairResult run() {
        try (CommandSession session = CommandSession.locked(settings, history)) {
            Reconciliation state = session.reconcile(catalog, history);
            if (!state.historyExists()) {
                settings.listener()
                        .info("The history table " + history.displayName() + " does not exist; nothing to repair.");
                return new RepairResult(List.of());
            }
            Connection work = session.work();
            List<Action> actions = new ArrayList<>();
            try {
                for (HistoryRow row : state.failed()) {
                    history.deleteRow(work, row.installedRank());
                    actions.add(new Action(
                            Kind.REMOVED_FAILED_ROW,
                            row.version(),
                            "Removed the failed row of migration " + row.version() + " (" + row.className()
                                    + ", failed on " + row.installedOn() + "); it will run again on the next"
                                    + " migrate."));
                }
                for (HistoryRow row : state.applied()) {
                    MigrationDescriptor code = catalog.get(row.version());
                    if (code == null || row.isBaseline()) {
                        continue;
                    }
                    if (!Objects.equals(code.checksum(), row.checksum())) {
                        history.updateChecksum(work, row.installedRank(), code.checksum());
                        actions.add(new Action(
                                Kind.REALIGNED_CHECKSUM,
                                row.version(),
                                "Realigned the checksum of migration " + row.version() + " (" + code.className()
                                        + ") from " + row.checksum() + " to " + code.checksum() + "."));
                    }
                    if (!Objects.equals(code.description(), row.description())) {
                        history.updateDescription(work, row.installedRank(), code.description());
                        actions.add(new Action(
                                Kind.REALIGNED_DESCRIPTION,
                                row.version(),
                                "Realigned the description of migration " + row.version() + " from '"
                                        + row.description() + "' to '" + code.description() + "'."));
                    }
                }
                work.commit();
            } catch (SQLException e) {
                throw CommandSession.unexpected("repairing " + history.displayName(), e);
            }
            for (Action action : actions) {
                settings.listener().info(action.detail());
            }
            if (actions.isEmpty()) {
                settings.listener().info("The history table " + history.displayName() + " needs no repair.");
            }
            return new RepairResult(actions);
        }
    }
}
