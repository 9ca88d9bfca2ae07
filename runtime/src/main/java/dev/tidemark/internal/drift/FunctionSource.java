package dev.tidemark.internal.drift;

/**
 * The definition of a function or procedure with its layout taken out, so that two definitions
 * that differ only in whitespace compare equal. PostgreSQL keeps a function's body exactly as it
 * was written ({@code pg_get_functiondef} shows it verbatim), so recreating a function with other
 * indentation, line ends (CRLF) or blank lines changes its text but not what it does; views,
 * triggers and constraints are rendered from their parsed form and never differ that way.
 *
 * <p>Outside quoted text every run of whitespace becomes one space, and none is kept at either
 * end or beside {@code ( ) , ;}, which PostgreSQL always reads as tokens of their own. Kept exactly
 * as written: string literals ({@code '…'}, {@code E'…'}), quoted identifiers ({@code "…"}),
 * comments, and dollar-quoted strings inside the body; a line comment keeps the line end that
 * closes it. The first dollar quote of the definition is the body's own ({@code AS $function$}):
 * its content is code and is laid out like the rest.
 */
final class FunctionSource {

    private final String text;
    private final StringBuilder out;
    private int at;
    /** Whitespace was skipped and not yet written: a space, or a line end after a line comment. */
    private char pending;
    /** The tag of the body's dollar quote once it is open, so that its closing tag is not a literal. */
    private String bodyTag;

    private FunctionSource(String text) {
        this.text = text;
        this.out = new StringBuilder(text.length());
    }

    /** {@code definition} without its layout; null stays null. */
    static String normalised(String definition) {
        return definition == null ? null : new FunctionSource(definition).run();
    }

    private String run() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (Character.isWhitespace(c)) {
                if (pending == 0) {
                    pending = ' ';
                }
                at++;
            } else if (c == '\'' || c == '"') {
                copyQuoted(c, escapesWithBackslash());
            } else if (c == '-' && next() == '-') {
                copyLineComment();
            } else if (c == '/' && next() == '*') {
                copyBlockComment();
            } else if (c == '$' && dollarTagAt(at) != null) {
                dollarQuote(dollarTagAt(at));
            } else {
                emit(c);
                at++;
            }
        }
        return out.toString();
    }

    private char next() {
        return at + 1 < text.length() ? text.charAt(at + 1) : 0;
    }

    /** Writes the pending whitespace (unless beside a self-delimiting token), then {@code text}. */
    private void emit(CharSequence written) {
        if (pending != 0 && out.length() > 0) {
            char before = out.charAt(out.length() - 1);
            char after = written.charAt(0);
            if (pending == '\n' || !(selfDelimiting(before) || selfDelimiting(after))) {
                out.append(pending);
            }
        }
        pending = 0;
        out.append(written);
    }

    private void emit(char c) {
        emit(String.valueOf(c));
    }

    private static boolean selfDelimiting(char c) {
        return c == '(' || c == ')' || c == ',' || c == ';';
    }

    /** An {@code E'…'} literal, where a backslash escapes the next character. */
    private boolean escapesWithBackslash() {
        if (text.charAt(at) != '\'' || out.length() == 0 || pending != 0) {
            return false;
        }
        char before = out.charAt(out.length() - 1);
        boolean prefix = before == 'E' || before == 'e';
        boolean alone = out.length() == 1
                || !Character.isLetterOrDigit(out.charAt(out.length() - 2)) && out.charAt(out.length() - 2) != '_';
        return prefix && alone;
    }

    private void copyQuoted(char quote, boolean backslash) {
        int end = at + 1;
        while (end < text.length()) {
            char c = text.charAt(end);
            if (backslash && c == '\\') {
                end += 2;
            } else if (c == quote && end + 1 < text.length() && text.charAt(end + 1) == quote) {
                end += 2;
            } else if (c == quote) {
                end++;
                break;
            } else {
                end++;
            }
        }
        copyTo(Math.min(end, text.length()));
    }

    private void copyLineComment() {
        int end = text.indexOf('\n', at);
        end = end < 0 ? text.length() : end;
        emit(text.substring(at, end).stripTrailing());
        at = end;
        pending = '\n';
    }

    private void copyBlockComment() {
        int depth = 0;
        int end = at;
        while (end < text.length()) {
            if (text.startsWith("/*", end)) {
                depth++;
                end += 2;
            } else if (text.startsWith("*/", end)) {
                depth--;
                end += 2;
                if (depth == 0) {
                    break;
                }
            } else {
                end++;
            }
        }
        copyTo(end);
    }

    /** The body's tag opens or closes the body and is code; any other dollar quote is copied whole. */
    private void dollarQuote(String tag) {
        if (bodyTag == null) {
            bodyTag = tag;
            copyTo(at + tag.length());
            return;
        }
        if (tag.equals(bodyTag)) {
            copyTo(at + tag.length());
            return;
        }
        int close = text.indexOf(tag, at + tag.length());
        copyTo(close < 0 ? text.length() : close + tag.length());
    }

    /** The dollar-quote tag ({@code $$}, {@code $body$}) starting at {@code start}, or null. */
    private String dollarTagAt(int start) {
        if (start > 0) {
            char before = text.charAt(start - 1);
            if (Character.isLetterOrDigit(before) || before == '_' || before == '$') {
                return null; // part of an identifier such as a$b, not a quote
            }
        }
        int end = start + 1;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            end++;
        }
        if (end >= text.length() || text.charAt(end) != '$') {
            return null;
        }
        String tag = text.substring(start, end + 1);
        return tag.length() > 2 && Character.isDigit(tag.charAt(1)) ? null : tag; // $1 is a parameter
    }

    private void copyTo(int end) {
        emit(text.substring(at, end));
        at = end;
    }
}
