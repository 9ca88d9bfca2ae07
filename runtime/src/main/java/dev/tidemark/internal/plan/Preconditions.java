package dev.tidemark.internal.plan;

import dev.tidemark.Action;
import dev.tidemark.ErrorCode;
import dev.tidemark.MigrationVersion;
import dev.tidemark.Phrase;
import dev.tidemark.Setting;
import dev.tidemark.TidemarkEvent;
import dev.tidemark.TidemarkException;
import dev.tidemark.TidemarkListener;
import dev.tidemark.ValidateResult;
import dev.tidemark.ValidationProblem;
import dev.tidemark.internal.history.HistoryRow;
import dev.tidemark.internal.history.HistoryTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the plan must satisfy before a verb runs anything, shared by the verbs that refuse the same
 * things: migrate and rehearse refuse validation problems, a target that is no migration or lies
 * below the database, and a schema with objects but no history; baseline refuses a history that
 * already has rows. Each refusal says what was not done and the version the database is at.
 */
public final class Preconditions {

    private final MigrationCatalog catalog;
    private final HistoryTable history;
    private final String schema;
    private final String table;
    private final String snapshotTable;
    private final boolean outOfOrder;
    private final boolean validateOnMigrate;
    private final TidemarkListener listener;

    /**
     * @param table the history table, and {@code snapshotTable} the snapshot table beside it: the
     *     schema's own contents leave both out
     * @param outOfOrder whether pending migrations below the newest applied one may run
     * @param validateOnMigrate whether validation problems other than out-of-order ones refuse
     */
    public Preconditions(
            MigrationCatalog catalog,
            HistoryTable history,
            String table,
            String snapshotTable,
            boolean outOfOrder,
            boolean validateOnMigrate,
            TidemarkListener listener) {
        this.catalog = catalog;
        this.history = history;
        this.schema = history.schema();
        this.table = table;
        this.snapshotTable = snapshotTable;
        this.outOfOrder = outOfOrder;
        this.validateOnMigrate = validateOnMigrate;
        this.listener = listener;
    }

    /** Refuses when validation finds problems; {@code before} says what was not done. */
    public void refuseInvalid(Reconciliation state, String before) {
        refuseInvalid(state, null, before);
    }

    /** As {@link #refuseInvalid(Reconciliation, String)}, leaving out the failed row being {@code resumed}. */
    public void refuseInvalid(Reconciliation state, HistoryRow resumed, String before) {
        refuseInvalid(state, resumed, null, before);
    }

    /**
     * As {@link #refuseInvalid(Reconciliation, HistoryRow, String)}, with the problems of the
     * repeatable migrations of {@code repeatables} (a repeatable migration missing from the code)
     * when it is not null.
     */
    public void refuseInvalid(Reconciliation state, HistoryRow resumed, RepeatablePlan repeatables, String before) {
        Validator validator = new Validator(catalog, history.displayName(), outOfOrder, false);
        ValidateResult result = validator.validate(state);
        if (repeatables != null) {
            result = validator.withRepeatables(result, repeatables);
        }
        List<ValidationProblem> problems = new ArrayList<>();
        for (ValidationProblem problem : result.problems()) {
            // Out-of-order pending migrations are refused even with validateOnMigrate off.
            boolean beingResumed = resumed != null
                    && problem.kind() == ValidationProblem.Kind.FAILED
                    && problem.version().equals(resumed.version());
            if (beingResumed) {
                continue;
            }
            if (validateOnMigrate || problem.kind() == ValidationProblem.Kind.OUT_OF_ORDER) {
                problems.add(problem);
            }
        }
        for (String warning : result.warnings()) {
            if (state.historyExists()) {
                listener.on(new TidemarkEvent.ValidationWarning(warning));
            }
        }
        if (!problems.isEmpty()) {
            ValidateResult refused =
                    new ValidateResult(problems, result.warnings(), result.pending(), result.currentVersion());
            throw validator.failure(
                    refused,
                    " before " + before + " (the database is "
                            + (state.currentVersion() == null
                                    ? "without applied migrations"
                                    : "at version " + state.currentVersion())
                            + ")");
        }
    }

    /** Refuses a {@code target} version that is no migration of the code, or lies below the database. */
    public void checkTarget(Reconciliation state, Target target) {
        if (target.kind() != Target.Kind.VERSION) {
            return;
        }
        if (catalog.get(target.version()) == null) {
            throw new TidemarkException(
                    ErrorCode.INVALID_TARGET,
                    Phrase.words(
                            Setting.TARGET,
                            " " + target.version()
                                    + " is not the version of any migration of the code; nothing was applied."),
                    null,
                    Phrase.words(
                            "Set ",
                            Setting.TARGET,
                            " to one of the versions " + NearbyVersions.around(catalog, target.version())
                                    + ", or to latest."),
                    null);
        }
        MigrationVersion current = state.currentVersion();
        if (current != null && target.version().compareTo(current) < 0) {
            throw new TidemarkException(
                    ErrorCode.INVALID_TARGET,
                    Phrase.words(
                            Setting.TARGET,
                            " " + target.version() + " is below the version the database is at (" + current
                                    + "); migrate never goes back, and nothing was applied."),
                    null,
                    Phrase.words("Set ", Setting.TARGET, " to " + current + " or above, or to latest."),
                    null);
        }
    }

    /**
     * Refuses to apply migrations to a schema that holds objects while the history has no row:
     * nothing tells which migrations made them.
     */
    public void refuseNonEmptySchema(Connection work, boolean historyExists) throws SQLException {
        List<String> objects = SchemaContents.list(work, schema, table, snapshotTable);
        if (objects.isEmpty()) {
            return;
        }
        String shown = String.join(", ", objects.subList(0, Math.min(5, objects.size())))
                + (objects.size() > 5 ? " and " + (objects.size() - 5) + " more" : "");
        throw new TidemarkException(
                ErrorCode.SCHEMA_NOT_EMPTY,
                Phrase.of("Schema " + schema + " already holds " + shown + ", but the history table "
                        + history.displayName() + (historyExists ? " has no rows" : " does not exist")
                        + ": Tidemark cannot tell which migrations made them. Nothing was applied."),
                null,
                Phrase.words(
                        "If the schema matches the code up to some version, adopt it with ",
                        Action.BASELINE,
                        ", then ",
                        Action.MIGRATE,
                        "; otherwise point ",
                        Setting.SCHEMA,
                        " at an empty schema."),
                null);
    }

    /** Baseline only adopts a database without history. */
    public void refuseHistoryWithRows(Reconciliation state) {
        if (!state.rows().isEmpty()) {
            throw new TidemarkException(
                    ErrorCode.BASELINE_HISTORY_NOT_EMPTY,
                    Phrase.of("Cannot baseline " + history.displayName() + ": its history already has "
                            + state.rows().size() + (state.rows().size() == 1 ? " row" : " rows")
                            + (state.currentVersion() == null ? "" : " (at version " + state.currentVersion() + ")")
                            + ", so Tidemark already knows what was applied. Nothing was recorded."),
                    null,
                    Phrase.words(
                            "Baseline only adopts a database without history; run ",
                            Action.INFO,
                            " to see where this one stands, and ",
                            Action.MIGRATE,
                            " to bring it up to date."),
                    null);
        }
    }
}
