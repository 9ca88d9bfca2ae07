package dev.tidemark.internal.analysis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The lock a statement that cannot run in a transaction would take, as PostgreSQL documents it,
 * and the table it would take it on, resolved through the catalog ({@code to_regclass}, which
 * takes no lock). Only the statements a non-transactional migration is for are known; for others
 * the mode is null and the sentence says the lock is not known without running it.
 *
 * @param what the statement's kind, for the sentence ("CREATE INDEX CONCURRENTLY")
 * @param mode the lock it takes on the table, or null when not known
 * @param table the table's oid, or null when not found
 */
record Prediction(String what, LockMode mode, Long table) {

    static Prediction of(Connection connection, String sql) throws SQLException {
        List<String> words = List.of(Advice.Keywords.words(sql).split(" "));
        String upper = String.join(" ", words).toUpperCase(java.util.Locale.ROOT) + " ";
        boolean concurrently = upper.contains(" CONCURRENTLY ");
        if ((upper.startsWith("CREATE INDEX ") || upper.startsWith("CREATE UNIQUE INDEX ")) && concurrently) {
            int on = indexOf(words, "ON");
            String table = on < 0 ? null : after(words, on + 1, "ONLY");
            return new Prediction(
                    "CREATE INDEX CONCURRENTLY", LockMode.SHARE_UPDATE_EXCLUSIVE, resolve(connection, table, false));
        }
        if (upper.startsWith("DROP INDEX ") && concurrently) {
            String index = after(words, indexOf(words, "CONCURRENTLY") + 1, "IF", "EXISTS");
            return new Prediction(
                    "DROP INDEX CONCURRENTLY", LockMode.SHARE_UPDATE_EXCLUSIVE, resolve(connection, index, true));
        }
        if (upper.startsWith("REINDEX ") && concurrently) {
            int kind = Math.max(indexOf(words, "INDEX"), indexOf(words, "TABLE"));
            boolean index = kind >= 0 && words.get(kind).equalsIgnoreCase("INDEX");
            String name = kind < 0 ? null : after(words, kind + 1, "CONCURRENTLY");
            return new Prediction(
                    "REINDEX CONCURRENTLY", LockMode.SHARE_UPDATE_EXCLUSIVE, resolve(connection, name, index));
        }
        if (upper.startsWith("VACUUM ")) {
            return new Prediction("VACUUM", LockMode.SHARE_UPDATE_EXCLUSIVE, null);
        }
        return new Prediction(words.isEmpty() ? "" : words.get(0).toUpperCase(java.util.Locale.ROOT), null, null);
    }

    /**
     * The table a statement works on, by its keywords: {@code ALTER TABLE}, {@code CREATE INDEX … ON},
     * {@code UPDATE}, {@code DELETE FROM}, {@code INSERT INTO}, {@code TRUNCATE}; null for others.
     */
    static Long target(Connection connection, String sql) throws SQLException {
        List<String> words = List.of(Advice.Keywords.words(sql).split(" "));
        if (words.isEmpty()) {
            return null;
        }
        String first = words.get(0).toUpperCase(java.util.Locale.ROOT);
        String name = switch (first) {
            case "ALTER" ->
                words.size() > 1 && words.get(1).equalsIgnoreCase("TABLE")
                        ? after(words, 2, "IF", "EXISTS", "ONLY")
                        : null;
            case "CREATE" -> {
                int on = indexOf(words, "ON");
                yield indexOf(words, "INDEX") > 0 && on > 0 ? after(words, on + 1, "ONLY") : null;
            }
            case "UPDATE" -> after(words, 1, "ONLY");
            case "DELETE", "INSERT" -> after(words, 2, "ONLY");
            case "TRUNCATE" -> after(words, 1, "TABLE", "ONLY");
            default -> null;
        };
        return resolve(connection, name, false);
    }

    private static int indexOf(List<String> words, String word) {
        for (int i = 0; i < words.size(); i++) {
            if (words.get(i).equalsIgnoreCase(word)) {
                return i;
            }
        }
        return -1;
    }

    /** The first word from {@code from} on that is not one of {@code skip}. */
    private static String after(List<String> words, int from, String... skip) {
        for (int i = Math.max(0, from); i < words.size(); i++) {
            String word = words.get(i);
            if (List.of(skip).stream().noneMatch(word::equalsIgnoreCase)) {
                return word;
            }
        }
        return null;
    }

    /** The table's oid: the named table, or the table of the named index. */
    private static Long resolve(Connection connection, String name, boolean index) throws SQLException {
        if (name == null) {
            return null;
        }
        String sql = index
                ? "SELECT i.indrelid::bigint FROM pg_index i WHERE i.indexrelid = to_regclass(?)"
                : "SELECT to_regclass(?)::oid::bigint";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, name);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                long oid = row.getLong(1);
                return row.wasNull() ? null : oid;
            }
        }
    }
}
