package dev.tidemark.internal.sql;

import dev.tidemark.MigrationContext;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Replaces {@code ${name}} in a SQL migration file with the configured value, anywhere in the text
 * (strings and dollar-quoted bodies too), as Flyway does. Placeholder values are not part of the
 * checksum: the checksum is the file's, computed at compile time.
 */
public final class SqlPlaceholders {

    /** A context that knows the configured placeholder values. */
    public interface Source {
        Map<String, String> placeholders();
    }

    private SqlPlaceholders() {}

    /** {@code text} with every placeholder replaced by its value from {@code db}. */
    static String replace(String text, String file, MigrationContext db) throws SQLException {
        if (!text.contains("${")) {
            return text;
        }
        Map<String, String> values = db instanceof Source source ? source.placeholders() : Map.of();
        Set<String> unknown = unknown(text, values);
        if (!unknown.isEmpty()) {
            throw new SQLException(file + " uses placeholder" + (unknown.size() == 1 ? " " : "s ")
                    + String.join(", ", unknown.stream().map(name -> "${" + name + "}").toList())
                    + " with no configured value", "42704");
        }
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (int open = text.indexOf("${"); open >= 0; open = text.indexOf("${", at)) {
            int close = text.indexOf('}', open + 2);
            if (close < 0) {
                break;
            }
            out.append(text, at, open).append(values.get(text.substring(open + 2, close)));
            at = close + 1;
        }
        return out.append(text, at, text.length()).toString();
    }

    /** The names {@code text} uses that {@code values} has no value for, sorted. */
    public static Set<String> unknown(String text, Map<String, String> values) {
        Set<String> unknown = new TreeSet<>();
        for (String name : names(text)) {
            if (!values.containsKey(name)) {
                unknown.add(name);
            }
        }
        return unknown;
    }

    /** The placeholder names {@code text} uses. */
    public static Set<String> names(String text) {
        Set<String> names = new TreeSet<>();
        for (int open = text.indexOf("${"); open >= 0; open = text.indexOf("${", open + 2)) {
            int close = text.indexOf('}', open + 2);
            if (close < 0) {
                break;
            }
            names.add(text.substring(open + 2, close));
        }
        return names;
    }
}
