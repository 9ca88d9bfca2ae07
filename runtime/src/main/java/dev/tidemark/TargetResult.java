package dev.tidemark;

import java.time.Duration;

/**
 * What a run on several targets ({@link Fleet}) did on one of them: one schema of one database.
 *
 * @param database the database, described without its password ({@code host:5432, database d})
 * @param schema the schema, or null when the schemas of this database could not be listed
 * @param outcome whether the command succeeded, failed or was not started
 * @param versionBefore the version before the run, or null when none was applied or it is unknown
 *     (a failed target's, whose command stopped before it could say)
 * @param versionAfter the version after the run, read back from the history for a failed target; null
 *     when nothing is applied or it could not be read
 * @param time how long the target's command ran, connecting and locking included; zero when not started
 * @param result the command's own result ({@link MigrateResult}, {@link ValidateResult}, {@link
 *     InfoResult} or {@link BaselineResult}), or null when it did not succeed
 * @param errorCode the failure's code ({@code TM-R100}), or null; null for a failure that is not
 *     Tidemark's (its message says what it was)
 * @param message the failure's whole message, in the API's terms, or null
 */
public record TargetResult(
        String database,
        String schema,
        Outcome outcome,
        MigrationVersion versionBefore,
        MigrationVersion versionAfter,
        Duration time,
        Object result,
        String errorCode,
        String message) {

    /** How the command ended on one target. */
    public enum Outcome {
        SUCCEEDED,
        FAILED,
        /** Not started, because another target failed and {@link OnTargetFailure#STOP} applied. */
        NOT_STARTED
    }

    /** The target as a person names it: {@code tenant_007}, or {@code host:5432, database d: tenant_007}. */
    public String describe(boolean withDatabase) {
        String name = schema == null ? "(schemas not listed)" : schema;
        return withDatabase ? database + ": " + name : name;
    }
}
