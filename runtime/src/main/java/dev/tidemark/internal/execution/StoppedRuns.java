package dev.tidemark.internal.execution;

import dev.tidemark.Action;
import dev.tidemark.ErrorCode;
import dev.tidemark.Phrase;
import dev.tidemark.Setting;
import dev.tidemark.TidemarkException;
import dev.tidemark.internal.history.HistoryRow;
import dev.tidemark.internal.history.HistoryTable;
import dev.tidemark.internal.history.Progress;
import dev.tidemark.internal.history.StoppedRun;
import dev.tidemark.internal.plan.MigrationCatalog;
import dev.tidemark.internal.plan.Reconciliation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What migrate does, under the lock, when the history records a non-transactional migration that
 * failed or never finished: refuse, naming the run and both ways out, or (with resume on) hand that
 * row to the migrator to resume. Neither happens while the stopped run's server process still runs
 * a statement: a killed client's statement goes on until the server notices.
 */
public final class StoppedRuns {

    private StoppedRuns() {}

    /**
     * Returns the row to resume, or null when no run stopped.
     *
     * @throws TidemarkException {@link ErrorCode#FAILED_MIGRATION_PRESENT} when a run stopped and
     *     resume is off; {@link ErrorCode#RESUME_REFUSED} when it cannot be resumed
     */
    public static HistoryRow check(
            Connection work, Reconciliation state, HistoryTable history, MigrationCatalog catalog, boolean resume) {
        if (state.failed().isEmpty()) {
            return null;
        }
        HistoryRow row = state.failed().get(0);
        refuseWhileRunning(work, row, history);
        if (!resume) {
            throw refusal(row, state, history, "nothing was applied now");
        }
        if (row.isUndo() || row.progress() == null) {
            throw ResumeRefusal.noProgress(row, history.displayName());
        }
        if (catalog.get(row.version()) == null) {
            throw ResumeRefusal.missingFromCode(row, history.displayName());
        }
        return row;
    }

    private static void refuseWhileRunning(Connection work, HistoryRow row, HistoryTable history) {
        Progress progress = row.progress();
        if (progress == null || !Progress.STARTED.equals(progress.state()) || progress.backendPid() == null) {
            return;
        }
        try (PreparedStatement query = work.prepareStatement("SELECT state, left(query, 200) FROM"
                + " pg_stat_activity WHERE pid = ? AND datname = current_database() AND state <> 'idle'")) {
            query.setInt(1, progress.backendPid());
            try (ResultSet alive = query.executeQuery()) {
                if (alive.next()) {
                    String activity = alive.getString(1) + ": " + FailureReport.oneLine(alive.getString(2));
                    if (!work.getAutoCommit()) {
                        work.commit();
                    }
                    throw ResumeRefusal.stillRunning(row, progress.backendPid(), activity, history.displayName());
                }
            }
            if (!work.getAutoCommit()) {
                work.commit();
            }
        } catch (SQLException e) {
            throw CommandSession.unexpected("looking for the session of the stopped run", e);
        }
    }

    /** The refusal of a command ({@code nothingDone} says what it did not do) while {@code row} is recorded. */
    public static TidemarkException refusal(
            HistoryRow row, Reconciliation state, HistoryTable history, String nothingDone) {
        String version =
                state.currentVersion() == null ? "none" : state.currentVersion().toString();
        if (row.isUndo() || row.progress() == null) {
            Phrase.Builder remedy = Phrase.builder()
                    .append("Fix the database by hand (finish or undo what migration " + row.version()
                            + " did), then ");
            if (row.isUndo()) {
                remedy.action(Action.REPAIR)
                        .append(" and ")
                        .action(Action.MIGRATE)
                        .append(" again.");
            } else {
                remedy.action(Action.REPAIR, Setting.REPAIR_AS, "applied")
                        .append(" (the row is kept, marked as repaired) or ")
                        .setting(Setting.REPAIR_AS, "removed")
                        .append(" (the migration runs again).");
            }
            return new TidemarkException(
                    ErrorCode.FAILED_MIGRATION_PRESENT,
                    Phrase.of(StoppedRun.describe(row).replaceFirst("\\.$", "") + " in " + history.displayName() + "; "
                            + nothingDone + "."),
                    Phrase.of("The database may hold part of that migration, at version " + version + " otherwise."),
                    remedy.build(),
                    null);
        }
        return new TidemarkException(
                ErrorCode.FAILED_MIGRATION_PRESENT,
                Phrase.of(StoppedRun.describe(row)),
                Phrase.of("Recorded in " + history.displayName() + "; " + nothingDone
                        + ". The database holds what the completed statements did; otherwise it is at version "
                        + version + "."),
                StoppedRun.remedy(row.version(), row.progress().statementsDone()),
                null);
    }
}
