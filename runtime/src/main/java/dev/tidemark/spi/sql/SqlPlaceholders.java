package dev.tidemark.spi.sql;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Placeholders in SQL migration files: {@code ${name}}, a name of letters, digits and {@code _ . -
 * :}, replaced by the configured value anywhere in the text (strings and dollar-quoted bodies too),
 * as Flyway does. Their values are not part of the checksum: the checksum is the file's, computed at
 * compile time, so one file migrates every environment with its own values.
 */
public final class SqlPlaceholders {

    private SqlPlaceholders() {}

    /** {@code text} with every placeholder replaced by its value; one without a value stays as written. */
    public static String replace(String text, Map<String, String> values) {
        if (!text.contains("${")) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (int open = text.indexOf("${"); open >= 0; open = text.indexOf("${", open + 2)) {
            int close = close(text, open);
            if (close < 0) {
                continue;
            }
            String value = values.get(text.substring(open + 2, close));
            if (value != null) {
                out.append(text, at, open).append(value);
                at = close + 1;
            }
        }
        return out.append(text, at, text.length()).toString();
    }

    /** The placeholder names {@code text} uses, sorted. */
    public static Set<String> names(String text) {
        Set<String> names = new TreeSet<>();
        for (int open = text.indexOf("${"); open >= 0; open = text.indexOf("${", open + 2)) {
            int close = close(text, open);
            if (close >= 0) {
                names.add(text.substring(open + 2, close));
            }
        }
        return names;
    }

    /** The closing brace of the placeholder opened at {@code open}, or -1 when none is there. */
    private static int close(String text, int open) {
        int i = open + 2;
        while (i < text.length() && isNameCharacter(text.charAt(i))) {
            i++;
        }
        return i > open + 2 && i < text.length() && text.charAt(i) == '}' ? i : -1;
    }

    private static boolean isNameCharacter(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c == ':';
    }
}
