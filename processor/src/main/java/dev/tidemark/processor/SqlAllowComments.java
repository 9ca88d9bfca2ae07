package dev.tidemark.processor;

import dev.tidemark.processor.lint.LintRule;
import dev.tidemark.processor.lint.SqlLint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The comments by which a SQL migration file allows a lint rule, {@code -- tidemark:allow TM-L001
 * the table is empty at this point}: a line of its own, the rule's id, then the reason. It applies
 * to the statement whose text it is in: the comments before the statement (after the previous
 * statement's semicolon) and comment lines inside it. A comment after the file's last statement
 * applies to none, and is an error like an unknown rule or a missing reason, on the comment's line.
 */
final class SqlAllowComments {

    private static final Pattern COMMENT =
            Pattern.compile("\\s*--\\s*tidemark:allow(?=\\s|$)\\s*(\\S*)\\s*(.*)", Pattern.CASE_INSENSITIVE);

    private final Reporter reporter;
    /** The comments read so far, as "file:line". */
    private final Set<String> read = new HashSet<>();

    SqlAllowComments(Reporter reporter) {
        this.reporter = reporter;
    }

    /**
     * The rules {@code statement} allows; a malformed comment is reported and left out.
     *
     * @param firstLine the line of the file the statement's text starts on
     */
    List<MigrationLint.Allowance> of(SqlMigrationFile.Statement statement, int firstLine) {
        List<MigrationLint.Allowance> allowed = new ArrayList<>();
        List<String> lines = statement.text().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Matcher comment = COMMENT.matcher(lines.get(i));
            if (comment.matches()) {
                int line = firstLine + i;
                read.add(statement.file() + ":" + line);
                MigrationLint.Allowance allowance = allowance(statement.file(), line, comment);
                if (allowance != null) {
                    allowed.add(allowance);
                }
            }
        }
        return allowed;
    }

    /** Reports the allow comments of {@code text} that no statement's text held. */
    void reportUnread(String file, String text) {
        if (text == null) {
            return;
        }
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (COMMENT.matcher(lines.get(i)).matches() && !read.contains(file + ":" + (i + 1))) {
                reporter.error(ProcessorMessage.SQL_ALLOW_AFTER_LAST_STATEMENT, file, i + 1);
            }
        }
    }

    private MigrationLint.Allowance allowance(String file, int line, Matcher comment) {
        String id = comment.group(1).toUpperCase(Locale.ROOT);
        LintRule rule = LintRule.byId(id);
        if (rule == null) {
            reporter.error(
                    ProcessorMessage.SQL_ALLOW_UNKNOWN_RULE, file, line, id.isEmpty() ? "no rule" : "the rule " + id);
            return null;
        }
        String reason = comment.group(2).strip();
        if (reason.isEmpty()) {
            reporter.error(ProcessorMessage.SQL_ALLOW_WITHOUT_REASON, file, line, id);
            return null;
        }
        return new MigrationLint.Allowance(rule, reason);
    }

    /** The line of the file {@code statement}'s text starts on. */
    static int firstLine(SqlMigrationFile.Statement statement) {
        return statement.line() - SqlLint.linesBeforeFirstToken(statement.text());
    }
}
