package dev.tidemark;

import java.util.List;

/**
 * What {@link Tidemark#validate()} found.
 *
 * @param problems every problem, all at once; empty when valid
 * @param warnings things worth showing that do not fail validation
 * @param pending migrations that would run on the next migrate
 * @param currentVersion the newest applied version, or null
 */
public record ValidateResult(
        List<ValidationProblem> problems,
        List<String> warnings,
        List<MigrationDescriptor> pending,
        MigrationVersion currentVersion) {

    public ValidateResult {
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
        pending = List.copyOf(pending);
    }

    public boolean valid() {
        return problems.isEmpty();
    }
}
