package dev.tidemark.processor.lint;

import java.util.Locale;

/**
 * One lexical token of a PostgreSQL statement, as PostgreSQL's scanner sees it.
 *
 * @param kind what the token is
 * @param text for a word its lower-cased text, for a quoted identifier its unquoted name, for a
 *     string its contents, otherwise the characters as written
 * @param offset where the token starts in the statement
 */
record SqlToken(Kind kind, String text, int offset) {

    enum Kind {
        /** A key word or an unquoted identifier, folded to lower case as PostgreSQL does. */
        WORD,
        /** A {@code "quoted"} identifier, case kept. */
        QUOTED_IDENTIFIER,
        /** A {@code '…'}, {@code E'…'} or {@code $tag$…$tag$} string. */
        STRING,
        NUMBER,
        /** An operator or punctuation: {@code ( ) , ; . :: = …}. */
        SYMBOL
    }

    static SqlToken word(String text, int offset) {
        return new SqlToken(Kind.WORD, text.toLowerCase(Locale.ROOT), offset);
    }

    boolean isWord(String word) {
        return kind == Kind.WORD && text.equals(word);
    }

    boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    /** A word or a quoted identifier: something that can name a table, column or index. */
    boolean isName() {
        return kind == Kind.WORD || kind == Kind.QUOTED_IDENTIFIER;
    }
}
