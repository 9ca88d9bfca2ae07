package dev.tidemark.processor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CanonicalSourceTest {

    @Test
    void whiteSpace_isCollapsed_andKeptOnlyBetweenWordsOrBetweenOperators() {
        assertThat(CanonicalSource.of("  public   final\n\tclass X {\r\n  int a = b  +  c ; }  "))
                .isEqualTo("public final class X{int a=b+c;}");
        assertThat(CanonicalSource.of("i++ + j")).isEqualTo("i++ +j");
        assertThat(CanonicalSource.of("i + ++j")).isEqualTo("i+ ++j");
        assertThat(CanonicalSource.of("a - -b")).isEqualTo("a- -b");
        assertThat(CanonicalSource.of("a--b")).isEqualTo("a--b");
        assertThat(CanonicalSource.of("List<List<String> > x")).isEqualTo("List<List<String> >x");
    }

    @Test
    void comments_areRemoved_andSeparateTokensLikeWhiteSpace() {
        assertThat(CanonicalSource.of("int/**/x = 1; // trailing\nint y;")).isEqualTo("int x=1;int y;");
        assertThat(CanonicalSource.of("/** doc */ class /* a\n b */ X {}// end"))
                .isEqualTo("class X{}");
        assertThat(CanonicalSource.of("a /* unterminated")).isEqualTo("a");
    }

    @Test
    void stringAndCharLiterals_areKeptAsWritten_escapesIncluded() {
        assertThat(CanonicalSource.of("s = \"\\\"\" ;  c = '\\'' ;")).isEqualTo("s=\"\\\"\";c='\\'';");
        assertThat(CanonicalSource.of("s = \"a  // b /* c */  d\";")).isEqualTo("s=\"a  // b /* c */  d\";");
        assertThat(CanonicalSource.of("c = '\"'; s = \"'\";")).isEqualTo("c='\"';s=\"'\";");
        assertThat(CanonicalSource.of("s = \"\\\\\" + x")).isEqualTo("s=\"\\\\\"+x");
    }

    @Test
    void unicodeEscapes_areLeftAsWritten() {
        assertThat(CanonicalSource.of("int \\u0041 = 1; s = \"\\u0031\";")).isEqualTo("int \\u0041=1;s=\"\\u0031\";");
    }

    @Test
    void textBlocks_loseIncidentalIndentation_andKeepEverythingElse() {
        String indented = "x(\"\"\"\n            SELECT 1;\n              -- two more\n            \"\"\");";
        String flush = "x(\n\"\"\"   \nSELECT 1;\n  -- two more\n\"\"\" );";

        assertThat(CanonicalSource.of(indented)).isEqualTo("x(\"\"\"\nSELECT 1;\n  -- two more\n\"\"\");");
        assertThat(CanonicalSource.of(flush)).isEqualTo(CanonicalSource.of(indented));
    }

    @Test
    void textBlocks_normaliseLineEndings_andStripTrailingSpaces_likeJavac() {
        assertThat(CanonicalSource.of("\"\"\"\r\n    a  \r\n    b\r\n    \"\"\""))
                .isEqualTo("\"\"\"\na\nb\n\"\"\"");
    }

    @Test
    void textBlocks_endAtTheFirstUnescapedTripleQuote() {
        String source = "t = \"\"\"\n    say \\\"\"\"hi\\\"\"\" // not a comment\n    \"\"\"; // comment";

        assertThat(CanonicalSource.of(source)).isEqualTo("t=\"\"\"\nsay \\\"\"\"hi\\\"\"\" // not a comment\n\"\"\";");
    }

    @Test
    void textBlocks_keepTheirEscapesUntranslated() {
        assertThat(CanonicalSource.of("\"\"\"\n  a\\nb \\\n  c\\s\n  \"\"\""))
                .isEqualTo("\"\"\"\na\\nb \\\nc\\s\n\"\"\"");
    }

    @Test
    void textBlocks_changeWhenTheirRelativeIndentationChanges() {
        assertThat(CanonicalSource.of("\"\"\"\n    a\n      b\n    \"\"\""))
                .isNotEqualTo(CanonicalSource.of("\"\"\"\n    a\n    b\n    \"\"\""));
    }
}
