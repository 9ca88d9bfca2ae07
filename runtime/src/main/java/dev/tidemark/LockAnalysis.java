package dev.tidemark;

import java.util.List;
import java.util.Optional;

/**
 * The lock and rewrite analysis of a rehearsal: one {@link StatementAnalysis} per statement of each
 * pending migration, in order.
 *
 * @param schema the schema rehearsed on
 * @param statements every statement analysed, in the order migrate would run them
 * @param limit the size above which ACCESS EXCLUSIVE fails the rehearsal ({@code
 *     failOnExclusiveLockAbove}), as given, or null when none is set
 * @param overLimit the first statement that takes ACCESS EXCLUSIVE on a table above {@code limit},
 *     or null
 */
public record LockAnalysis(
        String schema, List<StatementAnalysis> statements, String limit, StatementAnalysis overLimit) {

    public LockAnalysis {
        statements = List.copyOf(statements);
    }

    /** The statement that takes ACCESS EXCLUSIVE on a table above the configured size, if one does. */
    public Optional<StatementAnalysis> exceedingLimit() {
        return Optional.ofNullable(overLimit);
    }

    /** The analysis as plain text: one sentence per statement, each followed by its lint advice. */
    public String text() {
        return LockAnalysisText.text(this);
    }

    /** The analysis as Markdown, for a pull request. */
    public String markdown() {
        return LockAnalysisText.markdown(this);
    }
}
