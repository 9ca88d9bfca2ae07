package dev.tidemark.internal.command;

import dev.tidemark.Action;
import dev.tidemark.ErrorCode;
import dev.tidemark.MigrationDescriptor;
import dev.tidemark.MigrationVersion;
import dev.tidemark.Phrase;
import dev.tidemark.Setting;
import dev.tidemark.TidemarkException;
import dev.tidemark.UndoResult;
import dev.tidemark.UndoneMigration;
import dev.tidemark.internal.config.RunSettings;
import dev.tidemark.internal.drift.DriftControl;
import dev.tidemark.internal.execution.CommandSession;
import dev.tidemark.internal.execution.Migrator;
import dev.tidemark.internal.history.HistoryRow;
import dev.tidemark.internal.plan.MigrationCatalog;
import dev.tidemark.internal.plan.NearbyVersions;
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
 * {@code UNDO} row; the run records one snapshot of the schema it leaves, with its last step, or
 * with the version reached when a step fails and is rolled back.
 */
public final class UndoCommand extends Command<UndoResult> {

    private final DriftControl drift;
    private final MigrationVersion target;
    private final long started;

    public UndoCommand(RunSettings settings, MigrationCatalog catalog, DriftControl drift, String targetText) {
        super(settings, catalog, Access.LOCKED);
        this.drift = drift;
        this.target = parse(targetText);
        this.started = System.nanoTime();
    }

    @Override
    void refuse(Reconciliation state) {
        refuseFailed(state, "nothing was undone");
    }

    @Override
    UndoResult work(CommandSession session, Reconciliation state) throws SQLException {
        MigrationVersion current = state.currentVersion();
        List<HistoryRow> range = range(state, target);
        if (range.isEmpty()) {
            return new UndoResult(settings.schema(), current, current, List.of(), elapsed(started));
        }
        List<MigrationDescriptor> toUndo = check(range, current);
        NavigableSet<MigrationVersion> appliedVersions = new TreeSet<>();
        state.applied().forEach(row -> appliedVersions.add(row.version()));
        drift.beforeMigrate(session.work(), current, true);
        List<UndoneMigration> undone;
        MigrationVersion now;
        try (Migrator migrator = new Migrator(settings, catalog, history, session.work(), state.nextRank(), current)) {
            try {
                undone = migrator.recordingSnapshots(drift).undo(toUndo, appliedVersions);
            } catch (SQLException | RuntimeException e) {
                if (migrator.stoppedAtCurrent()) {
                    drift.afterFailedUndo(session.work(), migrator.current(), e);
                }
                throw e;
            }
            now = migrator.current();
        }
        drift.recordIfMissing(session.work(), now);
        return new UndoResult(settings.schema(), current, now, undone, elapsed(started));
    }

    @Override
    TidemarkException failed(SQLException e) {
        return CommandSession.unexpected("undoing migrations of " + history.displayName(), e);
    }

    private static MigrationVersion parse(String targetText) {
        if (targetText == null || targetText.isBlank()) {
            return null;
        }
        String problem = MigrationVersion.problemWith(targetText.strip());
        if (problem != null) {
            throw Setting.UNDO_TO.invalid(
                    "is '" + targetText.strip() + "': " + problem + ".",
                    "Give the version to go back to (its migration stays applied), or leave the setting out to undo"
                            + " only the newest migration.");
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
                    Phrase.of("Nothing to undo in " + history.displayName() + ": no migration is applied. Nothing"
                            + " was changed."),
                    null,
                    Phrase.words("Run ", Action.INFO, " to see where the database stands."),
                    null);
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
                    Phrase.words(
                            Setting.UNDO_TO,
                            " " + target + " is neither a migration of the code nor a version in "
                                    + history.displayName() + "; nothing was undone (the database is at version "
                                    + current + ")."),
                    null,
                    Phrase.words(
                            "Set ",
                            Setting.UNDO_TO,
                            " to the version to go back to, one of " + NearbyVersions.around(catalog, target) + "."),
                    null);
        }
        if (target.compareTo(current) > 0) {
            throw new TidemarkException(
                    ErrorCode.UNDO_INVALID_TARGET,
                    Phrase.words(
                            Setting.UNDO_TO,
                            " " + target + " is above the version the database is at (" + current
                                    + "); undo only goes back, and nothing was undone."),
                    null,
                    Phrase.builder()
                            .append("Set ")
                            .setting(Setting.UNDO_TO)
                            .append(" to a version below " + current + ", or run ")
                            .action(Action.MIGRATE, Setting.TARGET, target)
                            .append(" to go forward.")
                            .build(),
                    null);
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
        Phrase.Builder what = Phrase.builder();
        if (target == null) {
            what.append("The newest version of " + history.displayName() + " is the baseline " + baseline);
        } else {
            what.setting(Setting.UNDO_TO)
                    .append(" " + target + " is below the baseline " + baseline + " of " + history.displayName());
        }
        what.append(": the schema up to the baseline was made by other means, not by migrations Tidemark ran, so no"
                + " down can revert it. Nothing was undone (the database is at version " + baseline + " or above).");
        return new TidemarkException(
                ErrorCode.UNDO_BELOW_BASELINE,
                what.build(),
                null,
                Phrase.words(
                        "Set ",
                        Setting.UNDO_TO,
                        " to " + baseline + " or above; to go further back, change the" + " schema by hand."),
                null);
    }

    /**
     * Every migration of the range as the code has it. Refuses, before anything runs, when one
     * cannot be undone, naming every offender of every check in one message: a user who fixes the
     * first reason must not meet the next one only on the next attempt. The id is the first check's.
     */
    private List<MigrationDescriptor> check(List<HistoryRow> range, MigrationVersion current) {
        List<Refusal> refusals = new ArrayList<>();
        List<HistoryRow> missing = offenders(range, row -> catalog.get(row.version()) == null);
        if (!missing.isEmpty()) {
            refusals.add(new Refusal(
                    ErrorCode.UNDO_MISSING_FROM_CODE,
                    missing,
                    describe(missing, false) + (missing.size() == 1 ? " is" : " are")
                            + " applied but missing from the code, so there is no down() to run.",
                    "restore the class (a build from an older branch?)",
                    "restore the class of " + versions(missing) + " (a build from an older branch?)"));
        }
        List<HistoryRow> present = offenders(range, row -> catalog.get(row.version()) != null);
        List<HistoryRow> changed = offenders(
                present, row -> !Objects.equals(catalog.get(row.version()).checksum(), row.checksum()));
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
            refusals.add(new Refusal(
                    ErrorCode.UNDO_CHANGED_MIGRATION,
                    changed,
                    describe(changed, true) + (changed.size() == 1 ? " was" : " were")
                            + " changed after being applied, so its down() may not revert what its up() did:"
                            + checksums,
                    "revert the change to the class, or run validate and repair if the change is harmless, then"
                            + " undo again",
                    "revert the change to the class of " + versions(changed)
                            + " (or validate and repair if it is harmless)"));
        }
        List<HistoryRow> withoutDown =
                offenders(present, row -> !catalog.get(row.version()).undoable());
        if (!withoutDown.isEmpty()) {
            refusals.add(new Refusal(
                    ErrorCode.UNDO_WITHOUT_DOWN,
                    withoutDown,
                    describe(withoutDown, true) + (withoutDown.size() == 1 ? " has" : " have")
                            + " no down() method, so " + (withoutDown.size() == 1 ? "it" : "they")
                            + " cannot be undone.",
                    "add a down() to " + (withoutDown.size() == 1 ? "it" : "each"),
                    "add a down() to " + versions(withoutDown)));
        }
        if (!settings.undoNonTransactional()) {
            List<HistoryRow> outside =
                    offenders(present, row -> !catalog.get(row.version()).transactional());
            if (!outside.isEmpty()) {
                refusals.add(new Refusal(
                        ErrorCode.UNDO_NON_TRANSACTIONAL,
                        outside,
                        describe(outside, true) + (outside.size() == 1 ? " runs" : " run")
                                + " outside a transaction (transactional = false): a down() that fails part way"
                                + " would leave the database partly reverted.",
                        "allow it with undoNonTransactional",
                        "allow undoNonTransactional for " + versions(outside)));
            }
        }
        if (!refusals.isEmpty()) {
            throw refusal(refusals, current);
        }
        List<MigrationDescriptor> migrations = new ArrayList<>();
        for (HistoryRow row : range) {
            migrations.add(catalog.get(row.version()));
        }
        return migrations;
    }

    /** One check that failed: its id, its offenders, what it found and how to fix it, alone or among others. */
    private record Refusal(
            ErrorCode code, List<HistoryRow> offenders, String found, String fix, String fixAmongOthers) {}

    /**
     * The refusal naming every offender. A target is suggested only when one undoes something: the
     * highest offender stays applied, so when that is the version the database is at (always so
     * when undoing the newest alone), no target helps and none is offered.
     */
    private static TidemarkException refusal(List<Refusal> refusals, MigrationVersion current) {
        List<HistoryRow> all = new ArrayList<>();
        List<String> found = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        for (Refusal refusal : refusals) {
            all.addAll(refusal.offenders());
            found.add(refusal.found());
            fixes.add(refusals.size() == 1 ? refusal.fix() : refusal.fixAmongOthers());
        }
        String what = String.join("\n", found);
        String state = "Nothing was undone (the database is at version " + current + ").";
        MigrationVersion highest = highest(all);
        String fix = String.join("; ", fixes);
        if (highest.compareTo(current) < 0) {
            fix += (refusals.size() == 1 ? ", or" : "; or") + " set undoTo to " + highest
                    + " to undo only the migrations above it";
        }
        fix = Character.toUpperCase(fix.charAt(0)) + fix.substring(1) + ".";
        return new TidemarkException(
                refusals.get(0).code(), what + (what.contains("\n") ? "\n" : " ") + state + "\n" + fix);
    }

    /** The versions of {@code rows}, as in "2, 3 and 5". */
    private static String versions(List<HistoryRow> rows) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            text.append(i == 0 ? "" : i == rows.size() - 1 ? " and " : ", ")
                    .append(rows.get(i).version());
        }
        return text.toString();
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
