package dev.tidemark.internal.execution;

import dev.tidemark.Action;
import dev.tidemark.ErrorCode;
import dev.tidemark.MigrationDescriptor;
import dev.tidemark.MigrationFailedException;
import dev.tidemark.MigrationVersion;
import dev.tidemark.Phrase;
import dev.tidemark.RepairResult;
import dev.tidemark.Setting;
import dev.tidemark.TidemarkEvent;
import dev.tidemark.TidemarkException;
import dev.tidemark.internal.config.RunSettings;
import dev.tidemark.internal.drift.DriftControl;
import dev.tidemark.internal.history.HistoryTable;
import dev.tidemark.internal.history.RepeatableRow;
import dev.tidemark.internal.jdbc.ConnectionFault;
import dev.tidemark.internal.lock.LockSessionCheck;
import dev.tidemark.internal.plan.MigrationCatalog;
import dev.tidemark.internal.plan.RepeatableMigration;
import dev.tidemark.internal.plan.RepeatablePlan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies the repeatable migrations that are new or changed ({@link
 * dev.tidemark.internal.plan.RepeatablePlan#toApply()}), after the versioned ones, by description.
 * Each runs in a transaction of its own with its history row (version null, type {@value
 * RepeatableRow#TYPE}) and the schema snapshot of the version the database is at, so that drift
 * checks compare with the schema the repeatable migration left; one marked non-transactional runs
 * in auto-commit and is recorded when it ends. A failure rolls back the one that failed (or, outside
 * a transaction, leaves its completed statements) and writes no row: the next migrate runs it again
 * whole. The ones applied before it stay applied.
 */
public final class RepeatableRun {

    private final RunSettings settings;
    private final MigrationCatalog catalog;
    private final HistoryTable history;
    private final Connection work;
    private final DriftControl drift;
    /** Confirms at each commit that the migration lock still holds; null when the run has none to check. */
    private LockSessionCheck lockCheck;
    /** Stops the run on Ctrl-C (see {@link Cancellation}); null when nothing can stop it. */
    private Cancellation.Run stop;

    private RepeatableRun(
            RunSettings settings, MigrationCatalog catalog, HistoryTable history, Connection work, DriftControl drift) {
        this.settings = settings;
        this.catalog = catalog;
        this.history = history;
        this.work = work;
        this.drift = drift;
    }

    /** The run after the versioned migrations, on {@code work}; {@code drift} records the snapshots, or is null. */
    public static RepeatableRun after(
            RunSettings settings, MigrationCatalog catalog, HistoryTable history, Connection work, DriftControl drift) {
        return new RepeatableRun(settings, catalog, history, work, drift);
    }

    /**
     * Has each repeatable migration's history row confirm, in its statement, that the migration lock
     * still holds (see {@link LockSessionCheck#commitGuard}): when it does not, the transaction fails
     * and nothing of that repeatable migration is recorded.
     */
    public RepeatableRun checkingLock(LockSessionCheck lockCheck) {
        this.lockCheck = lockCheck;
        return this;
    }

    /**
     * Lets {@code stop} stop the run: once it is stopped no statement starts, and the running one is
     * cancelled; the repeatable migration it was in then fails as any failure does (rolled back, or
     * its completed statements left), without a history row.
     */
    public RepeatableRun stoppable(Cancellation.Run stop) {
        this.stop = stop;
        return this;
    }

    /** As {@link #apply(List, int, MigrationVersion)}, from the rank after the history's highest. */
    public List<String> apply(List<RepeatableMigration> migrations, MigrationVersion current) throws SQLException {
        if (migrations.isEmpty()) {
            return List.of();
        }
        return apply(migrations, history.nextRank(work), current);
    }

    /**
     * Applies {@code migrations} in order, from installed rank {@code nextRank}, on a database whose
     * versioned migrations are applied up to {@code current}; returns their files.
     *
     * @throws MigrationFailedException at the first failure, naming the file, the statement and its
     *     line, and which repeatable migrations this run applied before it
     */
    List<String> apply(List<RepeatableMigration> migrations, int nextRank, MigrationVersion current)
            throws SQLException {
        List<String> applied = new ArrayList<>();
        if (migrations.isEmpty()) {
            return applied;
        }
        MigrationSessionSettings session = new MigrationSessionSettings(settings, work);
        boolean lost = false;
        int rank = nextRank;
        try (StatementWatch watch = new StatementWatch(settings, work);
                PreparedStatement insert = lockCheck == null
                        ? history.prepareInsert(work)
                        : history.prepareInsert(
                                work, "; SELECT CAST(CASE " + lockCheck.commitGuard() + " END AS integer)")) {
            for (RepeatableMigration migration : migrations) {
                if (stop != null && stop.stopped()) {
                    throw stoppedBefore(migration, current, applied, migrations);
                }
                MigrationDescriptor descriptor = migration.descriptor();
                RecordingContext context =
                        new RecordingContext(work, settings.schema(), descriptor, settings.listener(), watch);
                settings.listener()
                        .on(new TidemarkEvent.RepeatableStarted(
                                settings.schema(),
                                migration.description(),
                                migration.file(),
                                migration.transactional()));
                long started = System.nanoTime();
                work.setAutoCommit(!migration.transactional());
                if (stop != null) {
                    context.gated(stop.guard(StatementGate.ALL));
                }
                try {
                    if (session.apply() && stop != null) {
                        stop.workSession(session.backend().pid());
                    }
                    if (stop != null) {
                        stop.inMigration(true);
                    }
                    catalog.instantiate(migration).up(context);
                    if (stop != null) {
                        stop.inMigration(false);
                    }
                    HistoryTable.bind(
                            insert,
                            rank,
                            null,
                            migration.description(),
                            RepeatableRow.TYPE,
                            migration.file(),
                            migration.checksum(),
                            settings.installedBy(),
                            (System.nanoTime() - started) / 1_000_000,
                            true);
                    insert.execute();
                    if (migration.transactional()) {
                        if (drift != null && current != null) {
                            drift.recordInTransaction(work, current);
                        }
                        work.commit();
                    }
                } catch (SQLException | RuntimeException | LinkageError e) {
                    if (stop != null) {
                        stop.inMigration(false);
                    }
                    lost = ConnectionFault.of(e) != null;
                    if (migration.transactional() && !lost) {
                        try {
                            work.rollback();
                        } catch (SQLException rollback) {
                            e.addSuppressed(rollback);
                        }
                    }
                    if (!lost && LockSessionCheck.lostAtCommit(e)) {
                        throw lockLost(migration, current, applied, e);
                    }
                    throw failed(migration, descriptor, context, e, current, applied, migrations, lost);
                } finally {
                    if (!lost) {
                        work.setAutoCommit(false);
                    }
                }
                if (!migration.transactional() && drift != null && current != null) {
                    drift.recordInTransaction(work, current);
                    work.commit();
                }
                rank++;
                applied.add(migration.file());
                settings.listener()
                        .on(new TidemarkEvent.RepeatableApplied(
                                migration.description(),
                                migration.file(),
                                Duration.ofNanos(System.nanoTime() - started)));
            }
        } finally {
            if (!lost) {
                session.restoreWithDurabilityBarrier();
            }
        }
        return applied;
    }

    /**
     * For repair, in the connection's transaction: deletes the history rows of each repeatable
     * migration the code no longer has, and returns what was done.
     */
    public static List<RepairResult.Action> removeMissing(
            Connection work, HistoryTable history, MigrationCatalog catalog) throws SQLException {
        List<RepairResult.Action> actions = new ArrayList<>();
        for (RepeatableRow row : RepeatablePlan.of(catalog.repeatables(), history.readRepeatables(work))
                .missing()) {
            history.deleteRepeatable(work, row.description());
            actions.add(new RepairResult.Action(
                    RepairResult.Kind.REMOVED_MISSING_REPEATABLE,
                    null,
                    "Removed the history row of repeatable migration '" + row.description() + "' ("
                            + row.className() + "), which the code no longer has; what it made stays in the"
                            + " database."));
        }
        return actions;
    }

    /** The run was asked to stop (Ctrl-C) after the repeatable migrations before {@code next}. */
    private static TidemarkException stoppedBefore(
            RepeatableMigration next, MigrationVersion current, List<String> applied, List<RepeatableMigration> all) {
        return new TidemarkException(
                ErrorCode.INTERRUPTED,
                Phrase.of("The run was asked to stop before repeatable migration " + identified(next)
                        + " started; nothing of it ran."),
                Phrase.of((current == null
                                ? "No versioned migration is applied"
                                : "The versioned migrations up to version " + current + " are applied")
                        + (applied.isEmpty()
                                ? "; no repeatable migration was applied in this run"
                                : "; repeatable migrations applied in this run, and recorded: "
                                        + String.join(", ", applied))
                        + ". Not run: " + String.join(", ", filesFrom(all, all.indexOf(next))) + "."),
                Phrase.words("Run ", Action.MIGRATE, " again to apply the rest."),
                null);
    }

    /** {@code 'Users view' (R__Users_view.sql)}: a repeatable migration as the messages name it. */
    private static String identified(RepeatableMigration migration) {
        return "'" + migration.description() + "' (" + migration.file() + ")";
    }

    /** The files of {@code all} from index {@code from} on. */
    private static List<String> filesFrom(List<RepeatableMigration> all, int from) {
        List<String> files = new ArrayList<>();
        for (RepeatableMigration migration : all.subList(from, all.size())) {
            files.add(migration.file());
        }
        return files;
    }

    /** Appends the repeatable migrations after {@code failed}, which the run did not start. */
    private static void listNotRun(StringBuilder message, RepeatableMigration failed, List<RepeatableMigration> all) {
        List<String> notRun = filesFrom(all, all.indexOf(failed) + 1);
        if (!notRun.isEmpty()) {
            message.append("Not run, as they come after it: ")
                    .append(String.join(", ", notRun))
                    .append(".\n");
        }
    }

    /** The failure of a repeatable migration whose history row found the migration lock gone. */
    private TidemarkException lockLost(
            RepeatableMigration migration, MigrationVersion current, List<String> applied, Throwable failure) {
        return new TidemarkException(
                ErrorCode.LOCK_LOST,
                "The migration lock on " + history.displayName() + " was lost before repeatable migration "
                        + identified(migration) + " could be recorded: the session"
                        + " that took it no longer holds it, and another migrator may take the lock now.\n"
                        + (migration.transactional()
                                ? "It was rolled back with its history row. "
                                : "Its statements ran outside a transaction and stay; its history row was not"
                                        + " written, so the next migrate runs it again. ")
                        + (current == null
                                ? "No versioned migration is applied"
                                : "The versioned migrations up to version " + current + " are applied")
                        + (applied.isEmpty()
                                ? "."
                                : "; repeatable migrations applied and recorded before it: "
                                        + String.join(", ", applied) + ".")
                        + "\nRun migrate again: it takes the lock afresh and applies the repeatable migrations"
                        + " that are new or changed, once any other migrator is done.",
                failure);
    }

    /** The failure of {@code migration}: what failed, the state the database is in, what to do. */
    private MigrationFailedException failed(
            RepeatableMigration migration,
            MigrationDescriptor descriptor,
            RecordingContext context,
            Throwable failure,
            MigrationVersion current,
            List<String> applied,
            List<RepeatableMigration> all,
            boolean lost) {
        // Asked to stop (Ctrl-C): the cancelled statement's failure is the stop's doing, not the file's.
        boolean stopped = stop != null && stop.stopped() && !lost;
        StringBuilder message = new StringBuilder();
        if (stopped) {
            message.append("The run was asked to stop while repeatable migration ")
                    .append(identified(migration))
                    .append(" ran; its statement was cancelled.\n");
        }
        message.append("Repeatable migration ").append(identified(migration));
        if (lost) {
            message.append(" failed: the connection was lost (")
                    .append(ConnectionFault.of(failure).happened())
                    .append(").\n");
        } else if (migration.transactional()) {
            message.append(" failed and was rolled back.\n");
        } else {
            message.append(" failed part way; it does not run in a transaction.\n");
        }
        FailureReport.describeFailure(message, context.running(), failure);
        int stateStart = message.length();
        message.append(
                        current == null
                                ? "No versioned migration is applied"
                                : "The versioned migrations up to version " + current + " are applied")
                .append("; repeatable migration '")
                .append(migration.description())
                .append("' is not");
        if (lost) {
            message.append(" known to be recorded: the history could not be read after the connection was lost.\n");
        } else if (migration.transactional()) {
            message.append(" (re-)applied: nothing of this run of it stays, and no history row was written.\n");
        } else {
            message.append(" recorded, so the next migrate runs it again whole; ");
            FailureReport.listExecuted(message, context.executed());
        }
        if (!applied.isEmpty()) {
            message.append("Applied before it in this run, and recorded: ")
                    .append(String.join(", ", applied))
                    .append(".\n");
        }
        listNotRun(message, migration, all);
        Phrase.Builder remedy = Phrase.builder();
        String sqlState = failure instanceof SQLException e ? e.getSQLState() : null;
        if (stopped) {
            remedy.append("Run ").action(Action.MIGRATE).append(" again to apply it and the rest.");
        } else if (lost) {
            remedy.append("Once the server is reachable, run ")
                    .action(Action.INFO)
                    .append(" to see which repeatable migrations are applied, then run ")
                    .action(Action.MIGRATE)
                    .append(" again.");
        } else if ("55P03".equals(sqlState)) {
            remedy.append(FailureReport.LOCK_HELD)
                    .append("Retry when the table is less busy, or raise ")
                    .setting(Setting.LOCK_TIMEOUT)
                    .append(".");
        } else {
            remedy.append("Fix " + migration.file() + " (or the database it expects)"
                            + (migration.transactional()
                                    ? ""
                                    : "; it runs again from its first statement, so make each statement safe to"
                                            + " repeat (CREATE OR REPLACE, IF NOT EXISTS)")
                            + ", then run ")
                    .action(Action.MIGRATE)
                    .append(" again: it applies each repeatable migration that is new or changed.");
        }
        return FailureReport.exception(
                stopped
                        ? ErrorCode.INTERRUPTED
                        : "55P03".equals(sqlState) ? ErrorCode.LOCK_TIMEOUT_EXCEEDED : ErrorCode.MIGRATION_FAILED,
                message,
                stateStart,
                remedy.build(),
                descriptor,
                context.running(),
                failure,
                current);
    }
}
