package dev.tidemark;

import dev.tidemark.TidemarkEvent.BaselineFound;
import dev.tidemark.TidemarkEvent.BaselineSearchStarted;
import dev.tidemark.TidemarkEvent.CommandFinished;
import dev.tidemark.TidemarkEvent.ConnectRetrying;
import dev.tidemark.TidemarkEvent.Diagnostic;
import dev.tidemark.TidemarkEvent.DriftCheckSkipped;
import dev.tidemark.TidemarkEvent.DriftFound;
import dev.tidemark.TidemarkEvent.DriftLetThrough;
import dev.tidemark.TidemarkEvent.HistoryTableCreated;
import dev.tidemark.TidemarkEvent.HistoryTableUpgraded;
import dev.tidemark.TidemarkEvent.LockAcquired;
import dev.tidemark.TidemarkEvent.LockWaiting;
import dev.tidemark.TidemarkEvent.MigrationApplied;
import dev.tidemark.TidemarkEvent.MigrationResumed;
import dev.tidemark.TidemarkEvent.MigrationStarted;
import dev.tidemark.TidemarkEvent.MigrationUndoing;
import dev.tidemark.TidemarkEvent.MigrationUndone;
import dev.tidemark.TidemarkEvent.RehearsalStepped;
import dev.tidemark.TidemarkEvent.RepairMade;
import dev.tidemark.TidemarkEvent.RepeatableApplied;
import dev.tidemark.TidemarkEvent.RepeatableStarted;
import dev.tidemark.TidemarkEvent.RoundTripStarted;
import dev.tidemark.TidemarkEvent.SnapshotNotRecorded;
import dev.tidemark.TidemarkEvent.SnapshotRecorded;
import dev.tidemark.TidemarkEvent.StatementRunning;
import dev.tidemark.TidemarkEvent.StatementStarted;
import dev.tidemark.TidemarkEvent.TargetFinished;
import dev.tidemark.TidemarkEvent.ValidationWarning;
import java.util.List;

/**
 * The default wording of {@link TidemarkEvent}s: one sentence an application's log can show. A
 * caller with words of its own renders the events it cares about itself and may leave the rest to
 * this class.
 */
public final class EventSentences {

    private EventSentences() {}

    /** The event as one sentence; a {@link CommandFinished} as its result's whole text. */
    public static String sentence(TidemarkEvent event) {
        if (event instanceof ConnectRetrying e) {
            return "Cannot connect to " + e.database() + " (attempt " + e.attempt() + " of " + e.attempts() + "): "
                    + e.reason() + "; retrying in " + e.retryIn().toMillis() + " ms";
        }
        if (event instanceof LockWaiting e) {
            return "Waiting for the migration lock on " + e.table() + ", held by "
                    + e.holder().describe();
        }
        if (event instanceof LockAcquired e) {
            return "Took the migration lock on " + e.table() + " (advisory key " + e.key() + ")";
        }
        if (event instanceof HistoryTableCreated e) {
            return "Created the history table " + e.table();
        }
        if (event instanceof HistoryTableUpgraded e) {
            return "Upgraded the history table " + e.table() + " to format " + e.format()
                    + ", which records the progress of non-transactional migrations and the runs of repeatable"
                    + " migrations";
        }
        if (event instanceof MigrationStarted e) {
            return "Migrating " + e.schema() + " to version " + e.migration().version() + " - "
                    + e.migration().description() + (e.migration().transactional() ? "" : " [non-transactional]");
        }
        if (event instanceof MigrationResumed e) {
            return "Resuming migration " + e.migration().version() + " after its "
                    + e.completedStatements()
                    + (e.completedStatements() == 1 ? " completed statement" : " completed statements")
                    + ", which are skipped";
        }
        if (event instanceof StatementStarted e) {
            return (e.migration().version() == null
                            ? "Repeatable migration " + e.migration().className()
                            : "Migration " + e.migration().version())
                    + ": " + e.sql();
        }
        if (event instanceof RepeatableStarted e) {
            return "Applying repeatable migration '" + e.description() + "' (" + e.file() + ") to " + e.schema()
                    + (e.transactional() ? "" : " [non-transactional]");
        }
        if (event instanceof RepeatableApplied e) {
            return "Applied repeatable migration '" + e.description() + "' (" + e.file() + ") in "
                    + ResultText.duration(e.executionTime());
        }
        if (event instanceof StatementRunning e) {
            return e.progress().describe();
        }
        if (event instanceof MigrationApplied e) {
            return "Applied " + ResultText.name(e.applied().migration())
                    + (e.applied().migration().transactional() ? "" : " (not in a transaction)") + " in "
                    + ResultText.duration(e.applied().executionTime());
        }
        if (event instanceof MigrationUndoing e) {
            return "Undoing migration " + e.migration().version() + " of " + e.schema() + " - "
                    + e.migration().description() + (e.migration().transactional() ? "" : " [non-transactional]");
        }
        if (event instanceof MigrationUndone e) {
            return "Undid " + ResultText.name(e.undone().migration()) + " in "
                    + ResultText.duration(e.undone().executionTime());
        }
        if (event instanceof ValidationWarning e) {
            return e.message();
        }
        if (event instanceof DriftCheckSkipped e) {
            return "Drift check skipped: " + e.reason() + ".";
        }
        if (event instanceof DriftFound e) {
            return "Drift: " + e.difference().message();
        }
        if (event instanceof DriftLetThrough e) {
            return "Drift is let through, not accepted: the snapshot this run records keeps "
                    + (e.differences() == 1 ? "this difference" : "these differences") + ", so later checks still"
                    + " report " + (e.differences() == 1 ? "it" : "them") + " until the schema is put back or the"
                    + " live schema is accepted as the reference (acceptDrift).";
        }
        if (event instanceof SnapshotRecorded e) {
            return "Recorded the schema snapshot of version " + e.version() + " in " + e.table()
                    + "; later changes by other means are reported as drift.";
        }
        if (event instanceof SnapshotNotRecorded e) {
            return "Could not record the schema snapshot of version " + e.version() + " in " + e.table() + " ("
                    + e.reason() + "); drift is not checked until the next migrate records one.";
        }
        if (event instanceof BaselineSearchStarted e) {
            return "Replaying " + e.migrations() + " migrations into a temporary database"
                    + " to find the version schema " + e.schema() + " is at.";
        }
        if (event instanceof BaselineFound e) {
            return "Schema " + e.schema() + " matches version " + e.version() + " exactly (replayed"
                    + " into the temporary database " + e.temporaryDatabase() + ", dropped since)"
                    + (e.sameSchemaVersions().size() > 1
                            ? " (versions " + ResultText.list(e.sameSchemaVersions(), ", ")
                                    + " leave the same schema: the newest is taken)"
                            : "")
                    + ".";
        }
        if (event instanceof RehearsalStepped e) {
            return "Rehearsed " + ResultText.name(e.step().migration()) + ": "
                    + e.step()
                            .outcome()
                            .name()
                            .toLowerCase(java.util.Locale.ROOT)
                            .replace('_', ' ');
        }
        if (event instanceof TidemarkEvent.ForeignHistoryFound e) {
            return "Found " + e.tool() + "'s history table " + e.table() + ".";
        }
        if (event instanceof TidemarkEvent.ForeignHistoryMatched e) {
            return e.tool() + "'s history " + e.table() + " against the code's migrations:\n"
                    + String.join("\n", AdoptResult.table(e.mapping()));
        }
        if (event instanceof RoundTripStarted e) {
            return "Round-trip test of " + e.migrations() + " migrations in the temporary" + " database "
                    + e.temporaryDatabase() + ": up, down, up again, comparing the schema after each.";
        }
        if (event instanceof RepairMade e) {
            return "Repaired version " + e.action().version() + ": "
                    + e.action().detail();
        }
        if (event instanceof CommandFinished e) {
            return ResultFormat.toText(e.result());
        }
        if (event instanceof Diagnostic e) {
            return e.detail();
        }
        if (event instanceof TargetFinished e) {
            TargetResult t = e.target();
            return e.command() + ": " + e.done() + " of " + e.total() + " targets done; " + t.describe(true) + " "
                    + switch (t.outcome()) {
                        case SUCCEEDED -> "succeeded";
                        case FAILED -> "failed" + (t.errorCode() == null ? "" : " (" + t.errorCode() + ")");
                        case NOT_STARTED -> "not started";
                    }
                    + (t.versionAfter() == null ? "" : " at version " + t.versionAfter())
                    + ".";
        }
        throw new IllegalArgumentException("unknown event " + event);
    }

    /**
     * {@link #sentence} as the lines a log shows: the whole sentence for an event (even one whose
     * quoted server message spans lines), one line per line of a finished command's result text.
     */
    public static List<String> lines(TidemarkEvent event) {
        String sentence = sentence(event);
        return event instanceof CommandFinished ? sentence.lines().toList() : List.of(sentence);
    }
}
