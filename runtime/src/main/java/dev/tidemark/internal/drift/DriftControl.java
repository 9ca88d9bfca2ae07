package dev.tidemark.internal.drift;

import dev.tidemark.DiffResult;
import dev.tidemark.DriftAcceptance;
import dev.tidemark.DriftMode;
import dev.tidemark.ErrorCode;
import dev.tidemark.MigrationVersion;
import dev.tidemark.SchemaDifference;
import dev.tidemark.TidemarkEvent;
import dev.tidemark.TidemarkException;
import dev.tidemark.TidemarkListener;
import dev.tidemark.ValidateResult;
import dev.tidemark.ValidationProblem;
import dev.tidemark.internal.jdbc.PermissionDenied;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the commands do about drift and the snapshots it is measured against, in one place so that
 * each command calls it in one line (the comparison itself is {@link SnapshotComparison}'s):
 * create the snapshot table beside the history table, check before migrating, record after a
 * successful migrate or baseline, add the differences to validation, and report them for
 * {@code diff}.
 */
public final class DriftControl {

    private final String schema;
    private final SnapshotStore store;
    private final DriftMode mode;
    private final TidemarkListener listener;
    /**
     * The version of the latest snapshot this command saw in the table or recorded there itself,
     * so that {@link #recordIfMissing} need not read (and parse) it once more; null when unknown.
     */
    private String knownLatest;
    /**
     * The drift this run goes on with (drift set to WARN), carried into every snapshot it records so
     * that it stays drift; null when the schema matched its reference.
     */
    private Reference carried;

    public DriftControl(String schema, String historyTable, DriftMode mode, TidemarkListener listener) {
        this.schema = schema;
        this.store = new SnapshotStore(schema, historyTable);
        this.mode = mode;
        this.listener = listener;
    }

    /** The snapshot table's name, which the schema's own contents leave out like the history table. */
    public String snapshotTable() {
        return store.tableName();
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
        SnapshotComparison.Outcome outcome = SnapshotComparison.run(work, store, schema, text(current));
        if (!work.getAutoCommit()) {
            work.commit();
        }
        if (outcome.recorded().isPresent()) {
            knownLatest = outcome.recorded().get().version();
        }
        if (outcome.note() != null) {
            listener.on(new TidemarkEvent.DriftCheckSkipped(outcome.note()));
        }
        if (!outcome.drift()) {
            return;
        }
        if (mode == DriftMode.FAIL && anythingToApply) {
            throw outcome.refusal();
        }
        for (SchemaDifference difference : outcome.differences()) {
            listener.on(new TidemarkEvent.DriftFound(difference));
        }
        if (anythingToApply) {
            carried = Reference.carrying(outcome.recorded().get().snapshot(), outcome.live());
            listener.on(new TidemarkEvent.DriftLetThrough(
                    outcome.diff().differences().size()));
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
            record(work, version);
            work.releaseSavepoint(savepoint);
            knownLatest = text(version);
        } catch (SQLException | RuntimeException e) {
            work.rollback(savepoint);
            listener.on(new TidemarkEvent.SnapshotNotRecorded(version, store.qualifiedName(), e.getMessage()));
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
            record(work, current);
        } else {
            recordInTransaction(work, current);
            work.commit();
        }
        listener.on(new TidemarkEvent.SnapshotRecorded(current, store.qualifiedName()));
    }

    /**
     * After a run that failed: when it went on over drift and applied migrations before the one that
     * failed, records the snapshot of {@code current}, the version it reached, with that drift carried
     * into it. Only a run's last migration records one, so without it the next check would find no
     * snapshot of that version to compare with, and the next migrate would record the live schema,
     * drift and all. Never fails: what goes wrong is added to {@code failure} as suppressed.
     */
    public void afterFailedRun(Connection work, MigrationVersion current, Throwable failure) {
        if (carried != null) {
            recordReached(work, current, failure);
        }
    }

    /**
     * After an undo that failed with its failed step rolled back: records the snapshot of {@code
     * current}, the version it reached, when the steps before the failure changed the schema. Only an
     * undo's last step records one, so without it the next check would find no snapshot of that
     * version and could not check drift. Never fails: what goes wrong is added to {@code failure}.
     */
    public void afterFailedUndo(Connection work, MigrationVersion current, Throwable failure) {
        recordReached(work, current, failure);
    }

    private void recordReached(Connection work, MigrationVersion current, Throwable failure) {
        try {
            recordIfMissing(work, current);
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Records the reference for {@code version} (see {@link Reference}): the live schema, or with the
     * drift this run went on with carried into it. Until that drift is gone it is carried on to the
     * next snapshot the run records.
     */
    private void record(Connection work, MigrationVersion version) throws SQLException {
        Reference from = carried;
        SnapshotStore.Recording recording =
                store.record(work, text(version), live -> from == null ? Reference.of(live) : from.after(live), null);
        SchemaSnapshot reference = recording.reference().snapshot();
        carried = from == null || reference.equals(Reference.of(recording.live()))
                ? null
                : Reference.carrying(reference, recording.live());
    }

    /** Validation with the differences added: as problems when drift is FAIL, as warnings when WARN. */
    public ValidateResult validate(Connection work, ValidateResult result, MigrationVersion current) {
        if (mode == DriftMode.IGNORE) {
            return result;
        }
        SnapshotComparison.Outcome outcome;
        try {
            if (!store.exists(work)) {
                return result;
            }
            outcome = SnapshotComparison.run(work, store, schema, text(current));
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
                        + " put it back as its migrations left it (diff lists every difference, also as JSON)"
                        + " and write wanted changes as migrations, or set drift to warn; to keep the"
                        + " changes as they are, accept the live schema as the new reference (acceptDrift),"
                        + " which records who accepted which differences.");
            }
        } else {
            for (String sentence : outcome.sentences()) {
                warnings.add("Drift: " + sentence);
            }
        }
        return new ValidateResult(problems, warnings, result.pending(), result.currentVersion());
    }

    /**
     * Accepts the live schema as the reference of {@code current}: compares it in full with the
     * recorded reference and, when they differ, records a snapshot of it (every index expected
     * valid, see {@link Reference}) with who accepted which differences; commits. Records nothing
     * when nothing differs, and nothing without a history table.
     *
     * @param acceptedBy who to record as having accepted, or null for the session's user
     */
    public DriftAcceptance accept(Connection work, boolean historyExists, MigrationVersion current, String acceptedBy) {
        if (!historyExists) {
            return new DriftAcceptance(
                    schema,
                    null,
                    List.of(),
                    List.of(),
                    null,
                    null,
                    null,
                    "there is no history table, so no reference to accept anything against: the first migrate or"
                            + " baseline records one");
        }
        try {
            store.create(work);
            SnapshotComparison.Outcome outcome = SnapshotComparison.compare(work, store, schema, text(current));
            SchemaSnapshot live = outcome.live();
            SchemaSnapshot previous =
                    outcome.recorded().map(SnapshotStore.Recorded::snapshot).orElse(null);
            List<String> stillReported =
                    SchemaDiff.between(Reference.accepting(previous, live), live).differences().stream()
                            .map(Difference::message)
                            .toList();
            List<String> accepted = new ArrayList<>(outcome.sentences());
            accepted.removeAll(stillReported);
            if (outcome.note() != null) {
                accepted.add("(" + outcome.note() + ")");
            }
            if (accepted.isEmpty()) {
                endTransaction(work);
                return new DriftAcceptance(schema, current, List.of(), stillReported, null, null, null, outcome.note());
            }
            SnapshotStore.Recording recording = store.record(
                    work,
                    text(current),
                    now -> Reference.accepting(previous, now),
                    new SnapshotStore.Acceptance(acceptedBy, accepted));
            DriftAcceptance acceptance;
            try (PreparedStatement who = work.prepareStatement(
                    "SELECT coalesce(?, current_user), (extract(epoch FROM now()) * 1000)::bigint")) {
                who.setString(1, acceptedBy);
                try (ResultSet row = who.executeQuery()) {
                    row.next();
                    acceptance = new DriftAcceptance(
                            schema,
                            current,
                            outcome.note() == null ? accepted : List.of(),
                            stillReported,
                            row.getString(1),
                            Instant.ofEpochMilli(row.getLong(2)),
                            recording.reference().fingerprint(),
                            outcome.note());
                }
            }
            endTransaction(work);
            knownLatest = text(current);
            return acceptance;
        } catch (SQLException e) {
            throw unexpected(e);
        }
    }

    private static void endTransaction(Connection work) throws SQLException {
        if (!work.getAutoCommit()) {
            work.commit();
        }
    }

    /** The report of {@code diff}: never fails on drift. */
    public DiffResult diff(Connection work, MigrationVersion current) {
        try {
            return SnapshotComparison.run(work, store, schema, text(current)).result();
        } catch (SQLException e) {
            throw unexpected(e);
        }
    }

    private TidemarkException unexpected(SQLException e) {
        if (PermissionDenied.is(e)) {
            return PermissionDenied.of(
                    "comparing schema " + schema + " with its snapshot in " + store.qualifiedName(),
                    null,
                    "The database is unchanged.",
                    e);
        }
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
