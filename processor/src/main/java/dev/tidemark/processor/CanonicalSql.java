package dev.tidemark.processor;

/**
 * Turns the text of a SQL migration file into the canonical text its checksum ({@code s1}) is
 * computed over, by the rules {@link CanonicalSource} applies to Java, read with PostgreSQL's
 * lexical rules:
 *
 * <ul>
 *   <li>Comments ({@code --} to the end of the line, and {@code /* … *}{@code /}, nested) are removed;
 *       each counts as white space.
 *   <li>Outside literals, a run of white space (line terminators of any kind included) becomes one
 *       space, kept only where it separates two word characters ({@code create table}) or two
 *       operator characters ({@code a - -1}), or two literals of the same quote ({@code 'a' 'b'}); leading and trailing white space disappears.
 *   <li>Literals are kept exactly as written, except that their line endings become {@code \n}:
 *       {@code '…'} strings ({@code ''} escapes, and backslash escapes after {@code E}), {@code "…"}
 *       identifiers ({@code ""} escapes) and {@code $tag$ … $tag$} dollar-quoted bodies, so
 *       re-indenting a function body changes the checksum, since PostgreSQL stores the body as
 *       written.
 *   <li>Letter case is kept: {@code CREATE} and {@code create} are different texts.
 * </ul>
 *
 * <p>This is the contract {@code validate} relies on for SQL files: never change it without
 * changing the tag {@link SqlChecksum#TAG}.
 */
final class CanonicalSql {

    private static final String OPERATOR_CHARACTERS = "+-*/<>=~!@#%^&|`?:.";

    private final String sql;
    private final StringBuilder out;
    private int position;
    private boolean pendingSpace;

    private CanonicalSql(String sql) {
        this.sql = sql;
        this.out = new StringBuilder(sql.length());
    }

    /** The canonical text of {@code sql}. */
    static String of(String sql) {
        return new CanonicalSql(sql).run();
    }

    private String run() {
        int length = sql.length();
        while (position < length) {
            char c = sql.charAt(position);
            if (Character.isWhitespace(c)) {
                pendingSpace = true;
                position++;
            } else if (c == '-' && next() == '-') {
                while (position < length && sql.charAt(position) != '\n' && sql.charAt(position) != '\r') {
                    position++;
                }
                pendingSpace = true;
            } else if (c == '/' && next() == '*') {
                skipBlockComment();
                pendingSpace = true;
            } else if (c == '\'') {
                boolean backslashes = out.length() > 0
                        && (out.charAt(out.length() - 1) == 'E' || out.charAt(out.length() - 1) == 'e')
                        && !pendingSpace
                        && (out.length() == 1 || !isWord(out.charAt(out.length() - 2)));
                literal('\'', backslashes);
            } else if (c == '"') {
                literal('"', false);
            } else if (c == '$' && dollarTagEnd() > 0 && (out.length() == 0 || pendingSpace || !isWord(last()))) {
                dollarQuoted();
            } else {
                emit(c);
                position++;
            }
        }
        return out.toString();
    }

    private char next() {
        return position + 1 < sql.length() ? sql.charAt(position + 1) : '\0';
    }

    private char last() {
        return out.charAt(out.length() - 1);
    }

    private void skipBlockComment() {
        int depth = 0;
        int length = sql.length();
        while (position < length) {
            char c = sql.charAt(position);
            if (c == '/' && next() == '*') {
                depth++;
                position += 2;
            } else if (c == '*' && next() == '/') {
                depth--;
                position += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                position++;
            }
        }
    }

    /** Copies a quoted literal up to its closing quote, line endings normalised. */
    private void literal(char quote, boolean backslashes) {
        emitPendingSpace(quote);
        out.append(quote);
        position++;
        int length = sql.length();
        while (position < length) {
            char c = sql.charAt(position);
            if (backslashes && c == '\\' && position + 1 < length) {
                out.append(c);
                position++;
                copyNormalised();
            } else if (c == quote) {
                out.append(c);
                position++;
                if (position < length && sql.charAt(position) == quote) {
                    out.append(quote);
                    position++;
                } else {
                    return;
                }
            } else {
                copyNormalised();
            }
        }
    }

    /** The end of a {@code $tag$} at the position, or -1. */
    private int dollarTagEnd() {
        int i = position + 1;
        int length = sql.length();
        if (i < length && Character.isDigit(sql.charAt(i))) {
            return -1; // $1: a parameter
        }
        while (i < length && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
            i++;
        }
        return i < length && sql.charAt(i) == '$' ? i + 1 : -1;
    }

    private void dollarQuoted() {
        int tagEnd = dollarTagEnd();
        String tag = sql.substring(position, tagEnd);
        emitPendingSpace('$');
        out.append(tag);
        position = tagEnd;
        int close = sql.indexOf(tag, position);
        int end = close < 0 ? sql.length() : close;
        while (position < end) {
            copyNormalised();
        }
        if (close >= 0) {
            out.append(tag);
            position = close + tag.length();
        }
    }

    /** Copies one character, or one line ending as {@code \n}. */
    private void copyNormalised() {
        char c = sql.charAt(position);
        if (c == '\r') {
            out.append('\n');
            position += next() == '\n' ? 2 : 1;
        } else {
            out.append(c);
            position++;
        }
    }

    private void emit(char c) {
        emitPendingSpace(c);
        out.append(c);
    }

    private void emitPendingSpace(char next) {
        if (pendingSpace && out.length() > 0) {
            char previous = last();
            if ((isWord(previous) && isWord(next))
                    || (isOperator(previous) && isOperator(next))
                    || (previous == next && (next == '\'' || next == '"'))) {
                out.append(' ');
            }
        }
        pendingSpace = false;
    }

    private static boolean isWord(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static boolean isOperator(char c) {
        return OPERATOR_CHARACTERS.indexOf(c) >= 0;
    }
}
