package dev.tidemark.processor.lint;

import java.util.Locale;

/**
 * The rules of the SQL lint, each with a stable id ({@code TM-L001}), the severity it has unless
 * configured, what it finds, why that is unsafe, and the safe alternative. Ids are never reused.
 */
public enum LintRule {
    UNCHECKED(
            0,
            Severity.WARNING,
            "%s was not checked (%s)",
            "a statement the lint cannot read may do anything the other rules warn about",
            "Check it by hand; where the parser is wrong, allow TM-L000 on the migration with the reason."),
    CREATE_INDEX_BLOCKS_WRITES(
            1,
            Severity.WARNING,
            "CREATE INDEX on %s without CONCURRENTLY",
            "it blocks every INSERT, UPDATE and DELETE on the table until the index is built",
            "CREATE INDEX CONCURRENTLY in a migration with transactional = false."),
    CONCURRENTLY_IN_TRANSACTION(
            2,
            Severity.ERROR,
            "%s in a transactional migration",
            "PostgreSQL refuses CONCURRENTLY inside a transaction block, so the migration fails",
            "Put the statement in a migration of its own with @Migration(transactional = false)."),
    DROP_INDEX_BLOCKS(
            3,
            Severity.WARNING,
            "DROP INDEX %s without CONCURRENTLY",
            "it takes an ACCESS EXCLUSIVE lock on the index's table: reads and writes wait",
            "DROP INDEX CONCURRENTLY in a migration with transactional = false."),
    ADD_COLUMN_NOT_NULL_WITHOUT_DEFAULT(
            4,
            Severity.WARNING,
            "ADD COLUMN %s NOT NULL without a DEFAULT on %s",
            "it fails on a table that has rows, and the running application does not write the column",
            "Add the column with a constant DEFAULT, or nullable, then backfill and add NOT NULL later."),
    VOLATILE_DEFAULT(
            5,
            Severity.WARNING,
            "ADD COLUMN %s on %s with %s",
            "a volatile default, a serial or a generated column makes PostgreSQL rewrite the table under an"
                    + " ACCESS EXCLUSIVE lock",
            "Add the column without the default (or with a constant one), set the default, and backfill in"
                    + " batches."),
    ALTER_COLUMN_TYPE(
            6,
            Severity.WARNING,
            "ALTER COLUMN %s TYPE %s on %s",
            "changing a column's type rewrites the table and its indexes under an ACCESS EXCLUSIVE lock"
                    + " (only varchar(n) to a larger n or to text is known not to)",
            "Add a column of the new type, write both from the application, backfill, then switch over."),
    CONSTRAINT_WITHOUT_NOT_VALID(
            7,
            Severity.WARNING,
            "%s on %s without NOT VALID",
            "adding it checks every row while holding a lock that blocks writes (for a foreign key, on both"
                    + " tables)",
            "ADD CONSTRAINT … NOT VALID, then VALIDATE CONSTRAINT in a later migration (it takes a lighter"
                    + " lock)."),
    SET_NOT_NULL(
            8,
            Severity.WARNING,
            "ALTER COLUMN %s SET NOT NULL on %s without a validated CHECK (%s IS NOT NULL) before it",
            "PostgreSQL scans the whole table under an ACCESS EXCLUSIVE lock to prove it",
            "ADD CONSTRAINT … CHECK (col IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT, then SET NOT NULL"
                    + " (PostgreSQL 12+ then skips the scan) and drop the check."),
    UNIQUE_WITHOUT_INDEX(
            9,
            Severity.WARNING,
            "ADD %s on %s without an index built before",
            "it builds the index while blocking writes to the table",
            "CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT name UNIQUE USING INDEX (or PRIMARY"
                    + " KEY USING INDEX)."),
    DROP_COLUMN(
            10,
            Severity.WARNING,
            "DROP COLUMN %s on %s",
            "the version of the application still running reads or writes the column and fails",
            "Expand and contract: stop using the column in a release first, drop it in a later one."),
    DROP_TABLE(
            11,
            Severity.WARNING,
            "DROP TABLE %s",
            "the version of the application still running uses the table and fails, and the data is gone",
            "Expand and contract: stop using the table in a release first, drop it in a later one."),
    RENAME(
            12,
            Severity.WARNING,
            "RENAME %s",
            "the version of the application still running uses the old name and fails",
            "Expand and contract: add the new column or a view with the new name, move the application,"
                    + " then drop the old one."),
    DATA_CHANGE_WITHOUT_WHERE(
            13,
            Severity.WARNING,
            "%s on %s without WHERE",
            "it changes every row in one transaction, locking all of them",
            "Add the WHERE you mean; for a backfill, change rows in batches."),
    DDL_WITH_DATA_CHANGE(
            14,
            Severity.WARNING,
            "%s in the same transaction as a schema change of %s",
            "the locks the schema change took are held until the data change commits",
            "Put the data change in a migration of its own (in batches for a large table)."),
    JSON_TYPE(
            15,
            Severity.NOTE,
            "column %s is json",
            "json keeps the text as written and cannot be indexed or compared",
            "Use jsonb."),
    TIMESTAMP_WITHOUT_TIME_ZONE(
            16,
            Severity.NOTE,
            "column %s is timestamp without time zone",
            "it stores wall-clock time with no zone, which changes meaning with the session's time zone",
            "Use timestamptz."),
    SMALL_PRIMARY_KEY(
            17,
            Severity.NOTE,
            "primary key %s is %s",
            "a 32-bit key runs out at 2,147,483,647 rows, and widening it later rewrites the table",
            "Use bigint GENERATED ALWAYS AS IDENTITY."),
    VARCHAR_LENGTH(
            18,
            Severity.NOTE,
            "column %s is varchar(%s)",
            "changing the limit later means an ALTER COLUMN TYPE, and the limit is no faster than text",
            "Use text, with a CHECK (length(col) <= n) where a limit is needed.");

    private final String id;
    private final Severity defaultSeverity;
    private final String finding;
    private final String reason;
    private final String alternative;

    LintRule(int number, Severity defaultSeverity, String finding, String reason, String alternative) {
        this.id = String.format(Locale.ROOT, "TM-L%03d", number);
        this.defaultSeverity = defaultSeverity;
        this.finding = finding;
        this.reason = reason;
        this.alternative = alternative;
    }

    /** The stable id, such as {@code TM-L001}. */
    public String id() {
        return id;
    }

    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    /** Why the statement is unsafe, in one line. */
    public String reason() {
        return reason;
    }

    /** What to write instead. */
    public String alternative() {
        return alternative;
    }

    String describe(Object... arguments) {
        return String.format(Locale.ROOT, finding, arguments);
    }

    /** The rule with {@code id}, or null. */
    public static LintRule byId(String id) {
        for (LintRule rule : values()) {
            if (rule.id.equals(id)) {
                return rule;
            }
        }
        return null;
    }
}
