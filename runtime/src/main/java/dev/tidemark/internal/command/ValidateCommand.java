package dev.tidemark.internal.command;

import dev.tidemark.TidemarkEvent;
import dev.tidemark.TidemarkException;
import dev.tidemark.ValidateResult;
import dev.tidemark.internal.config.RunSettings;
import dev.tidemark.internal.drift.DriftControl;
import dev.tidemark.internal.execution.CommandSession;
import dev.tidemark.internal.plan.MigrationCatalog;
import dev.tidemark.internal.plan.Reconciliation;
import dev.tidemark.internal.plan.Validator;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code validate}: without the lock, compares the code with the history (no migration class is
 * loaded) and the live schema with the last recorded snapshot, tells the listener every warning,
 * and fails listing every problem.
 */
public final class ValidateCommand extends Command<ValidateResult> {

    private final DriftControl drift;
    private final Validator validator;

    public ValidateCommand(RunSettings settings, MigrationCatalog catalog, DriftControl drift) {
        super(settings, catalog, Access.READ_ONLY);
        this.drift = drift;
        this.validator = new Validator(catalog, history.displayName(), settings.outOfOrder(), settings.failOnPending());
    }

    @Override
    Reconciliation read(CommandSession session) {
        return session.reconcileFromSummary(catalog, history);
    }

    @Override
    ValidateResult work(CommandSession session, Reconciliation state) {
        ValidateResult result =
                validator.withRepeatables(validator.validate(state), session.repeatables(catalog, history, state));
        if (!state.failed().isEmpty()) {
            // The stopped run's completed statements changed the schema after the last snapshot:
            // they would read as drift. The check comes back once it is resumed or repaired.
            List<String> warnings = new ArrayList<>(result.warnings());
            warnings.add("Drift not checked: migration " + state.failed().get(0).version() + " stopped part way,"
                    + " and its completed statements changed the schema after the last recorded snapshot.");
            result = new ValidateResult(result.problems(), warnings, result.pending(), result.currentVersion());
        } else if (state.historyExists()) {
            result = drift.validate(session.work(), result, state.currentVersion());
        }
        return result;
    }

    @Override
    TidemarkException failed(SQLException e) {
        return CommandSession.unexpected("validating " + history.displayName(), e);
    }

    /** Tells the listener every warning, and fails when there is any problem. */
    @Override
    ValidateResult finish(ValidateResult validated) {
        ValidateResult result = validated.inSchema(settings.schema());
        result.warnings().forEach(warning -> settings.listener().on(new TidemarkEvent.ValidationWarning(warning)));
        if (!result.valid()) {
            throw validator.failure(result, "");
        }
        return result;
    }
}
