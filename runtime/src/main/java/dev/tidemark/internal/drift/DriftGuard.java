package dev.tidemark.internal.drift;

import dev.tidemark.DiffResult;
import dev.tidemark.DriftMode;
import dev.tidemark.ErrorCode;
import dev.tidemark.MigrationVersion;
import dev.tidemark.TidemarkException;
import dev.tidemark.TidemarkListener;
import dev.tidemark.ValidateResult;
import dev.tidemark.ValidationProblem;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the commands do about drift, in one place so that each command calls it in one line:
 * create the snapshot table beside the history table, check before migrating, record after a
 * successful migrate or baseline, add the differences to validation, and report them for
 * {@code diff}.
 */
public final class DriftGuard {

    private final String schema;
    private final SnapshotStore store;
    private final DriftMode mode;
    private final TidemarkListener listener;
    /**
     * The version of the latest snapshot this command saw in the table or recorded there itself,
     * so that {@link #recordIfMissing} need not read (and parse) it once more; null when unknown.
     */
    private String knownLatest;
    /** The first reads of the next drift check, when a command started them on another session. */
    private DigestPrefetch prefetch = DigestPrefetch.none();

    public DriftGuard(String schema, String historyTable, DriftMode mode, TidemarkListener listener) {
        this.schema = schema;
        this.store = new SnapshotStore(schema, historyTable);
        this.mode = mode;
        this.listener = listener;
    }

    /** The snapshot table's name, which the schema's own contents leave out like the history table. */
    public String snapshotTable() {
        return store.tableName();
    }

    /**
     * Starts the first reads of the coming drift check (the newest snapshot's header, then the live
     * catalog mark or digest) on the session {@code source} gives, while the command reads the
     * history on its work session; the next {@link #beforeMigrate} or {@link #validate} uses them.
     * Close the returned prefetch before the session it runs on. Reads nothing when drift is ignored.
     */
    public DigestPrefetch prefetch(DigestPrefetch.SessionSource source) {
        if (mode == DriftMode.IGNORE) {
            return DigestPrefetch.none();
        }
        prefetch = DigestPrefetch.start(store, source);
        return prefetch;
    }

    /** The prefetched reads, once: a later check reads afresh. */
    private Optional<DigestPrefetch.Result> prefetched() {
        Optional<DigestPrefetch.Result> result = prefetch.result();
        prefetch = DigestPrefetch.none();
        return result;
    }

    /** Creates the snapshot table; call it where the history table is created, on the same connection. */
    public void createTable(Connection work) throws SQLException {
        store.create(work);
    }

    /**
     * Before migrating: compares the live schema with the snapshot of {@code current}. With drift
     * set to FAIL and migrations to apply, refuses with the differences; otherwise reports each as a
     * warning. Ends the read's transaction when the connection is not in auto-commit.
     *
     * @throws dev.tidemark.TidemarkException {@code TM-R300} when migrate must not go on
     */
    public void beforeMigrate(Connection work, MigrationVersion current, boolean anythingToApply) throws SQLException {
        if (mode == DriftMode.IGNORE || !store.exists(work)) {
            return;
        }
        DriftCheck.Outcome outcome = DriftCheck.run(work, store, schema, text(current), prefetched());
        if (!work.getAutoCommit()) {
            work.commit();
        }
        if (outcome.recorded().isPresent()) {
            knownLatest = outcome.recorded().get().version();
        }
        if (outcome.note() != null) {
            listener.info("Drift check skipped: " + outcome.note() + ".");
        }
        if (!outcome.drift()) {
            return;
        }
        if (mode == DriftMode.FAIL && anythingToApply) {
            throw outcome.refusal();
        }
        for (String sentence : outcome.sentences()) {
            listener.warn("Drift: " + sentence);
        }
    }

    /**
     * Records the snapshot of the schema as it is now for {@code version}, on {@code work} inside
     * its open transaction (so it commits with the history row written there). A failure to record
     * is undone to a savepoint and reported as a warning: it never fails the migration.
     */
    public void recordInTransaction(Connection work, MigrationVersion version) throws SQLException {
        Savepoint savepoint = work.setSavepoint();
        try {
            store.record(work, text(version));
            work.releaseSavepoint(savepoint);
            knownLatest = text(version);
        } catch (SQLException | RuntimeException e) {
            work.rollback(savepoint);
            listener.warn("Could not record the schema snapshot of version " + version + " in "
                    + store.qualifiedName() + " (" + e.getMessage() + "); drift is not checked until the next"
                    + " migrate records one.");
        }
    }

    /**
     * Records a snapshot of {@code current} when the last one recorded belongs to another version
     * or none exists: after a run that ended with a non-transactional migration, or on a history
     * kept before snapshots existed. Commits when the connection is not in auto-commit.
     */
    public void recordIfMissing(Connection work, MigrationVersion current) throws SQLException {
        if (current == null || current.toString().equals(knownLatest)) {
            return;
        }
        if (!store.exists(work)) {
            store.create(work);
        }
        Optional<SnapshotStore.Recorded> latest = latestReadable(work);
        if (latest.isPresent() && current.toString().equals(latest.get().version())) {
            return;
        }
        if (work.getAutoCommit()) {
            store.record(work, text(current));
        } else {
            recordInTransaction(work, current);
            work.commit();
        }
        listener.info("Recorded the schema snapshot of version " + current + " in " + store.qualifiedName()
                + "; later changes by other means are reported as drift.");
    }

    /** Validation with the differences added: as problems when drift is FAIL, as warnings when WARN. */
    public ValidateResult validate(Connection work, ValidateResult result, MigrationVersion current) {
        if (mode == DriftMode.IGNORE) {
            return result;
        }
        DriftCheck.Outcome outcome;
        try {
            if (!store.exists(work)) {
                return result;
            }
            outcome = DriftCheck.run(work, store, schema, text(current), prefetched());
        } catch (SQLException e) {
            throw unexpected(e);
        }
        List<ValidationProblem> problems = new ArrayList<>(result.problems());
        List<String> warnings = new ArrayList<>(result.warnings());
        if (outcome.note() != null) {
            warnings.add("Drift check skipped: " + outcome.note() + ".");
        }
        if (mode == DriftMode.FAIL) {
            problems.addAll(outcome.problems());
            if (outcome.drift()) {
                warnings.add("Schema " + schema + " differs from the snapshot recorded at version " + current + ":"
                        + " put it back as its migrations left it (mvn schema:diff lists every difference, also"
                        + " as JSON) and write wanted changes as migrations, or set drift to WARN.");
            }
        } else {
            for (String sentence : outcome.sentences()) {
                warnings.add("Drift: " + sentence);
            }
        }
        return new ValidateResult(problems, warnings, result.pending(), result.currentVersion());
    }

    /** The report of {@code diff}: never fails on drift. */
    public DiffResult diff(Connection work, MigrationVersion current) {
        try {
            return DriftCheck.run(work, store, schema, text(current)).result();
        } catch (SQLException e) {
            throw unexpected(e);
        }
    }

    private TidemarkException unexpected(SQLException e) {
        return new TidemarkException(
                ErrorCode.INTERNAL,
                "Failed while comparing schema " + schema + " with its snapshot in " + store.qualifiedName()
                        + ": SQLSTATE " + e.getSQLState() + ": " + e.getMessage() + "\nThe database is unchanged."
                        + " Check that the user may read the schema and the snapshot table; the cause tells more.",
                e);
    }

    private Optional<SnapshotStore.Recorded> latestReadable(Connection work) throws SQLException {
        try {
            return store.latest(work);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String text(MigrationVersion version) {
        return version == null ? null : version.toString();
    }
}
