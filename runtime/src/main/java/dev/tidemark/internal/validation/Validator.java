package dev.tidemark.internal.validation;

import dev.tidemark.MigrationDescriptor;
import dev.tidemark.ValidateResult;
import dev.tidemark.ValidationException;
import dev.tidemark.ValidationProblem;
import dev.tidemark.ValidationProblem.Kind;
import dev.tidemark.internal.history.HistoryRow;
import dev.tidemark.internal.plan.MigrationCatalog;
import dev.tidemark.internal.plan.Reconciliation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
                    + " database, or schema.schema / schema.table point elsewhere.");
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
                                + " change does not alter what the migration does, run mvn schema:repair to record"
                                + " the new checksum." + checksumFormatNote(row.checksum(), code.checksum())));
            }
            if (!Objects.equals(code.description(), row.description())) {
                warnings.add("Migration " + row.version() + " (" + code.className() + ") is described as '"
                        + code.description() + "' in the code but was recorded as '" + row.description()
                        + "'; mvn schema:repair realigns the history.");
            }
        }
        for (HistoryRow row : state.failed()) {
            problems.add(new ValidationProblem(
                    Kind.FAILED,
                    row.version(),
                    row.className(),
                    "Migration " + row.version() + " (" + row.className() + ") failed on " + row.installedOn()
                            + " outside a transaction, so the database may hold part of it. Check the database"
                            + " and finish or undo that migration's changes by hand, then run mvn schema:repair."));
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
                                + ", or allow it with schema.outOfOrder=true."));
                continue;
            }
            pending.add(migration);
            if (failOnPending) {
                problems.add(new ValidationProblem(
                        Kind.PENDING,
                        migration.version(),
                        migration.className(),
                        "Migration " + migration.version() + " (" + migration.className() + ") is pending. Run"
                                + " mvn schema:migrate, or leave schema.failOnPending off."));
            }
        }
        return new ValidateResult(problems, warnings, pending, state.currentVersion());
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
        message.append("\nFix each problem as its line says, then run again.");
        return new ValidationException(message.toString(), result);
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
