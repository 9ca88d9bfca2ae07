package dev.tidemark.internal.execution;

import dev.tidemark.MigrationDescriptor;
import dev.tidemark.MigrationVersion;
import dev.tidemark.TidemarkEvent;
import dev.tidemark.internal.config.RunSettings;
import dev.tidemark.internal.history.HistoryRow;
import dev.tidemark.internal.history.HistoryTable;
import dev.tidemark.internal.history.ProgressRow;
import dev.tidemark.internal.jdbc.ConnectionFault;
import dev.tidemark.internal.plan.MigrationCatalog;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of a non-transactional migration's {@code up}, in auto-commit: its history row is written
 * before its first statement (not successful, {@code STARTED}) and updated before each further one,
 * so that a run that stops (a failure, a kill, a lost connection) leaves a row saying how far it
 * got; at the end the row becomes a successful one, or a {@code FAILED} one naming the statement
 * that failed. A resumed run reuses the stopped run's row and skips the statements it completed.
 */
final class NonTransactionalRun {

    /** What the session needs before the migration's first statement (the run's timeouts). */
    @FunctionalInterface
    interface SessionSetup {
        void prepare() throws SQLException;
    }

    private final Connection work;
    private final HistoryTable history;
    private final RunSettings settings;
    private final MigrationCatalog catalog;
    private final FailureReport report;
    private final Cancellation.Run stop;
    private final StatementWatch watch;

    NonTransactionalRun(
            Connection work,
            HistoryTable history,
            RunSettings settings,
            MigrationCatalog catalog,
            FailureReport report,
            Cancellation.Run stop,
            StatementWatch watch) {
        this.work = work;
        this.history = history;
        this.settings = settings;
        this.catalog = catalog;
        this.report = report;
        this.stop = stop;
        this.watch = watch;
    }

    /**
     * Runs {@code migration}: afresh, with its row at {@code rank}, or, when {@code stopped} is the
     * row of a run that stopped, resuming that run. Returns whether {@code rank} was used.
     */
    boolean apply(
            MigrationDescriptor migration,
            HistoryRow stopped,
            int rank,
            MigrationVersion current,
            long started,
            SessionSetup setup)
            throws SQLException {
        RecordingContext context = new RecordingContext(work, settings.schema(), migration, settings.listener(), watch);
        work.setAutoCommit(true);
        ProgressGate gate = null;
        Throwable thrown = null;
        try {
            setup.prepare();
            InvalidIndexes invalid = InvalidIndexes.before(work);
            if (stopped == null) {
                gate = ProgressGate.fresh(ProgressRow.start(
                        work,
                        history,
                        rank,
                        migration.version().toString(),
                        migration.description(),
                        catalog.historyType(migration.version()),
                        migration.className(),
                        migration.checksum(),
                        settings.installedBy()));
            } else {
                int done = stopped.progress().statementsDone();
                gate = ProgressGate.resuming(
                        stopped.progress().hashes(),
                        () -> ProgressRow.resume(work, history, stopped.installedRank(), done, settings.installedBy()));
                settings.listener().on(new TidemarkEvent.MigrationResumed(migration, done));
            }
            context.gated(stop == null ? gate : stop.guard(gate));
            try {
                catalog.instantiate(migration).up(context);
            } catch (SQLException | RuntimeException | LinkageError e) {
                if (gate.mismatch() != null) {
                    throw ResumeRefusal.mismatch(migration, stopped, gate.mismatch(), history.displayName());
                }
                List<InvalidIndexes.Index> left = List.of();
                if (ConnectionFault.of(e) == null) {
                    try {
                        left = invalid.leftBy(work, statements(context));
                    } catch (SQLException reading) {
                        e.addSuppressed(reading);
                    }
                }
                List<String> completed = gate.completedBeforeFailure(context.running() != null);
                String recorded = recordFailure(gate, completed, context.running(), e, started);
                throw report.partlyApplied(
                        migration, context.running(), context.executed(), e, current, recorded, left);
            }
            List<String> completed = gate.completed();
            if (completed.size() < gate.recordedCount()) {
                throw ResumeRefusal.fewerStatements(migration, stopped, completed.size(), history.displayName());
            }
            if (gate.row() == null) {
                // A resumed run whose code had nothing left to run: the stopped run had done it all.
                gate = ProgressGate.fresh(ProgressRow.resume(
                        work, history, stopped.installedRank(), completed.size(), settings.installedBy()));
            }
            // A migration that ran to its end with an index it names left invalid is not applied.
            List<InvalidIndexes.Index> left = invalid.leftBy(work, statements(context));
            if (!left.isEmpty()) {
                boolean recorded = true;
                try {
                    List<String> names = new ArrayList<>();
                    for (InvalidIndexes.Index index : left) {
                        names.add(index.displayName());
                    }
                    gate.row()
                            .failed(
                                    completed,
                                    gate.seen(),
                                    null,
                                    "it ran to its end, but left INVALID the index " + String.join(", ", names),
                                    (System.nanoTime() - started) / 1_000_000);
                } catch (SQLException recording) {
                    recorded = false;
                }
                throw report.invalidIndexes(migration, false, left, current, recorded);
            }
            gate.row().finished(completed, migration.checksum(), (System.nanoTime() - started) / 1_000_000);
            return stopped == null;
        } catch (SQLException | RuntimeException | Error e) {
            thrown = e;
            throw e;
        } finally {
            endAutoCommit(gate, thrown);
        }
    }

    /**
     * Back to a transaction after the run. On a connection that was lost, this fails too: then the
     * run's own failure, {@code pending}, is the one to report.
     */
    private void endAutoCommit(ProgressGate gate, Throwable pending) throws SQLException {
        try {
            if (gate != null && gate.row() != null) {
                gate.row().close();
            }
            work.setAutoCommit(false);
        } catch (SQLException e) {
            if (pending == null) {
                throw e;
            }
            pending.addSuppressed(e);
        }
    }

    /**
     * Records the failure in the run's row; returns the sentence saying what the history shows now,
     * which is the {@code STARTED} row with its progress when writing the failure failed as well.
     */
    private String recordFailure(
            ProgressGate gate, List<String> completed, String statement, Throwable e, long started) {
        String table = history.displayName();
        if (gate.row() == null) {
            return "The history in " + table + " still records the earlier run, as before this one.";
        }
        try {
            gate.row()
                    .failed(completed, gate.seen(), statement, describe(e), (System.nanoTime() - started) / 1_000_000);
            return "The history in " + table + " records the migration as failed after " + completed.size()
                    + (completed.size() == 1 ? " completed statement" : " completed statements")
                    + "; migrate refuses to run until it is resumed or repaired.";
        } catch (SQLException recording) {
            e.addSuppressed(recording);
            return "Recording the failure in " + table + " failed too (SQLSTATE " + recording.getSQLState()
                    + "); its row still records the migration as started, with the statements recorded"
                    + " complete before this one.";
        }
    }

    /** The statements that ran, and the one running when the migration failed (or null). */
    private static List<String> statements(RecordingContext context) {
        List<String> statements = new ArrayList<>(context.executed());
        statements.add(context.running());
        return statements;
    }

    /** SQLSTATE and the first line of the message, as the row's {@code error} holds them. */
    private static String describe(Throwable e) {
        if (e instanceof SQLException sql && sql.getSQLState() != null) {
            return "SQLSTATE " + sql.getSQLState() + ": " + firstLine(sql.getMessage());
        }
        return e.getClass().getName() + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage()));
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
