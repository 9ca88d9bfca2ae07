package dev.tidemark.internal.command;

import dev.tidemark.TidemarkException;
import dev.tidemark.internal.config.RunSettings;
import dev.tidemark.internal.drift.SnapshotStore;
import dev.tidemark.internal.execution.CommandSession;
import dev.tidemark.internal.execution.StoppedRuns;
import dev.tidemark.internal.history.HistoryTable;
import dev.tidemark.internal.plan.MigrationCatalog;
import dev.tidemark.internal.plan.Preconditions;
import dev.tidemark.internal.plan.Reconciliation;
import java.sql.SQLException;

/**
 * One verb, run through the skeleton every verb shares ({@link #run()}): open the sessions, taking
 * the migration lock when the verb may change anything; read the history; refuse what the verb
 * must not run on; do its work; and finish the result once the sessions are closed. A verb says only
 * what differs: whether it locks ({@link Access}), how much of the history it reads, what it refuses, its work, and
 * what an unexpected SQL failure means for it.
 *
 * @param <R> the verb's result
 */
abstract class Command<R> {

    /** What a verb's sessions may do. */
    enum Access {
        /** Read only, in auto-commit, without the migration lock. */
        READ_ONLY,
        /** Under the migration lock for the whole run, with a work session not in auto-commit. */
        LOCKED
    }

    final RunSettings settings;
    final MigrationCatalog catalog;
    final HistoryTable history;
    /** The checks the plan must pass, shared by the verbs that refuse the same things. */
    final Preconditions preconditions;

    private final Access access;

    Command(RunSettings settings, MigrationCatalog catalog, Access access) {
        this.settings = settings;
        this.access = access;
        this.catalog = catalog;
        this.history = new HistoryTable(settings.schema(), settings.table());
        this.preconditions = new Preconditions(
                catalog,
                history,
                settings.table(),
                new SnapshotStore(settings.schema(), settings.table()).tableName(),
                settings.outOfOrder(),
                settings.validateOnMigrate(),
                settings.listener());
    }

    /** Runs the verb: session, lock, history, preconditions, work, result. */
    final R run() {
        R result;
        try (CommandSession session = access == Access.LOCKED
                ? CommandSession.locked(settings, history)
                : CommandSession.readOnly(settings)) {
            Reconciliation state = read(session);
            refuse(state);
            result = work(session, state);
        } catch (SQLException e) {
            throw failed(e);
        }
        return finish(result);
    }

    /** Reads the history once, after the lock is taken: every row, unless the verb needs fewer. */
    Reconciliation read(CommandSession session) {
        return session.reconcile(catalog, history);
    }

    /** Refuses, before any work, what the verb must not run on; by default nothing. */
    void refuse(Reconciliation state) {}

    /** The verb's own work, on the open sessions, after the history was read and checked. */
    abstract R work(CommandSession session, Reconciliation state) throws SQLException;

    /** The failure an unexpected SQL error makes of this verb. */
    abstract TidemarkException failed(SQLException e);

    /** Completes the result once the sessions are closed; by default the result as the work left it. */
    R finish(R result) {
        return result;
    }

    /** Refuses to go on while a failed row is recorded; {@code nothingDone} says what was not done. */
    final void refuseFailed(Reconciliation state, String nothingDone) {
        if (!state.failed().isEmpty()) {
            throw StoppedRuns.refusal(state.failed().get(0), state, history, nothingDone);
        }
    }
}
