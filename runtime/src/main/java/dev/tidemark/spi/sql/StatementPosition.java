package dev.tidemark.spi.sql;

/**
 * Converts PostgreSQL's error position (1-based character offset into the statement) into a line
 * and column within that statement.
 *
 * @param line 1-based line
 * @param column 1-based column
 */
public record StatementPosition(int line, int column) {

    /** Returns null when {@code position} does not fall inside {@code statement}. */
    public static StatementPosition of(String statement, int position) {
        if (statement == null || position < 1 || position > statement.length() + 1) {
            return null;
        }
        int line = 1;
        int column = 1;
        int codePoints = 0;
        for (int i = 0; i < statement.length() && codePoints < position - 1; ) {
            int c = statement.codePointAt(i);
            if (c == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
            i += Character.charCount(c);
            codePoints++;
        }
        return new StatementPosition(line, column);
    }

    @Override
    public String toString() {
        return "line " + line + ", column " + column;
    }
}
