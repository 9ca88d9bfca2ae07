package dev.tidemark;

/**
 * A rule of the SQL lint a migration allows for itself, with {@link AllowLint} or a SQL file's
 * {@code -- tidemark:allow} comment, as the manifest keeps it.
 *
 * @param rule the rule's id, such as {@code TM-L001}
 * @param reason why the rule's concern does not apply to the migration
 */
public record LintAllowance(String rule, String reason) {}
