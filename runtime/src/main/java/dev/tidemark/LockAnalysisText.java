package dev.tidemark;

import dev.tidemark.StatementAnalysis.Status;
import dev.tidemark.StatementAnalysis.TableLock;
import dev.tidemark.internal.analysis.Sentences;
import dev.tidemark.internal.analysis.SizeLimit;

/**
 * Writes the lock analysis: one sentence per statement, then its SQL and time, then the advice of
 * the lint rule that fits it; as plain text for the log and as Markdown for a pull request.
 */
final class LockAnalysisText {

    private LockAnalysisText() {}

    static String text(LockAnalysis analysis) {
        StringBuilder text = new StringBuilder("Lock analysis of schema ")
                .append(analysis.schema())
                .append(": what each statement would do to the tables while migrate runs it.\n");
        for (StatementAnalysis statement : analysis.statements()) {
            text.append("  ").append(capitalized(statement.sentence())).append(".\n");
            if (!statement.sql().isEmpty()) {
                text.append("      ").append(oneLine(statement.sql()));
                if (statement.status() == Status.RAN) {
                    text.append("  (").append(statement.time().toMillis()).append(" ms)");
                }
                text.append('\n');
            }
            if (statement.ruleId() != null) {
                text.append("      ")
                        .append(statement.ruleId())
                        .append(": ")
                        .append(statement.advice())
                        .append('\n');
            }
        }
        text.append(conclusion(analysis)).append('\n');
        return text.toString();
    }

    static String markdown(LockAnalysis analysis) {
        StringBuilder text = new StringBuilder("## Lock analysis of schema `")
                .append(analysis.schema())
                .append("`\n\n");
        if (!analysis.statements().isEmpty()) {
            text.append("| migration | # | statement | time | lock | table | rows | size | rewrite |\n")
                    .append("|---|---|---|---|---|---|---|---|---|\n");
            for (StatementAnalysis statement : analysis.statements()) {
                String sql = "`" + oneLine(statement.sql()).replace("|", "\\|").replace("`", "'") + "`";
                String time =
                        statement.status() == Status.RAN ? statement.time().toMillis() + " ms" : "not run";
                if (statement.locks().isEmpty()) {
                    row(text, statement, sql, time, null);
                }
                for (TableLock lock : statement.locks()) {
                    row(text, statement, sql, time, lock);
                }
            }
            text.append('\n');
        }
        for (StatementAnalysis statement : analysis.statements()) {
            text.append("- ").append(capitalized(statement.sentence())).append('.');
            if (statement.ruleId() != null) {
                text.append(" **")
                        .append(statement.ruleId())
                        .append("**: ")
                        .append(statement.advice())
                        .append('.');
            }
            text.append('\n');
        }
        text.append('\n').append(conclusion(analysis)).append('\n');
        return text.toString();
    }

    private static void row(StringBuilder text, StatementAnalysis statement, String sql, String time, TableLock lock) {
        text.append("| ")
                .append(statement.version() != null ? statement.version() : statement.repeatable())
                .append(" | ")
                .append(statement.number())
                .append(" | ")
                .append(sql)
                .append(" | ")
                .append(time)
                .append(" | ");
        if (lock == null) {
            text.append(statement.status() == Status.LOCK_UNAVAILABLE ? "**not available**" : "")
                    .append(" | | | | |\n");
            return;
        }
        boolean exclusive = lock.accessExclusive() && !lock.created();
        text.append(exclusive ? "**" + lock.mode() + "**" : lock.mode())
                .append(" | ")
                .append(Sentences.relation(lock))
                .append(" | ")
                .append(lock.created() ? "new" : lock.rows() < 0 ? "?" : Sentences.rows(lock.rows()))
                .append(" | ")
                .append(lock.bytes() < 0 ? "?" : Sentences.bytes(lock.bytes()))
                .append(" | ")
                .append(lock.rewritten() ? "**yes**" : lock.dropped() ? "dropped" : "no")
                .append(" |\n");
    }

    private static String conclusion(LockAnalysis analysis) {
        long blocking = analysis.statements().stream()
                .filter(StatementAnalysis::blocksReads)
                .count();
        String summary = analysis.statements().isEmpty()
                ? "No statement to analyse."
                : blocking == 0
                        ? "No statement takes ACCESS EXCLUSIVE on a table other sessions use or on one of its indexes."
                        : blocking + (blocking == 1 ? " statement takes" : " statements take")
                                + " ACCESS EXCLUSIVE on a table other sessions use or on one of its indexes.";
        if (analysis.limit() == null) {
            return summary;
        }
        return summary
                + (analysis.overLimit() == null
                        ? " None holds it on a table above " + analysis.limit() + "."
                        : " " + capitalized(over(analysis)) + ".");
    }

    private static String over(LockAnalysis analysis) {
        StatementAnalysis statement = analysis.overLimit();
        TableLock lock = SizeLimit.parse(analysis.limit()).exceededBy(statement);
        return "statement " + statement.number() + " of " + statement.migration() + " would hold ACCESS"
                + " EXCLUSIVE on " + Sentences.relation(lock) + " (" + Sentences.size(lock) + "), above the limit of "
                + analysis.limit();
    }

    /**
     * The exception a rehearsal ends with when a statement would hold ACCESS EXCLUSIVE on a table
     * above the limit: the statement, the table and its size, the state, and the safe form.
     */
    static TidemarkException overLimit(LockAnalysis analysis, MigrationVersion current) {
        StatementAnalysis statement = analysis.overLimit();
        Phrase.Builder remedy = Phrase.builder();
        if (statement.ruleId() == null) {
            remedy.append("Change the migration so that it does not hold ACCESS EXCLUSIVE on the table");
        } else {
            remedy.append("Change the migration (" + statement.ruleId() + ": " + statement.advice() + ")");
        }
        remedy.append(", or raise ")
                .setting(Setting.FAIL_ON_EXCLUSIVE_LOCK_ABOVE)
                .append(" if the table may be locked that long.");
        return new TidemarkException(
                ErrorCode.REHEARSAL_EXCLUSIVE_LOCK_TOO_LARGE,
                Phrase.of(capitalized(over(analysis)) + ":\n  " + oneLine(statement.sql()) + "\n"
                        + capitalized(statement.sentence()) + "."),
                Phrase.of("The database is unchanged at version " + (current == null ? "none" : current)
                        + ": the rehearsal's transaction was rolled back."),
                remedy.build(),
                null);
    }

    private static String capitalized(String sentence) {
        return sentence.isEmpty() ? sentence : Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
    }

    private static String oneLine(String sql) {
        String line = sql.strip().replaceAll("\\s+", " ");
        return line.length() > 200 ? line.substring(0, 197) + "..." : line;
    }
}
