package dev.tidemark.internal.command;

import dev.tidemark.AdoptResult;
import dev.tidemark.ConfigurationException;
import dev.tidemark.ErrorCode;
import dev.tidemark.MigrationVersion;
import dev.tidemark.TidemarkEvent;
import dev.tidemark.TidemarkException;
import dev.tidemark.internal.adopt.ForeignHistory;
import dev.tidemark.internal.adopt.ForeignRow;
import dev.tidemark.internal.adopt.ForeignTool;
import dev.tidemark.internal.adopt.MigrationContents;
import dev.tidemark.internal.adopt.TakeoverPlan;
import dev.tidemark.internal.config.RunSettings;
import dev.tidemark.internal.drift.DriftControl;
import dev.tidemark.internal.execution.CommandSession;
import dev.tidemark.internal.history.HistoryRow;
import dev.tidemark.internal.history.RepeatableRow;
import dev.tidemark.internal.plan.MigrationCatalog;
import dev.tidemark.internal.plan.Reconciliation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code adopt}: takes over a database whose history is in another tool's table, keeping that
 * history. Reads the other tool's rows, matches each to a migration of the code, shows the mapping,
 * and refuses, row by row, when they disagree; otherwise writes Tidemark's history with the
 * original times and users, and the schema snapshot, in one transaction under the migration lock.
 * The other tool's table is only read.
 */
public final class AdoptCommand extends Command<AdoptResult> {

    private final DriftControl drift;
    private final MigrationContents contents;
    private final ForeignTool named;
    private final boolean dryRun;

    /**
     * @param from the tool to take over from ({@link ForeignTool#named}), or null to find the one
     *     whose table exists
     * @param dryRun show the mapping and write nothing
     */
    public AdoptCommand(
            RunSettings settings,
            MigrationCatalog catalog,
            DriftControl drift,
            MigrationContents contents,
            String from,
            boolean dryRun) {
        super(settings, catalog, dryRun ? Access.READ_ONLY : Access.LOCKED);
        this.drift = drift;
        this.contents = contents;
        ForeignTool named = null;
        if (from != null && !from.isBlank()) {
            named = ForeignTool.named(from);
            if (named == null) {
                throw new ConfigurationException("from: '" + from.strip() + "' is not a tool Tidemark can take over"
                        + " from.\nName one of: " + ForeignTool.keys() + ".");
            }
        }
        this.named = named;
        this.dryRun = dryRun;
    }

    @Override
    void refuse(Reconciliation state) {
        refuseHistoryWithRows(state);
    }

    @Override
    AdoptResult work(CommandSession session, Reconciliation state) {
        Connection work = session.work();
        ForeignTool tool;
        List<ForeignRow> rows;
        try {
            tool = named != null ? present(work, named) : detect(work);
            rows = ForeignHistory.read(work, tool, settings.schema());
        } catch (SQLException e) {
            throw unexpected("reading the other tool's history", e);
        }
        String source = ForeignHistory.displayName(tool, settings.schema());
        if (rows.isEmpty()) {
            throw new TidemarkException(
                    ErrorCode.ADOPT_NO_FOREIGN_HISTORY,
                    "Cannot adopt " + tool.displayName() + "'s history: " + source + " has no rows, so there"
                            + " is no history to keep. Nothing was written.\n"
                            + "Run migrate: it applies the code's migrations to this database.");
        }
        TakeoverPlan plan = TakeoverPlan.of(tool, source, rows, catalog, contents);
        List<AdoptResult.Row> mapping = plan.rows();
        settings.listener().on(new TidemarkEvent.ForeignHistoryMatched(tool.displayName(), source, mapping));
        if (!plan.problems().isEmpty()) {
            throw refusal(work, plan, source, mapping, dryRun);
        }
        if (dryRun) {
            return new AdoptResult(
                    tool.key(),
                    tool.displayName(),
                    source,
                    history.displayName(),
                    true,
                    plan.reached(),
                    mapping,
                    countWritten(plan));
        }
        int written = write(session, state, plan, source);
        return new AdoptResult(
                tool.key(), tool.displayName(), source, history.displayName(), false, plan.reached(), mapping, written);
    }

    @Override
    TidemarkException failed(SQLException e) {
        return unexpected("adopting the other tool's history", e);
    }

    private int countWritten(TakeoverPlan plan) {
        return (int) plan.lines().stream().filter(AdoptCommand::written).count();
    }

    private static boolean written(TakeoverPlan.Line line) {
        return line.row() != null
                && line.migration() != null
                && switch (line.verdict()) {
                    case MATCHES, NOT_COMPARED, NO_CHECKSUM, COVERED, BASELINE -> true;
                    default -> false;
                };
    }

    private int write(CommandSession session, Reconciliation state, TakeoverPlan plan, String source) {
        Connection work = session.work();
        try {
            if (!state.historyExists()) {
                history.create(work, settings.createSchema());
            }
            drift.createTable(work);
            int rank = state.nextRank();
            int written = 0;
            for (TakeoverPlan.Line line : plan.lines()) {
                if (!written(line)) {
                    continue;
                }
                ForeignRow row = line.row();
                boolean baseline = line.verdict() == TakeoverPlan.Verdict.BASELINE;
                MigrationVersion version = line.migration().version();
                history.insertAdopted(
                        work,
                        rank++,
                        version == null ? null : version.toString(),
                        line.migration().description(),
                        baseline
                                ? HistoryRow.BASELINE
                                : version == null ? RepeatableRow.TYPE : catalog.historyType(version),
                        baseline ? null : line.migration().className(),
                        baseline ? null : line.migration().checksum(),
                        row.installedBy() != null
                                ? row.installedBy()
                                : plan.tool().key(),
                        row.installedOn(),
                        row.executionMillis(),
                        "adopted from " + source + " (" + row.identity()
                                + (row.checksum() == null ? "" : ", checksum " + row.checksum()) + "): "
                                + line.detail());
                written++;
            }
            drift.recordInTransaction(work, plan.reached());
            work.commit();
            return written;
        } catch (SQLException e) {
            throw unexpected("writing the adopted history to " + history.displayName(), e);
        }
    }

    private TidemarkException refusal(
            Connection work, TakeoverPlan plan, String source, List<AdoptResult.Row> mapping, boolean dryRun) {
        StringBuilder message = new StringBuilder("Cannot adopt ")
                .append(plan.tool().displayName())
                .append("'s history ")
                .append(source)
                .append(": it and the code disagree on ")
                .append(plan.problems().size())
                .append(plan.problems().size() == 1 ? " row" : " rows")
                .append(".\n");
        for (TakeoverPlan.Line line : plan.problems()) {
            message.append("- ")
                    .append(
                            line.row() == null
                                    ? "Migration " + line.migration().version() + " ("
                                            + line.migration().description() + ") of the code"
                                    : line.row().identity())
                    .append(
                            line.row() != null && line.migration() != null
                                    ? " -> migration " + line.migration().version() + " ("
                                            + line.migration().description() + ")"
                                    : "")
                    .append(": ")
                    .append(line.detail())
                    .append(". To do: ")
                    .append(line.remedy())
                    .append(".\n");
        }
        message.append("The mapping:\n");
        AdoptResult.table(mapping).forEach(l -> message.append("  ").append(l).append('\n'));
        message.append(writtenNothing(work, source, dryRun)).append('\n');
        message.append("Resolve each row above, then adopt again (a dry run shows the mapping without writing).");
        return new TidemarkException(ErrorCode.ADOPT_REFUSED, message.toString());
    }

    /** What was written, read back: Tidemark's history has no rows, the other tool's table is as it was. */
    private String writtenNothing(Connection work, String source, boolean dryRun) {
        try {
            rollbackIfOpen(work);
            boolean exists = history.exists(work);
            int rows = exists ? count(work, history.qualifiedName()) : 0;
            rollbackIfOpen(work);
            return "Nothing was written" + (dryRun ? " (dry run)" : "") + ": "
                    + (exists
                            ? history.displayName() + " has " + rows + (rows == 1 ? " row" : " rows")
                            : history.displayName() + " does not exist")
                    + " (checked), and " + source + " was only read.";
        } catch (SQLException | RuntimeException e) {
            return "Nothing was written" + (dryRun ? " (dry run)" : "") + "; reading " + history.displayName()
                    + " back to check failed (" + e.getMessage() + "): run info to see its state.";
        }
    }

    private static void rollbackIfOpen(Connection work) throws SQLException {
        if (!work.getAutoCommit()) {
            work.rollback();
        }
    }

    private static int count(Connection work, String table) throws SQLException {
        try (PreparedStatement query = work.prepareStatement("SELECT count(*) FROM " + table);
                ResultSet row = query.executeQuery()) {
            row.next();
            return row.getInt(1);
        }
    }

    private void refuseHistoryWithRows(Reconciliation state) {
        if (!state.rows().isEmpty()) {
            MigrationVersion current = state.currentVersion();
            throw new TidemarkException(
                    ErrorCode.ADOPT_HISTORY_NOT_EMPTY,
                    "Cannot adopt another tool's history into " + history.displayName() + ": it already has "
                            + state.rows().size() + (state.rows().size() == 1 ? " row" : " rows")
                            + (current == null ? "" : " (at version " + current + ")")
                            + ", so Tidemark already keeps this database's history. Nothing was written.\n"
                            + "Adopt only takes over a database Tidemark has not migrated yet; run info to see"
                            + " where this one stands.");
        }
    }

    /** The named tool, when its table exists. */
    private ForeignTool present(Connection work, ForeignTool tool) throws SQLException {
        if (ForeignHistory.exists(work, tool, settings.schema())) {
            return tool;
        }
        List<ForeignTool> found = found(work);
        throw new TidemarkException(
                ErrorCode.ADOPT_NO_FOREIGN_HISTORY,
                "Cannot adopt " + tool.displayName() + "'s history: there is no table "
                        + ForeignHistory.displayName(tool, settings.schema()) + ". Nothing was written.\n"
                        + (found.isEmpty()
                                ? "Check the schema (now " + settings.schema() + ") and the database this points at."
                                : "This database has " + describe(found) + ": set from to "
                                        + found.get(0).key()
                                        + (found.size() == 1 ? "" : " or " + keys(found.subList(1, found.size())))
                                        + ", or leave it unset."));
    }

    /** The one tool whose table exists. */
    private ForeignTool detect(Connection work) throws SQLException {
        List<ForeignTool> found = found(work);
        if (found.size() == 1) {
            settings.listener()
                    .on(new TidemarkEvent.ForeignHistoryFound(
                            found.get(0).displayName(), ForeignHistory.displayName(found.get(0), settings.schema())));
            return found.get(0);
        }
        if (found.isEmpty()) {
            List<String> looked = new ArrayList<>();
            for (ForeignTool tool : ForeignTool.values()) {
                looked.add(ForeignHistory.displayName(tool, settings.schema()) + " (" + tool.displayName() + ")");
            }
            throw new TidemarkException(
                    ErrorCode.ADOPT_NO_FOREIGN_HISTORY,
                    "Cannot adopt: no other tool's history table was found; looked for "
                            + String.join(", ", looked) + ". Nothing was written.\n"
                            + "Check the schema (now " + settings.schema() + ") and the database; for a schema"
                            + " made without any tool, use baseline instead.");
        }
        throw new TidemarkException(
                ErrorCode.ADOPT_SEVERAL_FOREIGN_HISTORIES,
                "Cannot adopt: this database has " + describe(found) + ", so which history to keep is not"
                        + " clear. Nothing was written.\n"
                        + "Set from to the tool that migrated this schema last: " + keys(found) + ".");
    }

    private List<ForeignTool> found(Connection work) throws SQLException {
        List<ForeignTool> found = new ArrayList<>();
        for (ForeignTool tool : ForeignTool.values()) {
            if (ForeignHistory.exists(work, tool, settings.schema())) {
                found.add(tool);
            }
        }
        return found;
    }

    private String describe(List<ForeignTool> tools) {
        List<String> parts = new ArrayList<>();
        for (ForeignTool tool : tools) {
            parts.add(tool.displayName() + "'s " + ForeignHistory.displayName(tool, settings.schema()));
        }
        return String.join(" and ", parts);
    }

    private static String keys(List<ForeignTool> tools) {
        return String.join(" or ", tools.stream().map(ForeignTool::key).toList());
    }

    private static TidemarkException unexpected(String doing, SQLException e) {
        return new TidemarkException(
                ErrorCode.INTERNAL,
                "Failed while " + doing + ": SQLSTATE " + e.getSQLState() + ": " + e.getMessage()
                        + "\nNothing was written. Check that the user may read the other tool's table; the cause"
                        + " tells more.",
                e);
    }
}
