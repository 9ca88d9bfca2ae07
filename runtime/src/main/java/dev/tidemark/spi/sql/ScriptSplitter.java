package dev.tidemark.spi.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a SQL script into statements on PostgreSQL's own lexical rules, as psql does: semicolons
 * end statements except inside single-quoted strings ({@code ''} escapes), {@code E'…'} strings
 * (backslash escapes), quoted identifiers ({@code ""} escapes), {@code $tag$} dollar quotes, line
 * and nested block comments, parentheses (rule actions) and {@code BEGIN ATOMIC … END} bodies of
 * SQL-standard functions. Statements consisting only of comments are dropped. psql
 * meta-commands and {@code COPY … FROM STDIN} are refused, since JDBC cannot run them.
 */
public final class ScriptSplitter {

    private final String script;
    private final List<String> statements = new ArrayList<>();
    private final List<Integer> lines = new ArrayList<>();
    private int start;
    private int contentStart;
    private boolean content;
    private int parenDepth;
    private int atomicDepth;
    private String previousWord;
    private String firstWord;
    private boolean fromStdin;

    private ScriptSplitter(String script) {
        this.script = script;
    }

    /** The statements of {@code script}, each without its terminating semicolon. */
    public static List<String> split(String script) throws ScriptException {
        ScriptSplitter splitter = new ScriptSplitter(script);
        splitter.run();
        return splitter.statements;
    }

    /** One statement of a script and the line of the script (from 1) its first token is on. */
    public record Located(String text, int line) {}

    /** The statements of {@code script} with the line each starts on, for messages that point into a file. */
    public static List<Located> splitWithLines(String script) throws ScriptException {
        ScriptSplitter splitter = new ScriptSplitter(script);
        splitter.run();
        List<Located> located = new ArrayList<>(splitter.statements.size());
        int line = 1;
        int counted = 0;
        for (int i = 0; i < splitter.statements.size(); i++) {
            int at = splitter.lines.get(i);
            for (; counted < at; counted++) {
                char c = script.charAt(counted);
                if (c == '\n'
                        || (c == '\r' && (counted + 1 >= script.length() || script.charAt(counted + 1) != '\n'))) {
                    line++;
                }
            }
            located.add(new Located(splitter.statements.get(i), line));
        }
        return located;
    }

    private void run() throws ScriptException {
        int length = script.length();
        int i = 0;
        while (i < length) {
            char c = script.charAt(i);
            if (c == '-' && next(i) == '-') {
                i = lineEnd(i);
            } else if (c == '/' && next(i) == '*') {
                i = blockCommentEnd(i);
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == ';' && parenDepth == 0 && atomicDepth == 0) {
                endStatement(i);
                i++;
                start = i;
            } else {
                if (!content) {
                    contentStart = i;
                }
                content = true;
                if (c == '\'') {
                    i = quoteEnd(i + 1, '\'', false);
                } else if (c == '"') {
                    i = quoteEnd(i + 1, '"', false);
                } else if (c == '$' && dollarTagEnd(i) > 0) {
                    int tagEnd = dollarTagEnd(i);
                    String tag = script.substring(i, tagEnd);
                    int close = script.indexOf(tag, tagEnd);
                    i = close < 0 ? length : close + tag.length();
                } else if (isIdentifierStart(c)) {
                    int end = i + 1;
                    while (end < length && isIdentifierPart(script.charAt(end))) {
                        end++;
                    }
                    String word = script.substring(i, end);
                    if (end < length && script.charAt(end) == '\'' && word.equalsIgnoreCase("e")) {
                        i = quoteEnd(end + 1, '\'', true);
                    } else {
                        word(word.toUpperCase(Locale.ROOT));
                        i = end;
                    }
                } else if (c == '(') {
                    parenDepth++;
                    i++;
                } else if (c == ')') {
                    parenDepth = Math.max(0, parenDepth - 1);
                    i++;
                } else if (c == '\\') {
                    throw new ScriptException(
                            "the script contains a psql meta-command ("
                                    + lineAt(i).strip()
                                    + "), which only psql understands; JDBC runs SQL only. Remove it, or do in"
                                    + " Java what it did (\\connect, \\i, \\set and the like have no SQL equivalent)",
                            lineAt(i).strip());
                } else {
                    i++;
                }
            }
        }
        endStatement(length);
    }

    private void word(String word) {
        if (firstWord == null) {
            firstWord = word;
        }
        if (atomicDepth == 0) {
            if (word.equals("ATOMIC") && "BEGIN".equals(previousWord)) {
                atomicDepth = 1;
            }
        } else if (word.equals("CASE")) {
            atomicDepth++;
        } else if (word.equals("END")) {
            atomicDepth--;
        }
        if (word.equals("STDIN") && "FROM".equals(previousWord)) {
            fromStdin = true;
        }
        previousWord = word;
    }

    private void endStatement(int end) throws ScriptException {
        if (content) {
            String statement = script.substring(start, end).strip();
            if ("COPY".equals(firstWord) && fromStdin) {
                throw new ScriptException(
                        "COPY … FROM STDIN reads its data from psql's input, which JDBC does not have. Write the"
                                + " rows as INSERT statements, or use the driver's copy API"
                                + " (connection().unwrap(org.postgresql.PGConnection.class).getCopyAPI()) in the"
                                + " migration",
                        statement);
            }
            statements.add(statement);
            lines.add(contentStart);
        }
        content = false;
        parenDepth = 0;
        atomicDepth = 0;
        previousWord = null;
        firstWord = null;
        fromStdin = false;
    }

    private char next(int i) {
        return i + 1 < script.length() ? script.charAt(i + 1) : '\0';
    }

    private int lineEnd(int i) {
        int newline = script.indexOf('\n', i);
        return newline < 0 ? script.length() : newline + 1;
    }

    private int blockCommentEnd(int i) {
        int depth = 0;
        int length = script.length();
        while (i < length) {
            char c = script.charAt(i);
            if (c == '/' && next(i) == '*') {
                depth++;
                i += 2;
            } else if (c == '*' && next(i) == '/') {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return length;
    }

    /** Returns the index after the closing quote; a doubled quote is part of the text. */
    private int quoteEnd(int i, char quote, boolean backslashEscapes) {
        int length = script.length();
        while (i < length) {
            char c = script.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (next(i) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return length;
    }

    /** The index after {@code $tag$} starting at {@code i}, or -1 when none starts there. */
    private int dollarTagEnd(int i) {
        if (i > 0 && isIdentifierPart(script.charAt(i - 1))) {
            return -1;
        }
        int j = i + 1;
        if (j < script.length() && isIdentifierStart(script.charAt(j))) {
            j++;
            while (j < script.length() && isIdentifierPart(script.charAt(j)) && script.charAt(j) != '$') {
                j++;
            }
        }
        return j < script.length() && script.charAt(j) == '$' ? j + 1 : -1;
    }

    private String lineAt(int i) {
        int lineStart = script.lastIndexOf('\n', i) + 1;
        int newline = script.indexOf('\n', i);
        return script.substring(lineStart, newline < 0 ? script.length() : newline);
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
