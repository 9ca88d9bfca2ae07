package dev.tidemark;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What {@link Tidemark#rehearse()} found: each pending migration run against the real database in
 * one transaction that was then rolled back, so the database is unchanged.
 *
 * @param schema the schema rehearsed on
 * @param currentVersion the version the database is at (and stays at), or null when none
 * @param steps every pending migration up to the target, in version order, then each repeatable
 *     migration migrate would apply (new or changed; its version null), by description, with what
 *     happened to it
 * @param totalTime the whole rehearsal, connecting, locking and rolling back included
 * @param lockTimeout the {@code lock_timeout} the rehearsal's statements ran with
 * @param analysis what each statement would lock and rewrite on the real tables, with their sizes
 */
public record RehearsalResult(
        String schema,
        MigrationVersion currentVersion,
        List<Step> steps,
        Duration totalTime,
        Duration lockTimeout,
        LockAnalysis analysis) {

    public RehearsalResult {
        steps = List.copyOf(steps);
    }

    /** The report as plain text, one migration a paragraph: what {@link ResultFormat#toText} starts with. */
    public String report() {
        return new RehearsalText(this).text();
    }

    /** The same report as Markdown, for review in a pull request or ticket. */
    public String markdown() {
        return new RehearsalText(this).markdown();
    }

    /**
     * Whether every rehearsed migration succeeded (migrations not rehearsed because non-transactional
     * do not count) and no statement would hold ACCESS EXCLUSIVE on a table above {@link
     * Configuration#failOnExclusiveLockAbove}.
     */
    public boolean succeeded() {
        return failure().isEmpty() && analysis.exceedingLimit().isEmpty();
    }

    /**
     * Returns this result when every rehearsed migration succeeded.
     *
     * @throws TidemarkException {@link ErrorCode#REHEARSAL_FAILED} naming the migration, the
     *     statement, SQLSTATE and message, or {@link ErrorCode#REHEARSAL_LOCK_UNAVAILABLE} when a
     *     statement could not get a table lock in time, or {@link
     *     ErrorCode#REHEARSAL_EXCLUSIVE_LOCK_TOO_LARGE} naming the statement, the table and its size
     *     when one would hold ACCESS EXCLUSIVE on a table above {@link
     *     Configuration#failOnExclusiveLockAbove}
     */
    public RehearsalResult assertSucceeded() {
        if (succeeded()) {
            return this;
        }
        if (failure().isEmpty()) {
            throw LockAnalysisText.overLimit(analysis, currentVersion);
        }
        throw RehearsalText.failure(this);
    }

    /** The migration that failed (or could not get a lock), if one did; the rehearsal stopped there. */
    public Optional<Step> failure() {
        return steps.stream()
                .filter(step -> step.outcome() == Outcome.FAILED || step.outcome() == Outcome.LOCK_UNAVAILABLE)
                .findFirst();
    }

    /** What happened to one migration in the rehearsal. */
    public enum Outcome {
        /** It ran to the end, its history row included. */
        SUCCEEDED,
        /** A statement (or the migration's Java code) failed. */
        FAILED,
        /** A statement could not get a table lock within the rehearsal's lock_timeout; nothing waited. */
        LOCK_UNAVAILABLE,
        /** Not run: a non-transactional migration cannot run inside the rehearsal's transaction. */
        NOT_REHEARSED_NON_TRANSACTIONAL,
        /** Not run: an earlier migration failed, and later ones may depend on it. */
        NOT_REHEARSED_AFTER_FAILURE
    }

    /**
     * One statement a migration ran in the rehearsal.
     *
     * @param sql the statement exactly as sent
     * @param time how long it took
     */
    public record Statement(String sql, Duration time) {}

    /**
     * One migration of the rehearsal.
     *
     * @param migration the migration
     * @param outcome what happened
     * @param statements the statements that completed, in order, with their times
     * @param time how long the migration ran, or zero when it was not rehearsed
     * @param failedStatement the statement that failed, or null
     * @param sqlState PostgreSQL's SQLSTATE of the failure, or null
     * @param error the failure as the report shows it (statement, position, SQLSTATE and message, or
     *     the Java exception), or null when it did not fail
     */
    public record Step(
            MigrationDescriptor migration,
            Outcome outcome,
            List<Statement> statements,
            Duration time,
            String failedStatement,
            String sqlState,
            String error) {

        public Step {
            statements = List.copyOf(statements);
        }

        /** The migration's version; null for a repeatable migration. */
        public MigrationVersion version() {
            return migration.version();
        }
    }
}
