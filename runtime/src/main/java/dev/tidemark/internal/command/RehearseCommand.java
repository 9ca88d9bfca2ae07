package dev.tidemark.internal.command;

import dev.tidemark.ConfigurationException;
import dev.tidemark.JavaMigration;
import dev.tidemark.LockAnalysis;
import dev.tidemark.MigrationDescriptor;
import dev.tidemark.MigrationVersion;
import dev.tidemark.Phrase;
import dev.tidemark.RehearsalResult;
import dev.tidemark.RehearsalResult.Outcome;
import dev.tidemark.RehearsalResult.Step;
import dev.tidemark.Setting;
import dev.tidemark.TidemarkEvent;
import dev.tidemark.TidemarkException;
import dev.tidemark.internal.analysis.RehearsalAnalysis;
import dev.tidemark.internal.analysis.StatementProbe;
import dev.tidemark.internal.config.RunSettings;
import dev.tidemark.internal.drift.DriftControl;
import dev.tidemark.internal.execution.CommandSession;
import dev.tidemark.internal.execution.FailureReport;
import dev.tidemark.internal.execution.RecordingContext;
import dev.tidemark.internal.history.HistoryTable;
import dev.tidemark.internal.history.RepeatableRow;
import dev.tidemark.internal.plan.MigrationCatalog;
import dev.tidemark.internal.plan.Reconciliation;
import dev.tidemark.internal.plan.RepeatableMigration;
import dev.tidemark.internal.plan.RepeatablePlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code rehearse}: under the lock, runs every pending transactional migration up to the target,
 * with its history row, against the real database inside one transaction that is always rolled
 * back, then the repeatable migrations migrate would apply (new or changed, by description) in the
 * same transaction. A short {@code lock_timeout} keeps a statement from queueing production traffic behind it:
 * when a lock is not free at once, the rehearsal says so instead of waiting. It stops at the first
 * failure, since later migrations may depend on the failed one. Refuses what migrate refuses
 * (failed rows, validation problems, a bad target) before running anything.
 */
public final class RehearseCommand extends Command<RehearsalResult> {

    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final DriftControl drift;
    private final long started = System.nanoTime();
    /** The repeatable migrations against their history rows, read with the history. */
    private RepeatablePlan repeatables;

    public RehearseCommand(RunSettings settings, MigrationCatalog catalog, DriftControl drift) {
        super(settings, catalog, Access.LOCKED);
        this.drift = drift;
    }

    @Override
    Reconciliation read(CommandSession session) {
        Reconciliation state = super.read(session);
        repeatables = session.repeatables(catalog, history, state);
        return state;
    }

    @Override
    void refuse(Reconciliation state) {
        refuseFailed(state, "nothing was rehearsed");
        preconditions.refuseInvalid(state, null, repeatables, "rehearsing, so nothing was rehearsed");
        preconditions.checkTarget(state, settings.target());
    }

    @Override
    RehearsalResult work(CommandSession session, Reconciliation state) throws SQLException {
        List<Step> steps;
        LockAnalysis analysis;
        MigrationVersion current = state.currentVersion();
        List<MigrationDescriptor> pending = new ArrayList<>();
        for (MigrationDescriptor migration : state.pending()) {
            if (!state.aboveTarget(migration, settings.target())) {
                pending.add(migration);
            }
        }
        Connection work = session.work();
        try {
            if (!pending.isEmpty() && state.rows().isEmpty()) {
                preconditions.refuseNonEmptySchema(work, state.historyExists());
            }
            if (state.historyExists()) {
                drift.beforeMigrate(work, current, false);
            }
            RehearsalAnalysis observed =
                    new RehearsalAnalysis(work, settings.schema(), settings.rehearsalLockTimeout());
            steps = rehearse(work, state, pending, observed);
            analysis = observed.finish(steps, settings.exclusiveLockLimit());
        } finally {
            try {
                work.rollback();
            } catch (SQLException e) {
                // Closing the session rolls back as well.
            }
        }
        return new RehearsalResult(settings.schema(), current, steps, null, settings.rehearsalLockTimeout(), analysis);
    }

    @Override
    TidemarkException failed(SQLException e) {
        return CommandSession.unexpected("rehearsing the migrations of " + history.displayName(), e);
    }

    @Override
    RehearsalResult finish(RehearsalResult rehearsed) {
        Duration total = Duration.ofNanos(System.nanoTime() - started);
        RehearsalResult result = new RehearsalResult(
                settings.schema(),
                rehearsed.currentVersion(),
                rehearsed.steps(),
                total,
                settings.rehearsalLockTimeout(),
                rehearsed.analysis());
        if (settings.rehearsalReport() != null) {
            write(settings.rehearsalReport(), result);
        }
        return result;
    }

    /** Keeps {@code step} and tells the listener about it. */
    private void add(List<Step> steps, Step step) {
        steps.add(step);
        settings.listener().on(new TidemarkEvent.RehearsalStepped(step));
    }

    private List<Step> rehearse(
            Connection work, Reconciliation state, List<MigrationDescriptor> pending, RehearsalAnalysis analysis)
            throws SQLException {
        List<Step> steps = new ArrayList<>();
        setTimeouts(work);
        long transaction = transactionId(work);
        if (!state.historyExists()) {
            history.create(work, settings.createSchema());
        } else if (!repeatables.toApply().isEmpty()) {
            // As migrate does before it records a repeatable migration, here rolled back with the rest.
            history.upgrade(work, settings.rehearsalLockTimeout());
        }
        boolean failed = false;
        int rank = state.nextRank();
        try (PreparedStatement insert = history.prepareInsert(work)) {
            for (MigrationDescriptor migration : pending) {
                if (failed) {
                    add(steps, notRehearsed(migration, Outcome.NOT_REHEARSED_AFTER_FAILURE));
                    continue;
                }
                if (!migration.transactional()) {
                    analysis.notRun(migration, () -> catalog.instantiate(migration));
                    add(steps, notRehearsed(migration, Outcome.NOT_REHEARSED_NON_TRANSACTIONAL));
                    continue;
                }
                Step step = rehearse(
                        work,
                        transaction,
                        migration,
                        () -> catalog.instantiate(migration),
                        analysis.probe(migration),
                        insert,
                        rank++,
                        catalog.historyType(migration.version()));
                add(steps, step);
                failed = step.outcome() != Outcome.SUCCEEDED;
            }
            for (RepeatableMigration repeatable : repeatables.toApply()) {
                MigrationDescriptor migration = repeatable.descriptor();
                if (failed) {
                    add(steps, notRehearsed(migration, Outcome.NOT_REHEARSED_AFTER_FAILURE));
                } else if (!repeatable.transactional()) {
                    analysis.notRun(migration, () -> catalog.instantiate(repeatable));
                    add(steps, notRehearsed(migration, Outcome.NOT_REHEARSED_NON_TRANSACTIONAL));
                } else {
                    Step step = rehearse(
                            work,
                            transaction,
                            migration,
                            () -> catalog.instantiate(repeatable),
                            analysis.probe(migration),
                            insert,
                            rank++,
                            RepeatableRow.TYPE);
                    add(steps, step);
                    failed = step.outcome() != Outcome.SUCCEEDED;
                }
            }
        }
        return steps;
    }

    /**
     * Runs one migration (a repeatable one has no version) with its history row of {@code type} in
     * the rehearsal's transaction, and says how it went.
     */
    private Step rehearse(
            Connection work,
            long transaction,
            MigrationDescriptor migration,
            Supplier<JavaMigration> code,
            StatementProbe probe,
            PreparedStatement insert,
            int rank,
            String type)
            throws SQLException {
        RecordingContext context =
                new RecordingContext(work, settings.schema(), migration, settings.listener()).probed(probe);
        long started = System.nanoTime();
        try {
            code.get().up(context);
            HistoryTable.insert(
                    insert,
                    rank,
                    migration.version() == null ? null : migration.version().toString(),
                    migration.description(),
                    type,
                    migration.className(),
                    migration.checksum(),
                    settings.installedBy(),
                    (System.nanoTime() - started) / 1_000_000,
                    true);
            if (transactionId(work) != transaction) {
                throw new IllegalStateException((migration.version() == null
                                ? "repeatable migration '" + migration.description() + "' (" + migration.className()
                                        + ")"
                                : "migration " + migration.version())
                        + " ended the rehearsal's transaction (a COMMIT or ROLLBACK through its connection): what"
                        + " it ran before may have been committed");
            }
            return new Step(
                    migration,
                    Outcome.SUCCEEDED,
                    statements(context),
                    Duration.ofNanos(System.nanoTime() - started),
                    null,
                    null,
                    null);
        } catch (SQLException | RuntimeException | LinkageError e) {
            String sqlState = e instanceof SQLException sql ? sql.getSQLState() : null;
            StringBuilder error = new StringBuilder();
            FailureReport.describeFailure(error, context.running(), e);
            return new Step(
                    migration,
                    LOCK_NOT_AVAILABLE.equals(sqlState) ? Outcome.LOCK_UNAVAILABLE : Outcome.FAILED,
                    statements(context),
                    Duration.ofNanos(System.nanoTime() - started),
                    context.running(),
                    sqlState,
                    error.toString().strip());
        }
    }

    /** {@code SET LOCAL} the rehearsal's short lock_timeout and the statement_timeout; zero leaves the server's. */
    private void setTimeouts(Connection work) throws SQLException {
        try (PreparedStatement set = work.prepareStatement("SELECT"
                + " CASE WHEN ? THEN set_config('lock_timeout', ?, true) END,"
                + " CASE WHEN ? THEN set_config('statement_timeout', ?, true) END")) {
            set.setBoolean(1, !settings.rehearsalLockTimeout().isZero());
            set.setString(2, settings.rehearsalLockTimeout().toMillis() + "ms");
            set.setBoolean(3, !settings.statementTimeout().isZero());
            set.setString(4, settings.statementTimeout().toMillis() + "ms");
            set.execute();
        }
    }

    private static long transactionId(Connection work) throws SQLException {
        try (PreparedStatement query = work.prepareStatement("SELECT txid_current()");
                ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static List<RehearsalResult.Statement> statements(RecordingContext context) {
        List<RehearsalResult.Statement> statements = new ArrayList<>();
        for (int i = 0; i < context.executed().size(); i++) {
            statements.add(new RehearsalResult.Statement(
                    context.executed().get(i), context.times().get(i)));
        }
        return statements;
    }

    private static Step notRehearsed(MigrationDescriptor migration, Outcome outcome) {
        return new Step(migration, outcome, List.of(), Duration.ZERO, null, null, null);
    }

    private static void write(Path file, RehearsalResult report) {
        boolean markdown =
                file.getFileName() != null && file.getFileName().toString().endsWith(".md");
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(
                    file,
                    markdown
                            ? report.markdown() + "\n" + report.analysis().markdown()
                            : report.report() + "\n" + report.analysis().text(),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigurationException(
                    Phrase.of("Cannot write the rehearsal report to " + file + " ("
                            + e.getClass().getSimpleName() + ": " + e.getMessage()
                            + "). The rehearsal itself ran, and the database is unchanged."),
                    Phrase.words("Set ", Setting.REHEARSAL_REPORT, " to a file in a writable directory."));
        }
    }
}
