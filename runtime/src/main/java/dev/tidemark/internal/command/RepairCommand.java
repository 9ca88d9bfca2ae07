package dev.tidemark.internal.command;

import dev.tidemark.ErrorCode;
import dev.tidemark.MigrationDescriptor;
import dev.tidemark.MigrationVersion;
import dev.tidemark.Phrase;
import dev.tidemark.RepairAs;
import dev.tidemark.RepairResult;
import dev.tidemark.RepairResult.Action;
import dev.tidemark.RepairResult.Kind;
import dev.tidemark.Setting;
import dev.tidemark.TidemarkEvent;
import dev.tidemark.TidemarkException;
import dev.tidemark.internal.config.RunSettings;
import dev.tidemark.internal.drift.DriftControl;
import dev.tidemark.internal.execution.CommandSession;
import dev.tidemark.internal.execution.RepeatableRun;
import dev.tidemark.internal.history.HistoryRow;
import dev.tidemark.internal.history.HistoryTable;
import dev.tidemark.internal.history.ProgressRow;
import dev.tidemark.internal.history.StoppedRun;
import dev.tidemark.internal.plan.MigrationCatalog;
import dev.tidemark.internal.plan.Reconciliation;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code repair}: under the lock and in one transaction, marks failed or unfinished non-transactional
 * migrations applied or deletes their rows, as the user chose ({@link RepairAs}), and realigns
 * recorded checksums and descriptions with the code. It changes the history table (and, when it
 * marks a migration applied, the schema snapshot drift checks compare with), never the schema.
 */
public final class RepairCommand extends Command<RepairResult> {

    private final DriftControl drift;

    public RepairCommand(RunSettings settings, MigrationCatalog catalog, DriftControl drift) {
        super(settings, catalog, Access.LOCKED);
        this.drift = drift;
    }

    @Override
    void refuse(Reconciliation state) {
        refuseWithoutChoice(state);
    }

    /**
     * A failed or unfinished migration (not an undo) can be repaired two ways, and which one is the
     * user's to say: nothing is changed until they do.
     */
    private void refuseWithoutChoice(Reconciliation state) {
        if (settings.repairAs() != null) {
            return;
        }
        for (HistoryRow row : state.failed()) {
            if (!row.isUndo()) {
                Phrase.Builder remedy = Phrase.builder()
                        .append("Run ")
                        .action(dev.tidemark.Action.REPAIR, Setting.REPAIR_AS, "applied")
                        .append(" when its changes were finished by hand (the row is kept, marked as repaired, with"
                                + " what the run recorded), or ")
                        .setting(Setting.REPAIR_AS, "removed")
                        .append(" when they were undone by hand (the row is deleted, and the migration runs again from"
                                + " its first statement)");
                if (row.progress() == null) {
                    remedy.append(".");
                } else {
                    remedy.append("; or resume it instead: ")
                            .action(dev.tidemark.Action.MIGRATE, Setting.RESUME, true)
                            .append(".");
                }
                throw new TidemarkException(
                        ErrorCode.REPAIR_CHOICE_REQUIRED,
                        Phrase.of(StoppedRun.describe(row)),
                        Phrase.of("Repair can mark it applied or remove its row, and was not told which; nothing was"
                                + " changed."),
                        remedy.build(),
                        null);
            }
        }
    }

    @Override
    RepairResult work(CommandSession session, Reconciliation state) throws SQLException {
        if (!state.historyExists()) {
            return new RepairResult(settings.schema(), List.of());
        }
        Connection work = session.work();
        List<Action> actions = new ArrayList<>();
        if (history.upgrade(work, settings.lockTimeout())) {
            settings.listener().on(new TidemarkEvent.HistoryTableUpgraded(history.displayName(), HistoryTable.FORMAT));
        }
        MigrationVersion newest = null;
        for (HistoryRow row : state.failed()) {
            MigrationDescriptor code = catalog.get(row.version());
            if (settings.repairAs() == RepairAs.APPLIED && !row.isUndo()) {
                ProgressRow.markRepaired(
                        work,
                        history,
                        row.installedRank(),
                        code == null ? row.checksum() : code.checksum(),
                        settings.installedBy());
                newest = newest == null || row.version().compareTo(newest) > 0 ? row.version() : newest;
                actions.add(new Action(
                        Kind.MARKED_APPLIED,
                        row.version(),
                        "Marked migration " + row.version() + " (" + row.className() + ") applied, as"
                                + " repaired: "
                                + StoppedRun.describe(row).replace('\n', ' ')
                                + " The row is kept with what that run recorded."));
                continue;
            }
            history.deleteRow(work, row.installedRank());
            actions.add(new Action(
                    Kind.REMOVED_FAILED_ROW,
                    row.version(),
                    "Removed the failed row of migration " + row.version() + " (" + row.className()
                            + ", failed on " + row.installedOn() + "); "
                            + (row.isUndo()
                                    ? "the migration stays applied."
                                    : "it will run again on the next migrate, from its first statement.")));
        }
        if (newest != null && drift != null) {
            MigrationVersion current = state.currentVersion() == null || newest.compareTo(state.currentVersion()) > 0
                    ? newest
                    : state.currentVersion();
            drift.recordInTransaction(work, current);
            actions.add(new Action(
                    Kind.MARKED_APPLIED,
                    newest,
                    "Recorded the live schema as the schema of version " + current
                            + ", which drift checks compare with from now on."));
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
                        "Realigned the checksum of migration " + row.version() + " (" + code.className() + ") from "
                                + row.checksum() + " to " + code.checksum() + "."));
            }
            if (!Objects.equals(code.description(), row.description())) {
                history.updateDescription(work, row.installedRank(), code.description());
                actions.add(new Action(
                        Kind.REALIGNED_DESCRIPTION,
                        row.version(),
                        "Realigned the description of migration " + row.version() + " from '" + row.description()
                                + "' to '" + code.description() + "'."));
            }
        }
        actions.addAll(RepeatableRun.removeMissing(work, history, catalog));
        work.commit();
        for (Action action : actions) {
            settings.listener().on(new TidemarkEvent.RepairMade(action));
        }
        return new RepairResult(settings.schema(), actions);
    }

    @Override
    TidemarkException failed(SQLException e) {
        return CommandSession.unexpected("repairing " + history.displayName(), e);
    }
}
