package dev.tidemark.internal.execution;

import dev.tidemark.ConfigurationException;
import dev.tidemark.ErrorCode;
import dev.tidemark.MigrationDescriptor;
import dev.tidemark.MigrationVersion;
import dev.tidemark.TidemarkException;
import dev.tidemark.UndoResult;
import dev.tidemark.UndoneMigration;
import dev.tidemark.internal.config.Settings;
import dev.tidemark.internal.drift.DriftGuard;
import dev.tidemark.internal.history.HistoryRow;
import dev.tidemark.internal.history.HistoryTable;
import dev.tidemark.internal.plan.MigrationCatalog;
import dev.tidemark.internal.plan.Reconciliation;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * {@code undo}: under the lock, reverts the applied migrations above a target version (only the
 * newest when none is given), newest first. Before touching anything it checks the whole range:
 * each migration is in the code unchanged, has a {@code down}, is transactional (unless allowed
 * otherwise), and lies above the baseline. Each {@code down} then runs in one transaction with its
 * {@code UNDO} row and the snapshot of the schema it leaves.
 */
public final class UndoCommand {

    private final Settings settings;
    private final MigrationCatalog catalog;
    private final HistoryTable history;
    private final DriftGuard drift;

    public UndoCommand(Settings settings, MigrationCatalog catalog, DriftGuard drift) {
        this.settings = settings;
        this.catalog = catalog;
        this.history = new HistoryTable(settings.schema(), settings.table());
        this.drift = drift;
    }

    public UndoResult run(String targetText) {
        MigrationVersion target = parse(targetText);
        long started = System.nanoTime();
        try (CommandSession session = CommandSession.locked(settings, history)) {
            Reconciliation state = session.reconcile(catalog, history);
            MigrateCommand.refuseFailed(state, history, "nothing was undone");
            MigrationVersion current = state.currentVersion();
            List<HistoryRow> range = range(state, target);
            if (range.isEmpty()) {
                settings.listener()
                        .info("Schema " + settings.schema() + " is at version " + current + ", the undo target;"
                                + " nothing to undo.");
                return new UndoResult(settings.schema(), current, current, List.of(), elapsed(started));
            }
            List<MigrationDescriptor> toUndo = check(range, current);
            NavigableSet<MigrationVersion> appliedVersions = new TreeSet<>();
            state.applied().forEach(row -> appliedVersions.add(row.version()));
            try {
                drift.beforeMigrate(session.work(), current, true);
                List<UndoneMigration> undone;
                MigrationVersion now;
                try (Migrator migrator =
                        new Migrator(settings, catalog, history, session.work(), state.nextRank(), current)) {
                    undone = migrator.recordingSnapshots(drift).undo(toUndo, appliedVersions);
                    now = migrator.current();
                }
                settings.listener()
                        .info("Undid " + undone.size() + (undone.size() == 1 ? " migration" : " migrations")
                                + " of schema " + settings.schema() + "; now at version "
                                + (now == null ? "none (no migration applied)" : now) + ".");
                return new UndoResult(settings.schema(), current, now, undone, elapsed(started));
            } catch (SQLException e) {
                throw CommandSession.unexpected("undoing migrations of " + history.displayName(), e);
            }
        }
    }

    private static MigrationVersion parse(String targetText) {
        if (targetText == null || targetText.isBlank()) {
            return null;
        }
        String problem = MigrationVersion.problemWith(targetText.strip());
        if (problem != null) {
            throw new ConfigurationException("schema.target '" + targetText.strip() + "' is malformed: " + problem
                    + ".\nGive the version to go back to (its migration stays applied), or leave schema.target out"
                    + " to undo only the newest migration.");
        }
        return MigrationVersion.parse(targetText.strip());
    }

    /** The applied rows above the target (the newest one alone without a target), newest applied first. */
    private List<HistoryRow> range(Reconciliation state, MigrationVersion target) {
        MigrationVersion current = state.currentVersion();
        List<HistoryRow> applied = state.applied();
        if (current == null) {
            throw new TidemarkException(
                    ErrorCode.NOTHING_TO_UNDO,
                    "Nothing to undo in " + history.displayName() + ": no migration is applied. Nothing was"
                            + " changed.\nRun mvn schema:info to see where the database stands.");
        }
        MigrationVersion baseline = state.baselineVersion();
        if (target == null) {
            if (current.equals(baseline)) {
                throw belowBaseline(baseline, null);
            }
            return applied.stream().filter(row -> row.version().equals(current)).toList();
        }
        boolean known = catalog.get(target) != null || state.latestRow(target) != null;
        if (!known) {
            throw new TidemarkException(
                    ErrorCode.UNDO_INVALID_TARGET,
                    "schema.target " + target + " is neither a migration of the code nor a version in "
                            + history.displayName() + "; nothing was undone (the database is at version " + current
                            + ").\nSet schema.target to the version to go back to, one of "
                            + Nearest.versions(catalog, target) + ".");
        }
        if (target.compareTo(current) > 0) {
            throw new TidemarkException(
                    ErrorCode.UNDO_INVALID_TARGET,
                    "schema.target " + target + " is above the version the database is at (" + current
                            + "); undo only goes back, and nothing was undone.\nSet schema.target to a version"
                            + " below " + current + ", or run mvn schema:migrate -Dschema.target=" + target
                            + " to go forward.");
        }
        if (baseline != null && target.compareTo(baseline) < 0) {
            throw belowBaseline(baseline, target);
        }
        List<HistoryRow> range = new ArrayList<>();
        for (HistoryRow row : applied) {
            if (row.version().compareTo(target) > 0) {
                range.add(row);
            }
        }
        range.sort(Comparator.comparingInt(HistoryRow::installedRank).reversed());
        return range;
    }

    private TidemarkException belowBaseline(MigrationVersion baseline, MigrationVersion target) {
        return new TidemarkException(
                ErrorCode.UNDO_BELOW_BASELINE,
                (target == null
                                ? "The newest version of " + history.displayName() + " is the baseline " + baseline
                                : "schema.target " + target + " is below the baseline " + baseline + " of "
                                        + history.displayName())
                        + ": the schema up to the baseline was made by other means, not by migrations Tidemark"
                        + " ran, so no down can revert it. Nothing was undone (the database is at version "
                        + baseline + " or above).\nSet schema.target to " + baseline
                        + " or above; to go further back, change the schema by hand.");
    }

    /** Every migration of the range as the code has it; refuses, naming each offender, when one cannot be undone. */
    private List<MigrationDescriptor> check(List<HistoryRow> range, MigrationVersion current) {
        String state = " Nothing was undone (the database is at version " + current + ").\n";
        List<HistoryRow> missing = offenders(range, row -> catalog.get(row.version()) == null);
        if (!missing.isEmpty()) {
            throw new TidemarkException(
                    ErrorCode.UNDO_MISSING_FROM_CODE,
                    describe(missing, false) + (missing.size() == 1 ? " is" : " are")
                            + " applied but missing from the code, so there is no down() to run." + state
                            + "Restore the class (a build from an older branch?), or set schema.target to "
                            + highest(missing) + " or above.");
        }
        List<HistoryRow> changed = offenders(
                range, row -> !Objects.equals(catalog.get(row.version()).checksum(), row.checksum()));
        if (!changed.isEmpty()) {
            StringBuilder checksums = new StringBuilder();
            for (HistoryRow row : changed) {
                checksums
                        .append("\n  - ")
                        .append(row.version())
                        .append(": recorded ")
                        .append(row.checksum())
                        .append(", code ")
                        .append(catalog.get(row.version()).checksum());
            }
            throw new TidemarkException(
                    ErrorCode.UNDO_CHANGED_MIGRATION,
                    describe(changed, true) + (changed.size() == 1 ? " was" : " were")
                            + " changed after being applied, so its down() may not revert what its up() did:"
                            + checksums + "\n" + state.strip() + "\nRevert the change to the class, or run"
                            + " mvn schema:validate and mvn schema:repair if the change is harmless, then undo"
                            + " again.");
        }
        List<HistoryRow> withoutDown =
                offenders(range, row -> !catalog.get(row.version()).undoable());
        if (!withoutDown.isEmpty()) {
            throw new TidemarkException(
                    ErrorCode.UNDO_WITHOUT_DOWN,
                    describe(withoutDown, true) + (withoutDown.size() == 1 ? " has" : " have")
                            + " no down() method, so " + (withoutDown.size() == 1 ? "it" : "they")
                            + " cannot be undone." + state + "Add a down() to "
                            + (withoutDown.size() == 1 ? "it" : "each") + ", or set schema.target to "
                            + highest(withoutDown) + " or above.");
        }
        if (!settings.undoNonTransactional()) {
            List<HistoryRow> outside =
                    offenders(range, row -> !catalog.get(row.version()).transactional());
            if (!outside.isEmpty()) {
                throw new TidemarkException(
                        ErrorCode.UNDO_NON_TRANSACTIONAL,
                        describe(outside, true) + (outside.size() == 1 ? " runs" : " run")
                                + " outside a transaction (transactional = false): a down() that fails part way"
                                + " would leave the database partly reverted." + state
                                + "Allow it with schema.undoNonTransactional=true, or set schema.target to "
                                + highest(outside) + " or above.");
            }
        }
        List<MigrationDescriptor> migrations = new ArrayList<>();
        for (HistoryRow row : range) {
            migrations.add(catalog.get(row.version()));
        }
        return migrations;
    }

    private static MigrationVersion highest(List<HistoryRow> rows) {
        return rows.stream()
                .map(HistoryRow::version)
                .max(Comparator.naturalOrder())
                .orElseThrow();
    }

    private static List<HistoryRow> offenders(List<HistoryRow> range, Predicate<HistoryRow> test) {
        return range.stream().filter(test).toList();
    }

    private String describe(List<HistoryRow> rows, boolean inCode) {
        StringBuilder text = new StringBuilder(rows.size() == 1 ? "Migration " : "Migrations ");
        for (int i = 0; i < rows.size(); i++) {
            HistoryRow row = rows.get(i);
            String className = inCode ? catalog.get(row.version()).className() : row.className();
            text.append(i == 0 ? "" : i == rows.size() - 1 ? " and " : ", ")
                    .append(row.version())
                    .append(" '")
                    .append(row.description())
                    .append("' (")
                    .append(className)
                    .append(')');
        }
        return text.toString();
    }

    private static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
