package dev.tidemark.processor.lint;

import java.util.Locale;

/**
 * One finding of the lint.
 *
 * @param rule the rule that fired
 * @param source the migration or file the statement belongs to, as the caller named it
 * @param line the line of the statement's first token in that source
 * @param statement the statement's number within its {@code execute} call or file, from 1
 * @param what what was found, for example {@code CREATE INDEX on orders without CONCURRENTLY}
 */
public record LintFinding(LintRule rule, String source, int line, int statement, String what) {

    /** The message: id, what and where, the reason, and on its own line the safe alternative. */
    public String message() {
        return String.format(
                Locale.ROOT,
                "[%s] %s, line %d: %s: %s.\n  Fix: %s",
                rule.id(),
                source,
                line,
                what,
                rule.reason(),
                rule.alternative());
    }
}
