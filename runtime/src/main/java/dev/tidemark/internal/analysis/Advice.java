package dev.tidemark.internal.analysis;

import java.util.Locale;

/**
 * The lint rule whose advice fits a statement, with the rule's safer alternative: the same ids and
 * words as the compile-time lint ({@code TM-L…}), kept here as a small table because the runtime
 * does not depend on the processor. The statement is only recognised by its keywords; what it
 * locks and rewrites is observed, not inferred, so a statement this table does not recognise still
 * gets its sentence, only without advice.
 */
enum Advice {
    INDEX_WITHOUT_CONCURRENTLY(
            "TM-L001",
            "CREATE INDEX CONCURRENTLY in a migration with transactional = false: writes go on while it builds"),
    DROP_INDEX_WITHOUT_CONCURRENTLY("TM-L003", "DROP INDEX CONCURRENTLY, in a non-transactional migration"),
    NOT_NULL_WITHOUT_DEFAULT(
            "TM-L004", "a constant DEFAULT, or add it nullable, backfill, and set NOT NULL in a later migration"),
    VOLATILE_DEFAULT(
            "TM-L005",
            "add the column without a default (or with a constant one), set the default, backfill in batches"),
    COLUMN_TYPE("TM-L006", "add a new column, write both from the application, backfill, then switch to it"),
    CONSTRAINT_WITHOUT_NOT_VALID(
            "TM-L007", "add the constraint NOT VALID, then VALIDATE CONSTRAINT in a later migration"),
    SET_NOT_NULL(
            "TM-L008",
            "add CHECK (col IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT, then SET NOT NULL (PostgreSQL 12+ skips the scan)"),
    UNIQUE_WITHOUT_INDEX("TM-L009", "CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT … UNIQUE USING INDEX"),
    DROP_COLUMN("TM-L010", "expand and contract: stop using the column in one release, drop it in a later one"),
    DROP_TABLE("TM-L011", "expand and contract: stop using the table in one release, drop it in a later one"),
    RENAME("TM-L012", "add the new column (or a view), move the application to it, drop the old one later"),
    UNBOUNDED_CHANGE("TM-L013", "the WHERE you mean; a backfill in batches");

    private final String ruleId;
    private final String alternative;

    Advice(String ruleId, String alternative) {
        this.ruleId = ruleId;
        this.alternative = alternative;
    }

    String ruleId() {
        return ruleId;
    }

    String alternative() {
        return alternative;
    }

    /**
     * The advice for {@code sql}, or null. {@code rewrote} says whether the statement was seen to
     * rewrite a table, which tells a volatile default from a constant one.
     */
    static Advice of(String sql, boolean rewrote) {
        String s = " " + Keywords.normalize(sql) + " ";
        if (s.startsWith(" CREATE INDEX ") || s.startsWith(" CREATE UNIQUE INDEX ")) {
            return s.contains(" CONCURRENTLY ") ? null : INDEX_WITHOUT_CONCURRENTLY;
        }
        if (s.startsWith(" DROP INDEX ")) {
            return s.contains(" CONCURRENTLY ") ? null : DROP_INDEX_WITHOUT_CONCURRENTLY;
        }
        if (s.startsWith(" DROP TABLE ")) {
            return DROP_TABLE;
        }
        if ((s.startsWith(" UPDATE ") || s.startsWith(" DELETE ")) && !s.contains(" WHERE ")) {
            return UNBOUNDED_CHANGE;
        }
        if (!s.startsWith(" ALTER TABLE ")) {
            return null;
        }
        if (s.contains(" RENAME ")) {
            return RENAME;
        }
        if (s.contains(" DROP COLUMN ")) {
            return DROP_COLUMN;
        }
        if (s.contains(" TYPE ") && s.indexOf(" ALTER ", 1) > 0) {
            return COLUMN_TYPE;
        }
        if (s.contains(" SET NOT NULL ")) {
            return SET_NOT_NULL;
        }
        if ((s.contains(" FOREIGN KEY ") || s.contains(" CHECK ") || s.contains(" REFERENCES "))
                && !s.contains(" NOT VALID ")) {
            return CONSTRAINT_WITHOUT_NOT_VALID;
        }
        if ((s.contains(" UNIQUE ") || s.contains(" PRIMARY KEY "))
                && s.contains(" ADD ")
                && !s.contains(" USING INDEX ")) {
            return UNIQUE_WITHOUT_INDEX;
        }
        if (s.contains(" ADD ")) {
            if (rewrote) {
                return VOLATILE_DEFAULT;
            }
            if (s.contains(" NOT NULL ") && !s.contains(" DEFAULT ")) {
                return NOT_NULL_WITHOUT_DEFAULT;
            }
        }
        return null;
    }

    /** Upper-case words of a statement, one space apart, without comments and string contents. */
    static final class Keywords {
        private Keywords() {}

        static String normalize(String sql) {
            return words(sql).toUpperCase(Locale.ROOT);
        }

        /** The words of a statement in their own case, one space apart, without comments and string contents. */
        static String words(String sql) {
            StringBuilder out = new StringBuilder();
            int i = 0;
            int n = sql.length();
            while (i < n) {
                char c = sql.charAt(i);
                if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                    while (i < n && sql.charAt(i) != '\n') {
                        i++;
                    }
                    out.append(' ');
                } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                    int end = sql.indexOf("*/", i + 2);
                    i = end < 0 ? n : end + 2;
                    out.append(' ');
                } else if (c == '\'') {
                    int end = i + 1;
                    while (end < n && (sql.charAt(end) != '\'' || end + 1 < n && sql.charAt(end + 1) == '\'')) {
                        end += sql.charAt(end) == '\'' ? 2 : 1;
                    }
                    i = end + 1;
                    out.append(" '' ");
                } else if (Character.isWhitespace(c) || c == '(' || c == ')' || c == ',' || c == ';') {
                    out.append(' ');
                    i++;
                } else {
                    out.append(c);
                    i++;
                }
            }
            return out.toString().trim().replaceAll(" +", " ");
        }
    }
}
