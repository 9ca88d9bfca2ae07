package dev.tidemark;

import java.util.List;

/**
 * What {@link Tidemark#validate()} found.
 *
 * @param schema the schema validated, or null where not known yet
 * @param problems every problem, all at once; empty when valid
 * @param warnings things worth showing that do not fail validation
 * @param pending migrations that would run on the next migrate
 * @param currentVersion the newest applied version, or null
 */
public record ValidateResult(
        String schema,
        List<ValidationProblem> problems,
        List<String> warnings,
        List<MigrationDescriptor> pending,
        MigrationVersion currentVersion) {

    public ValidateResult {
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
        pending = List.copyOf(pending);
    }

    /** A result whose schema is not known here; the facade fills it in. */
    public ValidateResult(
            List<ValidationProblem> problems,
            List<String> warnings,
            List<MigrationDescriptor> pending,
            MigrationVersion currentVersion) {
        this(null, problems, warnings, pending, currentVersion);
    }

    /** This result for {@code schema}. */
    public ValidateResult inSchema(String schema) {
        return new ValidateResult(schema, problems, warnings, pending, currentVersion);
    }

    public boolean valid() {
        return problems.isEmpty();
    }
}
