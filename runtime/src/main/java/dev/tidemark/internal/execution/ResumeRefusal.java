package dev.tidemark.internal.execution;

import dev.tidemark.Action;
import dev.tidemark.ErrorCode;
import dev.tidemark.MigrationDescriptor;
import dev.tidemark.Phrase;
import dev.tidemark.Setting;
import dev.tidemark.TidemarkException;
import dev.tidemark.internal.history.HistoryRow;
import dev.tidemark.internal.history.StoppedRun;

/**
 * The messages of a resume that is refused before it changes anything: each says why, that the
 * history still records the stopped run as it was, and what to do instead.
 */
final class ResumeRefusal {

    private ResumeRefusal() {}

    /** The resumed code sent, as statement {@code n}, another statement than the stopped run completed. */
    static TidemarkException mismatch(
            MigrationDescriptor migration, HistoryRow stopped, ProgressGate.Mismatch mismatch, String historyName) {
        int done = stopped.progress().statementsDone();
        return refused(
                "Cannot resume migration " + FailureReport.name(migration) + ": its statement " + mismatch.number()
                        + " is now\n    " + mismatch.statement().strip().replace("\n", "\n    ")
                        + "\nbut statement " + mismatch.number() + " of the run that stopped was another one"
                        + " (recorded hash " + mismatch.recordedHash() + ", this one's " + mismatch.hash()
                        + "), so the code no longer sends the statements that run completed.",
                stopped,
                historyName,
                "Restore the first " + done + (done == 1 ? " statement" : " statements") + " of migration "
                        + migration.version() + " as they were (change only what follows), then resume again; or"
                        + " finish or undo its changes by hand and ",
                REPAIR_CHOICE);
    }

    /** The resumed code ended before it reached the statements the stopped run had completed. */
    static TidemarkException fewerStatements(
            MigrationDescriptor migration, HistoryRow stopped, int sent, String historyName) {
        int done = stopped.progress().statementsDone();
        return refused(
                "Cannot resume migration " + FailureReport.name(migration) + ": its code now sends " + sent
                        + (sent == 1 ? " statement" : " statements") + ", fewer than the " + done
                        + " the run that stopped had completed.",
                stopped,
                historyName,
                "Restore the migration's first " + done + " statements as they were, then resume again; or finish or"
                        + " undo its changes by hand and ",
                REPAIR_CHOICE);
    }

    /** The row records no statements: written by an older release, or an undo's. */
    static TidemarkException noProgress(HistoryRow row, String historyName) {
        return refused(
                "Cannot resume: " + StoppedRun.describe(row) + " Its row in " + historyName + " records no"
                        + " statements (it was written by an older Tidemark, or by an undo), so there is nothing to"
                        + " resume from.",
                null,
                historyName,
                "Finish or undo its changes by hand, then ",
                REPAIR_CHOICE);
    }

    /** The row's migration is no longer in the code. */
    static TidemarkException missingFromCode(HistoryRow row, String historyName) {
        return refused(
                "Cannot resume: " + StoppedRun.describe(row) + " Its class is no longer among the code's"
                        + " migrations.",
                null,
                historyName,
                "Restore the migration, or finish or undo its changes by hand and ",
                REPAIR_CHOICE);
    }

    /** The server process that ran the stopped run still runs a statement. */
    static TidemarkException stillRunning(HistoryRow row, int pid, String activity, String historyName) {
        return refused(
                StoppedRun.describe(row) + "\nIts session is still alive on the server (process " + pid + ", "
                        + activity + "): the client is gone but the server has not ended the statement yet.",
                null,
                historyName,
                "Wait for it to end, or end it with SELECT pg_cancel_backend(" + pid + "), then run again.",
                Phrase.empty());
    }

    /** Repair's two choices, for a remedy that ends with them. */
    private static final Phrase REPAIR_CHOICE = Phrase.builder()
            .action(Action.REPAIR, Setting.REPAIR_AS, "applied")
            .append(" or ")
            .setting(Setting.REPAIR_AS, "removed")
            .append(".")
            .build();

    private static TidemarkException refused(
            String what, HistoryRow stopped, String historyName, String todo, Phrase todoEnd) {
        return new TidemarkException(
                ErrorCode.RESUME_REFUSED,
                Phrase.of(what),
                Phrase.of("Nothing was run; " + historyName + " still records the migration as it was"
                        + (stopped == null ? "" : " (" + StoppedRun.count(stopped.progress()) + ")") + "."),
                Phrase.builder().append(todo).append(todoEnd).build(),
                null);
    }
}
