package dev.tidemark.internal.execution;

import dev.tidemark.internal.sql.Identifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the indexes a non-transactional migration left INVALID ({@code pg_index.indisvalid =
 * false}): a {@code CREATE INDEX CONCURRENTLY} (or {@code REINDEX CONCURRENTLY}) that failed
 * keeps its index, which takes space and slows every write but answers no query and enforces no
 * uniqueness; and a rerun with {@code IF NOT EXISTS} skips it and "succeeds". Read once before the
 * migration and once after it, outside any transaction. An index counts as the migration's when one
 * of its statements names it (as {@code schema.name}, or by its bare name when its schema is on the
 * session's search path), or when it became invalid while the migration ran and lies where the
 * migration works: in a schema on the search path, or on a table a statement names as
 * {@code schema.table} (a build without an index name). An index that became invalid meanwhile in
 * another schema is another session's: several targets of one database migrate at once, and a
 * tenant whose build failed must not fail its neighbour.
 *
 * <p>An index another session is building concurrently right now is invalid until that build ends;
 * it is not counted (it is someone else's, still running). The build is seen in {@code
 * pg_stat_progress_create_index}, which names the index only once its first transaction has
 * committed: in between, the build is known by its table. A role that may not read another role's
 * progress sees its index as invalid, and the index is counted, the cautious way.
 */
final class InvalidIndexes {

    private static final String QUERY =
            "SELECT n.nspname, c.relname, t.relname, n.nspname = ANY (current_schemas(false))"
                    + " FROM pg_catalog.pg_index i"
                    + " JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid"
                    + " JOIN pg_catalog.pg_class t ON t.oid = i.indrelid"
                    + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE NOT i.indisvalid AND n.nspname <> 'pg_catalog' AND n.nspname <> 'information_schema'"
                    + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_stat_progress_create_index p"
                    + " WHERE p.pid <> pg_catalog.pg_backend_pid() AND (p.index_relid = i.indexrelid"
                    + " OR (p.index_relid = 0 AND p.relid = i.indrelid)))"
                    + " ORDER BY 1, 2";

    /**
     * An invalid index: its schema and name, the table it indexes (in the same schema), and whether
     * its schema is on the search path.
     */
    record Index(String schema, String name, String table, boolean onSearchPath) {

        /** {@code schema.name}, for a message. */
        String displayName() {
            return schema + "." + name;
        }

        /** The statement that removes it without blocking writes to its table. */
        String dropStatement() {
            return "DROP INDEX CONCURRENTLY " + Identifier.qualified(schema, name);
        }
    }

    private final Set<Index> before;

    private InvalidIndexes(Set<Index> before) {
        this.before = before;
    }

    /** The indexes invalid before the migration runs. */
    static InvalidIndexes before(Connection session) throws SQLException {
        return new InvalidIndexes(new HashSet<>(read(session)));
    }

    /**
     * The invalid indexes that one of {@code statements} (those that ran, and the one running when
     * the migration failed; nulls are skipped) names, and those invalid now but not before that lie
     * where the migration works (see the class comment).
     */
    List<Index> leftBy(Connection session, List<String> statements) throws SQLException {
        List<Index> left = new ArrayList<>();
        for (Index index : read(session)) {
            boolean named = named(index.schema(), index.name(), index.onSearchPath(), statements);
            boolean newHere = !before.contains(index)
                    && (index.onSearchPath() || named(index.schema(), index.table(), false, statements));
            if (named || newHere) {
                left.add(index);
            }
        }
        return left;
    }

    /**
     * Whether a statement names {@code schema.name}; by the bare name only when {@code onSearchPath}
     * and the name is not qualified by another schema.
     */
    private static boolean named(String schema, String objectName, boolean onSearchPath, List<String> statements) {
        // The name, quoted or not, optionally after "schema." (quoted or not), as a whole word.
        Pattern name = Pattern.compile(
                "(?<![\\p{L}\\p{N}_$\"])(?:\"?(" + Pattern.quote(schema) + ")\"?\\s*\\.\\s*)?\"?"
                        + Pattern.quote(objectName) + "\"?(?![\\p{L}\\p{N}_$])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        for (String statement : statements) {
            if (statement == null) {
                continue;
            }
            Matcher match = name.matcher(statement);
            while (match.find()) {
                boolean qualified = match.group(1) != null;
                boolean qualifiedElsewhere = !qualified && match.start() > 0 && precededByDot(statement, match.start());
                if (qualified || (onSearchPath && !qualifiedElsewhere)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the text before {@code at} ends with a dot: the name found is another schema's. */
    private static boolean precededByDot(String statement, int at) {
        int i = at - 1;
        while (i >= 0 && Character.isWhitespace(statement.charAt(i))) {
            i--;
        }
        return i >= 0 && statement.charAt(i) == '.';
    }

    private static List<Index> read(Connection session) throws SQLException {
        List<Index> indexes = new ArrayList<>();
        try (PreparedStatement query = session.prepareStatement(QUERY);
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                indexes.add(new Index(rows.getString(1), rows.getString(2), rows.getString(3), rows.getBoolean(4)));
            }
        }
        return indexes;
    }

    /**
     * The sentence naming {@code indexes} and the statements that drop them, for a failure message;
     * empty when there are none.
     */
    static String describe(List<Index> indexes) {
        if (indexes.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        text.append(indexes.size() == 1 ? "It left this index INVALID" : "It left these indexes INVALID")
                .append(" (pg_index.indisvalid = false): PostgreSQL keeps the index of a failed concurrent build,"
                        + " which slows every write but answers no query and enforces no uniqueness, and IF NOT"
                        + " EXISTS on a rerun skips it. Drop ")
                .append(indexes.size() == 1 ? "it" : "them")
                .append(" before running the migration again:\n");
        for (Index index : indexes) {
            text.append("  ").append(index.dropStatement()).append(";\n");
        }
        return text.toString();
    }
}
