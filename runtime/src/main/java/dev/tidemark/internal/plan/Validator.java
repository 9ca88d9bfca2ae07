package dev.tidemark.internal.plan;

import dev.tidemark.Action;
import dev.tidemark.ErrorCode;
import dev.tidemark.MigrationDescriptor;
import dev.tidemark.Phrase;
import dev.tidemark.RepeatableInfo;
import dev.tidemark.Setting;
import dev.tidemark.ValidateResult;
import dev.tidemark.ValidationException;
import dev.tidemark.ValidationProblem;
import dev.tidemark.ValidationProblem.Kind;
import dev.tidemark.internal.history.HistoryRow;
import dev.tidemark.internal.history.RepeatableRow;
import dev.tidemark.internal.history.StoppedRun;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Compares the code with the history from manifest data alone (no migration class is loaded) and
 * reports every problem at once.
 */
public final class Validator {

    private final MigrationCatalog catalog;
    private final String historyName;
    private final boolean outOfOrderAllowed;
    private final boolean failOnPending;

    public Validator(MigrationCatalog catalog, String historyName, boolean outOfOrderAllowed, boolean failOnPending) {
        this.catalog = catalog;
        this.historyName = historyName;
        this.outOfOrderAllowed = outOfOrderAllowed;
        this.failOnPending = failOnPending;
    }

    public ValidateResult validate(Reconciliation state) {
        List<ValidationProblem> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (!state.historyExists()) {
            warnings.add("The history table " + historyName + " does not exist: nothing has been applied to this"
                    + " database, or the schema and table settings point elsewhere.");
        }
        // A history known to agree with the code row by row has nothing to check here.
        for (HistoryRow row : state.agreesWithCode() ? List.<HistoryRow>of() : state.applied()) {
            if (row.isBaseline()) {
                continue;
            }
            MigrationDescriptor code = catalog.get(row.version());
            if (code == null) {
                problems.add(new ValidationProblem(
                        Kind.MISSING_FROM_CODE,
                        row.version(),
                        row.className(),
                        "Migration " + row.version() + " (" + row.className() + ", '" + row.description()
                                + "') is applied in the database but missing from the code. Restore the class (a"
                                + " deleted or renumbered migration, or a build from an older branch?), or run"
                                + " against the database this code belongs to."));
                continue;
            }
            if (!Objects.equals(code.checksum(), row.checksum())) {
                problems.add(new ValidationProblem(
                        Kind.CHECKSUM_MISMATCH,
                        row.version(),
                        code.className(),
                        "Migration " + row.version() + " (" + code.className() + ") was changed after it was"
                                + " applied: the recorded checksum is " + row.checksum() + ", the code's is "
                                + code.checksum() + ". Revert the change and put it in a new migration; if the"
                                + " change does not alter what the migration does, repair records the new"
                                + " checksum." + checksumFormatNote(row.checksum(), code.checksum())));
            }
            if (!Objects.equals(code.description(), row.description())) {
                warnings.add("Migration " + row.version() + " (" + code.className() + ") is described as '"
                        + code.description() + "' in the code but was recorded as '" + row.description()
                        + "'; repair realigns the history.");
            }
        }
        for (HistoryRow row : state.failed()) {
            if (row.progress() != null) {
                problems.add(new ValidationProblem(
                        Kind.FAILED,
                        row.version(),
                        row.className(),
                        StoppedRun.describe(row).replace("\n", "\n    ")
                                + "\n    The database may hold what its completed"
                                + " statements did. Resume it (migrate with resume on), or finish or undo its changes"
                                + " by hand and repair it (choosing 'applied' or 'removed')."));
                continue;
            }
            problems.add(new ValidationProblem(
                    Kind.FAILED,
                    row.version(),
                    row.className(),
                    "Migration " + row.version() + " (" + row.className() + ") failed on " + row.installedOn()
                            + " outside a transaction, so the database may hold part of it. Check the database"
                            + " and finish or undo that migration's changes by hand, then repair it."));
        }
        List<MigrationDescriptor> pending = new ArrayList<>();
        for (MigrationDescriptor migration : state.pending()) {
            if (state.outOfOrder(migration) && !outOfOrderAllowed) {
                problems.add(new ValidationProblem(
                        Kind.OUT_OF_ORDER,
                        migration.version(),
                        migration.className(),
                        "Migration " + migration.version() + " (" + migration.className() + ") is pending but"
                                + " older than the newest applied migration " + state.currentVersion() + ". Give it"
                                + " a version above " + state.currentVersion()
                                + ", or allow out-of-order migrations."));
                continue;
            }
            pending.add(migration);
            if (failOnPending) {
                problems.add(new ValidationProblem(
                        Kind.PENDING,
                        migration.version(),
                        migration.className(),
                        "Migration " + migration.version() + " (" + migration.className() + ") is pending. Migrate,"
                                + " or do not fail on pending migrations."));
            }
        }
        return new ValidateResult(problems, warnings, pending, state.currentVersion());
    }

    /**
     * {@code result} with the problems of the repeatable migrations: each applied in the database
     * and missing from the code, and when pending migrations fail validation, each pending or
     * outdated one. An outdated repeatable migration (its file changed since it was applied) is
     * pending, not an edited migration: migrate applies it again.
     */
    public ValidateResult withRepeatables(ValidateResult result, RepeatablePlan plan) {
        List<ValidationProblem> problems = new ArrayList<>(result.problems());
        for (RepeatableRow row : plan.missing()) {
            problems.add(new ValidationProblem(
                    Kind.MISSING_FROM_CODE,
                    null,
                    row.className(),
                    "Repeatable migration '" + row.description() + "' (" + row.className() + ") is applied in the"
                            + " database but missing from the code. Restore the file (a deleted or renamed"
                            + " repeatable migration, or a build from an older branch?); if it was deleted on"
                            + " purpose, repair removes its history rows (what it made stays in the database);"
                            + " or run against the database this code belongs to."));
        }
        if (failOnPending) {
            for (RepeatableInfo info : plan.infos()) {
                if (info.state() == RepeatableInfo.State.PENDING || info.state() == RepeatableInfo.State.OUTDATED) {
                    problems.add(new ValidationProblem(
                            Kind.PENDING,
                            null,
                            info.file(),
                            "Repeatable migration '" + info.description() + "' (" + info.file() + ") is "
                                    + (info.state() == RepeatableInfo.State.PENDING
                                            ? "pending"
                                            : "outdated: its file changed since it was applied")
                                    + ". Migrate, or do not fail on pending migrations."));
                }
            }
        }
        if (problems.size() == result.problems().size()) {
            return result;
        }
        return new ValidateResult(problems, result.warnings(), result.pending(), result.currentVersion());
    }

    /**
     * What to do about the problems of {@code result}: for each kind of problem, the settings and
     * actions that fix it.
     */
    static Phrase remedy(ValidateResult result) {
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        result.problems().forEach(problem -> kinds.add(problem.kind()));
        Phrase.Builder remedy = Phrase.builder().append("Fix each problem as its line says, then run again.");
        if (kinds.contains(Kind.CHECKSUM_MISMATCH) || kinds.contains(Kind.DESCRIPTION_MISMATCH)) {
            remedy.append(" For a change that does not alter what a migration does, ")
                    .action(Action.REPAIR)
                    .append(" records the new checksum.");
        }
        if (kinds.contains(Kind.FAILED)) {
            remedy.append(" Resume a stopped migration with ")
                    .action(Action.MIGRATE, Setting.RESUME, true)
                    .append(", or finish or undo its changes by hand, then ")
                    .action(Action.REPAIR, Setting.REPAIR_AS, "applied")
                    .append(" or ")
                    .setting(Setting.REPAIR_AS, "removed")
                    .append(".");
        }
        if (kinds.contains(Kind.OUT_OF_ORDER)) {
            remedy.append(" To let older pending migrations run, set ")
                    .setting(Setting.OUT_OF_ORDER, true)
                    .append(".");
        }
        if (kinds.contains(Kind.PENDING)) {
            remedy.append(" Pending migrations fail validation because ")
                    .setting(Setting.FAIL_ON_PENDING, true)
                    .append(" is set: run ")
                    .action(Action.MIGRATE)
                    .append(" first.");
        }
        if (kinds.contains(Kind.DRIFT)) {
            remedy.append(" ").append(ErrorCode.DRIFT_DETECTED.remedy());
        }
        return remedy.build();
    }

    /** The exception for a result with problems: every problem on its own line. */
    public ValidationException failure(ValidateResult result, String context) {
        StringBuilder message = new StringBuilder("Validation of ")
                .append(historyName)
                .append(" found ")
                .append(result.problems().size())
                .append(result.problems().size() == 1 ? " problem" : " problems")
                .append(context)
                .append(':');
        for (ValidationProblem problem : result.problems()) {
            message.append("\n  - ").append(problem.message());
        }
        return new ValidationException(Phrase.of(message.toString()), remedy(result), result);
    }

    /**
     * What a {@code v2} checksum (source and the values of other classes' constants) tells about a
     * mismatch: where to look for the change, and why a migration recorded as {@code v1} differs.
     */
    private static String checksumFormatNote(String recorded, String code) {
        if (code == null || !code.startsWith("v2:")) {
            return "";
        }
        if (recorded != null && recorded.startsWith("v1:")) {
            return " The recorded checksum (format v1) covers the migration's source only; the code's (format"
                    + " v2) also covers the values of the constants of other classes it uses, so the two differ"
                    + " even if nothing was edited: if neither the migration nor those constants changed since"
                    + " it was applied, repair records the v2 checksum.";
        }
        return " The checksum also covers the values of the constants of other classes that the migration"
                + " uses, so the change may be in one of those.";
    }
}
