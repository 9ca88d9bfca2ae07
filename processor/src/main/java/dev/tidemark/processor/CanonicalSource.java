package dev.tidemark.processor;

/**
 * Turns the source text of a migration's type declaration into the canonical text its checksum is
 * computed over (checksum format {@code v1}). Two sources that differ only in layout or comments
 * have the same canonical text; any other difference survives.
 *
 * <p>The rules, applied by a small Java tokenizer:
 *
 * <ul>
 *   <li>Comments (line, block and Javadoc) are removed; each counts as white space.
 *   <li>Outside string, character and text-block literals, a run of white space (spaces, tabs,
 *       form feeds, line terminators of any kind) is collapsed to one space, and that space is
 *       kept only where it separates two word characters ({@code final class}) or two operator
 *       characters ({@code i++ + j}); next to brackets, separators, literals, or between a word
 *       and an operator it is dropped. Refinement of the design's "collapse to one space": it makes
 *       line wrapping ({@code execute(\n "...")} against {@code execute("...")}) and spacing
 *       around operators layout too, while no two different token sequences can meet in the same
 *       text, since a dropped space never stood between two characters that could fuse into one
 *       token. Leading and trailing white space disappears.
 *   <li>String and character literals are kept exactly as written, escapes untranslated, including
 *       {@code "\""} and {@code '\''}.
 *   <li>Text blocks are kept without their incidental indentation: the content between the opening
 *       delimiter's line terminator and the closing {@code """} has its line endings normalised to
 *       {@code \n} and is then passed through {@link String#stripIndent()}, exactly as javac
 *       strips it before it interprets escapes (which stay untranslated here). So re-indenting a
 *       class leaves the canonical text unchanged, while any change to the SQL inside changes it.
 *       The canonical form of a text block is {@code """}, a line feed, the stripped content and
 *       the closing {@code """}.
 *   <li>Unicode escapes ({@code \u0041}) are left as written and read as the characters they are
 *       written with.
 * </ul>
 */
final class CanonicalSource {

    private static final String TEXT_BLOCK_DELIMITER = "\"\"\"";
    private static final String OPERATOR_CHARACTERS = "+-*/%=<>!&|^~?:.@";

    private final CharSequence source;
    private final StringBuilder out;
    private int position;
    private boolean pendingSpace;

    private CanonicalSource(CharSequence source) {
        this.source = source;
        this.out = new StringBuilder(source.length());
    }

    /** The canonical text of {@code source}. */
    static String of(CharSequence source) {
        return new CanonicalSource(source).run();
    }

    private String run() {
        int length = source.length();
        while (position < length) {
            char c = source.charAt(position);
            if (isWhiteSpace(c)) {
                pendingSpace = true;
                position++;
            } else if (c == '/' && next(1) == '/') {
                skipLineComment();
            } else if (c == '/' && next(1) == '*') {
                skipBlockComment();
            } else if (startsWith(TEXT_BLOCK_DELIMITER)) {
                textBlock();
            } else if (c == '"' || c == '\'') {
                quoted(c);
            } else {
                separateFrom(c);
                out.append(c);
                position++;
            }
        }
        return out.toString();
    }

    private void skipLineComment() {
        while (position < source.length() && !isLineTerminator(source.charAt(position))) {
            position++;
        }
        pendingSpace = true;
    }

    private void skipBlockComment() {
        position += 2;
        while (position < source.length() && !(source.charAt(position) == '*' && next(1) == '/')) {
            position++;
        }
        position = Math.min(source.length(), position + 2);
        pendingSpace = true;
    }

    /** A string or character literal, copied as written up to its closing quote. */
    private void quoted(char quote) {
        separateFrom(quote);
        out.append(quote);
        position++;
        while (position < source.length()) {
            char c = source.charAt(position);
            if (c == '\\' && position + 1 < source.length()) {
                out.append(c).append(source.charAt(position + 1));
                position += 2;
            } else if (isLineTerminator(c)) {
                return; // unterminated: javac reports it; the rest is read as code
            } else {
                out.append(c);
                position++;
                if (c == quote) {
                    return;
                }
            }
        }
    }

    private void textBlock() {
        separateFrom('"');
        position += TEXT_BLOCK_DELIMITER.length();
        // White space after the opening delimiter, up to its line terminator, is not content.
        int afterOpening = position;
        while (afterOpening < source.length()
                && isWhiteSpace(source.charAt(afterOpening))
                && !isLineTerminator(source.charAt(afterOpening))) {
            afterOpening++;
        }
        if (afterOpening < source.length() && source.charAt(afterOpening) == '\r') {
            afterOpening++;
        }
        if (afterOpening < source.length() && source.charAt(afterOpening) == '\n') {
            afterOpening++;
        }
        position = afterOpening;
        StringBuilder content = new StringBuilder();
        while (position < source.length() && !startsWith(TEXT_BLOCK_DELIMITER)) {
            char c = source.charAt(position);
            content.append(c);
            if (c == '\\' && position + 1 < source.length()) {
                content.append(source.charAt(position + 1));
                position++;
            }
            position++;
        }
        position = Math.min(source.length(), position + TEXT_BLOCK_DELIMITER.length());
        String normalised = content.toString().replace("\r\n", "\n").replace('\r', '\n');
        out.append(TEXT_BLOCK_DELIMITER)
                .append('\n')
                .append(normalised.stripIndent())
                .append(TEXT_BLOCK_DELIMITER);
    }

    /** Writes the pending space before {@code next} only where dropping it could join two tokens. */
    private void separateFrom(char next) {
        if (pendingSpace && out.length() > 0) {
            char previous = out.charAt(out.length() - 1);
            if ((isWord(previous) && isWord(next)) || (isOperator(previous) && isOperator(next))) {
                out.append(' ');
            }
        }
        pendingSpace = false;
    }

    private boolean startsWith(String text) {
        int end = position + text.length();
        return end <= source.length()
                && source.subSequence(position, end).toString().equals(text);
    }

    private char next(int offset) {
        int at = position + offset;
        return at < source.length() ? source.charAt(at) : '\0';
    }

    private static boolean isWord(char c) {
        // A backslash starts a unicode escape, which may stand for an identifier character.
        return Character.isJavaIdentifierPart(c) || c == '\\';
    }

    private static boolean isOperator(char c) {
        return OPERATOR_CHARACTERS.indexOf(c) >= 0;
    }

    private static boolean isWhiteSpace(char c) {
        return c == ' ' || c == '\t' || c == '\f' || isLineTerminator(c);
    }

    private static boolean isLineTerminator(char c) {
        return c == '\n' || c == '\r';
    }
}
