package dev.tidemark.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The description of a migration whose {@code @Migration} has none, derived from its simple class
 * name: words split at case changes, lower-cased, joined by spaces ({@code AddEmailVerification}
 * becomes {@code add email verification}).
 *
 * <p>An acronym stays one word ({@code CreateURLIndex} becomes {@code create url index}); a run of
 * digits is a word of its own ({@code CreateURLIndex2} becomes {@code create url index 2}, {@code
 * Oauth2Tokens} becomes {@code oauth 2 tokens}); underscores and dollar signs separate words and
 * are dropped ({@code V3__Add_users} becomes {@code v 3 add users}).
 */
final class DerivedDescription {

    private DerivedDescription() {}

    static String fromClassName(String simpleName) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < simpleName.length(); i++) {
            char c = simpleName.charAt(i);
            if (c == '_' || c == '$') {
                flush(word, words);
                continue;
            }
            if (word.length() > 0 && startsNewWord(word.charAt(word.length() - 1), c, nextOf(simpleName, i))) {
                flush(word, words);
            }
            word.append(c);
        }
        flush(word, words);
        return String.join(" ", words).toLowerCase(Locale.ROOT);
    }

    private static boolean startsNewWord(char previous, char current, char next) {
        if (Character.isDigit(current)) {
            return !Character.isDigit(previous);
        }
        if (Character.isDigit(previous)) {
            return true;
        }
        if (Character.isUpperCase(current)) {
            // "addEmail" splits before E; "URLIndex" splits before I, the start of "Index".
            return Character.isLowerCase(previous) || (Character.isUpperCase(previous) && Character.isLowerCase(next));
        }
        return false;
    }

    private static char nextOf(String text, int index) {
        return index + 1 < text.length() ? text.charAt(index + 1) : '\0';
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (word.length() > 0) {
            words.add(word.toString());
            word.setLength(0);
        }
    }
}
