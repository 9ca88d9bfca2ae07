package dev.tidemark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The runtime never words a remedy for one caller: no text in its sources says {@code mvn} or
 * names a {@code schema.x} property. A remedy names a {@link Setting} or an {@link Action}, and each
 * caller words it.
 */
class CallerNeutralTextTest {

    /** A string literal or a text block (Java comments are not scanned: they are stripped first). */
    private static final Pattern LITERAL = Pattern.compile("\"\"\"(?s:.*?)\"\"\"|\"(?:[^\"\\\n]|\\.)*\"");

    private static final Pattern COMMENT = Pattern.compile("(?s)/\\*.*?\\*/|//[^\n]*");

    /** Maven's command, or a property of the plugin ({@code schema.lockWait}, {@code -Dschema.x}). */
    static final Pattern CALLER_WORDS = Pattern.compile("\\bmvn\\b|\\bschema\\.[a-zA-Z]|-Dschema");

    @Test
    void noRuntimeText_namesMavenOrAPluginProperty() throws IOException {
        List<String> found = new ArrayList<>();
        Path sources = Path.of("src", "main", "java");
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                found.addAll(callerWords(file.toString(), Files.readString(file)));
            }
        }
        assertThat(found).as("runtime texts in one caller's words").isEmpty();
    }

    @Test
    void theScan_findsCallerWordsInLiteralsButNotInCodeOrComments() {
        String source = "/** Run mvn schema:repair. */ class A { // raise schema.lockWait\n"
                + " String a = \"run mvn schema:repair\"; String b = \"raise \" + \"schema.lockWait\";"
                + " String c = schema + \".\"; String d = \"information_schema.tables\";"
                + " String e = \"\"\"\n  -Dschema.target=3\n  \"\"\"; }";

        assertThat(callerWords("A.java", source))
                .containsExactly(
                        "A.java: \"run mvn schema:repair\"",
                        "A.java: \"schema.lockWait\"",
                        "A.java: \"\"\"\n  -Dschema.target=3\n  \"\"\"");
    }

    static List<String> callerWords(String file, String source) {
        List<String> found = new ArrayList<>();
        Matcher literal = LITERAL.matcher(stripComments(source));
        while (literal.find()) {
            if (CALLER_WORDS.matcher(literal.group()).find()) {
                found.add(file + ": " + literal.group());
            }
        }
        return found;
    }

    /** The source without comments; a comment marker inside a string literal is kept. */
    private static String stripComments(String source) {
        StringBuilder code = new StringBuilder();
        Matcher token =
                Pattern.compile(LITERAL.pattern() + "|" + COMMENT.pattern()).matcher(source);
        int last = 0;
        while (token.find()) {
            code.append(source, last, token.start());
            String text = token.group();
            code.append(text.startsWith("/") ? " " : text);
            last = token.end();
        }
        return code.append(source.substring(last)).toString();
    }
}
