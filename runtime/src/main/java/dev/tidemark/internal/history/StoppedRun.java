package dev.tidemark.internal.history;

import dev.tidemark.Action;
import dev.tidemark.Phrase;
import dev.tidemark.Setting;

/**
 * The sentences that describe a history row of a non-transactional migration that did not finish
 * (failed, or started and never recorded an end), from what the row recorded and nothing else.
 */
public final class StoppedRun {

    private StoppedRun() {}

    /**
     * What happened to the run, for example {@code Migration 12 'add shipments' (com.acme.V12)
     * started at 2026-…Z outside a transaction and never finished: 1 of at least 3 statements
     * completed.}, then the statement it stopped in on its own lines.
     */
    public static String describe(HistoryRow row) {
        String name = (row.isUndo() ? "The undo of migration " : "Migration ") + row.version() + " '"
                + row.description() + "' (" + row.className() + ")";
        Progress progress = row.progress();
        if (progress == null) {
            return name + " is recorded as failed (on " + row.installedOn() + ").";
        }
        StringBuilder text = new StringBuilder(name)
                .append(" started at ")
                .append(row.installedOn())
                .append(" outside a transaction and ")
                .append(Progress.FAILED.equals(progress.state()) ? "failed" : "never finished")
                .append(": ")
                .append(count(progress))
                .append('.');
        int next = progress.statementsDone() + 1;
        if (progress.stoppedIn() != null) {
            if (Progress.FAILED.equals(progress.state())) {
                text.append(" Statement ").append(next).append(" failed");
                if (progress.error() != null) {
                    text.append(" (").append(progress.error()).append(')');
                }
                text.append(":\n");
            } else {
                text.append(" Statement ")
                        .append(next)
                        .append(" was running when the run stopped, and may have completed:\n");
            }
            text.append("    ").append(progress.stoppedIn().strip().replace("\n", "\n    "));
        } else if (progress.error() != null) {
            text.append(
                            progress.statementsDone() == 0
                                    ? " Its code failed before its first statement: "
                                    : " After statement " + progress.statementsDone() + ": ")
                    .append(progress.error());
        }
        return text.toString();
    }

    /** {@code 1 of at least 3 statements completed}, {@code no statement had completed}. */
    public static String count(Progress progress) {
        int done = progress.statementsDone();
        int seen = Math.max(progress.statementsSeen(), done);
        if (seen > done + 1) {
            return (done == 0 ? "none" : String.valueOf(done)) + " of at least " + seen + " statements"
                    + (done == 0 ? " had completed" : " completed");
        }
        if (done == 0) {
            return "no statement had completed";
        }
        return done + (done == 1 ? " statement" : " statements") + " completed";
    }

    /**
     * The two ways out of a stopped run whose row recorded {@code done} completed statements:
     * resume, or repair (marking it applied, or removing the row), in the runtime's own words.
     */
    public static Phrase remedy(Object version, int done) {
        String skip = done == 0
                ? "from its first statement"
                : "from statement " + (done + 1) + ", skipping the " + (done == 1 ? "statement" : done + " statements")
                        + " that completed after checking " + (done == 1 ? "it is" : "they are") + " unchanged";
        return Phrase.builder()
                .append("Two ways out:\n  - resume: fix the cause if a statement failed, then ")
                .action(Action.MIGRATE, Setting.RESUME, true)
                .append("; it runs migration " + version + " again " + skip + ";\n")
                .append("  - repair: finish or undo its changes by hand, then ")
                .action(Action.REPAIR, Setting.REPAIR_AS, "applied")
                .append(" (the row is kept, marked as repaired) or ")
                .setting(Setting.REPAIR_AS, "removed")
                .append(" (the row is deleted, and the migration runs again from its first statement).")
                .build();
    }
}
