package dev.tidemark.processor.lint;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one statement into {@link SqlToken}s on PostgreSQL's lexical rules: line and nested block
 * comments are dropped; {@code '…'} strings ({@code ''} escapes), {@code E'…'} strings (backslash
 * escapes), {@code "…"} identifiers ({@code ""} escapes) and {@code $tag$…$tag$} dollar quotes are
 * one token each; unquoted words are folded to lower case.
 */
final class SqlLexer {

    /** The statement cannot be scanned: an unterminated quote or comment. */
    static final class LexException extends Exception {
        private static final long serialVersionUID = 1L;

        LexException(String message) {
            super(message);
        }
    }

    private final String sql;
    private final List<SqlToken> tokens = new ArrayList<>();

    private SqlLexer(String sql) {
        this.sql = sql;
    }

    static List<SqlToken> tokens(String sql) throws LexException {
        SqlLexer lexer = new SqlLexer(sql);
        lexer.run();
        return lexer.tokens;
    }

    private void run() throws LexException {
        int i = 0;
        int length = sql.length();
        while (i < length) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && at(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? length : end + 1;
            } else if (c == '/' && at(i + 1) == '*') {
                i = blockCommentEnd(i);
            } else if ((c == 'e' || c == 'E') && at(i + 1) == '\'') {
                i = string(i, i + 2, true);
            } else if (c == '\'') {
                i = string(i, i + 1, false);
            } else if (c == '"') {
                i = quotedIdentifier(i);
            } else if (c == '$' && dollarTag(i) != null) {
                i = dollarString(i, dollarTag(i));
            } else if (isIdentifierStart(c)) {
                int end = i + 1;
                while (end < length && isIdentifierPart(sql.charAt(end))) {
                    end++;
                }
                tokens.add(SqlToken.word(sql.substring(i, end), i));
                i = end;
            } else if (Character.isDigit(c) || (c == '.' && Character.isDigit(at(i + 1)))) {
                int end = i + 1;
                while (end < length && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '.')) {
                    end++;
                }
                tokens.add(new SqlToken(SqlToken.Kind.NUMBER, sql.substring(i, end), i));
                i = end;
            } else if (c == ':' && at(i + 1) == ':') {
                tokens.add(new SqlToken(SqlToken.Kind.SYMBOL, "::", i));
                i += 2;
            } else {
                tokens.add(new SqlToken(SqlToken.Kind.SYMBOL, String.valueOf(c), i));
                i++;
            }
        }
    }

    private char at(int i) {
        return i < sql.length() ? sql.charAt(i) : '\0';
    }

    private int blockCommentEnd(int start) throws LexException {
        int depth = 0;
        int i = start;
        while (i < sql.length()) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        throw new LexException("a block comment is not closed");
    }

    private int string(int start, int contentStart, boolean backslashEscapes) throws LexException {
        StringBuilder text = new StringBuilder();
        int i = contentStart;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\' && i + 1 < sql.length()) {
                text.append(sql.charAt(i + 1));
                i += 2;
            } else if (c == '\'') {
                if (at(i + 1) == '\'') {
                    text.append('\'');
                    i += 2;
                } else {
                    tokens.add(new SqlToken(SqlToken.Kind.STRING, text.toString(), start));
                    return i + 1;
                }
            } else {
                text.append(c);
                i++;
            }
        }
        throw new LexException("a string literal is not closed");
    }

    private int quotedIdentifier(int start) throws LexException {
        StringBuilder text = new StringBuilder();
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '"') {
                if (at(i + 1) == '"') {
                    text.append('"');
                    i += 2;
                } else {
                    tokens.add(new SqlToken(SqlToken.Kind.QUOTED_IDENTIFIER, text.toString(), start));
                    return i + 1;
                }
            } else {
                text.append(c);
                i++;
            }
        }
        throw new LexException("a quoted identifier is not closed");
    }

    /** The {@code $tag$} starting at {@code start}, or null when the dollar sign starts none. */
    private String dollarTag(int start) {
        if (start > 0 && isIdentifierPart(sql.charAt(start - 1))) {
            return null; // a $ inside an identifier, or a positional parameter such as $1
        }
        int i = start + 1;
        if (i < sql.length() && sql.charAt(i) != '$' && !isIdentifierStart(sql.charAt(i))) {
            return null;
        }
        while (i < sql.length() && sql.charAt(i) != '$') {
            if (!isIdentifierPart(sql.charAt(i)) || sql.charAt(i) == '$') {
                return null;
            }
            i++;
        }
        return i < sql.length() ? sql.substring(start, i + 1) : null;
    }

    private int dollarString(int start, String tag) throws LexException {
        int end = sql.indexOf(tag, start + tag.length());
        if (end < 0) {
            throw new LexException("the dollar quote " + tag + " is not closed");
        }
        tokens.add(new SqlToken(SqlToken.Kind.STRING, sql.substring(start + tag.length(), end), start));
        return end + tag.length();
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
