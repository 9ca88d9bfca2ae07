package dev.tidemark;

import dev.tidemark.RehearsalResult.Outcome;
import dev.tidemark.RehearsalResult.Statement;
import dev.tidemark.RehearsalResult.Step;
import java.time.Duration;
import java.util.List;

/**
 * Writes what a rehearsal found, as plain text (for the log) and as Markdown (for review): a
 * summary line, then each migration with its outcome, its statements and their times, and for the
 * failed one the statement, SQLSTATE and PostgreSQL's message.
 */
final class RehearsalText {

    private final String schema;
    private final MigrationVersion current;
    private final List<Step> steps;
    private final Duration lockTimeout;

    RehearsalText(RehearsalResult result) {
        this.schema = result.schema();
        this.current = result.currentVersion();
        this.steps = result.steps();
        this.lockTimeout = result.lockTimeout();
    }

    String text() {
        StringBuilder text = new StringBuilder(summary()).append('\n');
        for (Step step : steps) {
            text.append("  ")
                    .append(title(step))
                    .append(": ")
                    .append(outcome(step))
                    .append('\n');
            for (Statement statement : step.statements()) {
                text.append(String.format("      %6d ms  ", statement.time().toMillis()))
                        .append(StatementProgress.shorten(statement.sql()))
                        .append('\n');
            }
            if (step.error() != null) {
                text.append("      ")
                        .append(step.error().replace("\n", "\n      "))
                        .append('\n');
            }
        }
        text.append(conclusion());
        return text.toString();
    }

    String markdown() {
        StringBuilder text =
                new StringBuilder("# Rehearsal of schema `").append(schema).append("`\n\n");
        text.append(summary()).append("\n\n");
        text.append("| version | description | outcome | time |\n|---|---|---|---|\n");
        for (Step step : steps) {
            text.append("| ")
                    .append(step.version() == null ? "repeatable" : step.version())
                    .append(" | ")
                    .append(step.migration().description().replace("|", "\\|"))
                    .append(" | ")
                    .append(word(step.outcome()))
                    .append(" | ")
                    .append(ran(step) ? step.time().toMillis() + " ms" : "")
                    .append(" |\n");
        }
        for (Step step : steps) {
            if (!ran(step)) {
                continue;
            }
            text.append("\n## ")
                    .append(title(step))
                    .append(": ")
                    .append(outcome(step))
                    .append("\n\n");
            if (!step.statements().isEmpty()) {
                text.append("| time | statement |\n|---|---|\n");
                for (Statement statement : step.statements()) {
                    text.append("| ")
                            .append(statement.time().toMillis())
                            .append(" ms | `")
                            .append(StatementProgress.shorten(statement.sql())
                                    .replace("|", "\\|")
                                    .replace("`", "'"))
                            .append("` |\n");
                }
                text.append('\n');
            }
            if (step.error() != null) {
                text.append("```text\n").append(step.error()).append("\n```\n");
            }
        }
        text.append('\n').append(conclusion());
        return text.toString();
    }

    private String summary() {
        long rehearsed = steps.stream().filter(RehearsalText::ran).count();
        return "Rehearsal on schema " + schema + " (at version " + (current == null ? "none" : current) + "): "
                + rehearsed + " of " + steps.size() + " pending " + (steps.size() == 1 ? "migration" : "migrations")
                + " run in one transaction that was rolled back; the database is unchanged.";
    }

    private String conclusion() {
        for (Step step : steps) {
            if ((step.outcome() == Outcome.FAILED || step.outcome() == Outcome.LOCK_UNAVAILABLE)
                    && step.version() == null) {
                return "Repeatable migration '" + step.migration().description() + "' would fail; migrate would"
                        + " apply the pending versioned migrations, then stop there without recording it.\n";
            }
            if (step.outcome() == Outcome.FAILED || step.outcome() == Outcome.LOCK_UNAVAILABLE) {
                return "Migration " + step.version() + " would fail; migrate would stop there with the database"
                        + " unchanged at version " + (current == null ? "none" : current) + ".\n";
            }
        }
        boolean skipped = steps.stream().anyMatch(step -> step.outcome() == Outcome.NOT_REHEARSED_NON_TRANSACTIONAL);
        return steps.isEmpty()
                ? "Nothing is pending.\n"
                : "Every rehearsed migration succeeded"
                        + (skipped ? "; non-transactional ones were not rehearsed and later ones ran without them" : "")
                        + ".\n";
    }

    private static boolean ran(Step step) {
        return step.outcome() == Outcome.SUCCEEDED
                || step.outcome() == Outcome.FAILED
                || step.outcome() == Outcome.LOCK_UNAVAILABLE;
    }

    private static String title(Step step) {
        if (step.version() == null) {
            return "repeatable '" + step.migration().description() + "' ("
                    + step.migration().className() + ")";
        }
        return step.version() + " '" + step.migration().description() + "'";
    }

    private String outcome(Step step) {
        return switch (step.outcome()) {
            case SUCCEEDED -> "succeeded in " + step.time().toMillis() + " ms";
            case FAILED -> "FAILED after " + step.time().toMillis() + " ms";
            case LOCK_UNAVAILABLE ->
                "could not get a lock within the rehearsal's lock_timeout (" + lockTimeout.toMillis()
                        + " ms) and did not wait";
            case NOT_REHEARSED_NON_TRANSACTIONAL ->
                "not rehearsed: non-transactional, it cannot run inside the" + " rehearsal's transaction";
            case NOT_REHEARSED_AFTER_FAILURE ->
                "not rehearsed: an earlier migration failed, and this one may depend" + " on it";
        };
    }

    /** The exception migrate ends with when its rehearsal failed: what failed, that nothing changed, what to do. */
    static TidemarkException failure(RehearsalResult result) {
        Step step = result.failure().orElseThrow();
        MigrationDescriptor migration = step.migration();
        boolean lock = step.outcome() == Outcome.LOCK_UNAVAILABLE;
        String name = migration.version() == null ? "repeatable migration" : "migration " + migration.version();
        String message = "Rehearsal of " + name + " '" + migration.description() + "' ("
                + migration.className() + ")" + (lock ? " could not get a lock it needs" : " failed") + ".\n"
                + step.error();
        String state = "The database is unchanged at version "
                + (result.currentVersion() == null ? "none" : result.currentVersion())
                + ": the rehearsal's transaction was rolled back"
                + (result.steps().size() > 1 ? ", and later migrations were not rehearsed" : "") + ".";
        Phrase.Builder remedy = Phrase.builder();
        if (lock) {
            remedy.append("Another session holds a lock on a table this statement needs (look for it in pg_locks and"
                            + " pg_stat_activity). Rehearse again when the table is less busy, or raise ")
                    .setting(Setting.REHEARSAL_LOCK_TIMEOUT)
                    .append(".");
        } else {
            remedy.append("Fix " + (migration.version() == null ? migration.className() : name)
                            + " (or the database it expects), then ")
                    .action(Action.REHEARSE)
                    .append(" again.");
        }
        return new TidemarkException(
                lock ? ErrorCode.REHEARSAL_LOCK_UNAVAILABLE : ErrorCode.REHEARSAL_FAILED,
                Phrase.of(message),
                Phrase.of(state),
                remedy.build(),
                null);
    }

    private static String word(Outcome outcome) {
        return switch (outcome) {
            case SUCCEEDED -> "succeeded";
            case FAILED -> "**failed**";
            case LOCK_UNAVAILABLE -> "**lock not available**";
            case NOT_REHEARSED_NON_TRANSACTIONAL -> "not rehearsed (non-transactional)";
            case NOT_REHEARSED_AFTER_FAILURE -> "not rehearsed (after a failure)";
        };
    }
}
