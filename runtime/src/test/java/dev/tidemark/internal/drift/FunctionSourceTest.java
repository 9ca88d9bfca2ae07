package dev.tidemark.internal.drift;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FunctionSourceTest {

    private static void same(String a, String b) {
        assertThat(FunctionSource.normalised(a)).isEqualTo(FunctionSource.normalised(b));
    }

    private static void different(String a, String b) {
        assertThat(FunctionSource.normalised(a)).isNotEqualTo(FunctionSource.normalised(b));
    }

    @Test
    void layoutOfTheBody_doesNotCount() {
        same(
                "AS $function$\nBEGIN\n  PERFORM f(a, b);\nEND $function$",
                "AS $function$\r\nBEGIN \r\n\r\n\tPERFORM  f( a,b ) ;\r\nEND\n$function$");
    }

    @Test
    void whitespaceBetweenWords_stillSeparatesThem() {
        different("AS $$ SELECT a b $$", "AS $$ SELECT ab $$");
    }

    @Test
    void quotedTextIsKeptAsWritten() {
        different("AS $$ RETURN 'a  b'; $$", "AS $$ RETURN 'a b'; $$");
        different("AS $$ RETURN 'it''s  x'; $$", "AS $$ RETURN 'it''s x'; $$");
        different("AS $$ RETURN E'\\'  x'; $$", "AS $$ RETURN E'\\' x'; $$");
        different("AS $$ SELECT \"a  b\" FROM t; $$", "AS $$ SELECT \"a b\" FROM t; $$");
        different(
                "AS $function$ EXECUTE $q$SELECT  1$q$; $function$",
                "AS $function$ EXECUTE $q$SELECT 1$q$; $function$");
        same(
                "AS $function$ EXECUTE  $q$SELECT  1$q$ ; $function$",
                "AS $function$\n  EXECUTE $q$SELECT  1$q$;\n$function$");
    }

    @Test
    void aLineCommentKeepsTheLineEndThatClosesIt() {
        different("AS $$ x := 1; -- note\ny := 2; $$", "AS $$ x := 1; -- note y := 2; $$");
        same("AS $$ x := 1; -- note  \n   y := 2; $$", "AS $$ x := 1;  -- note\n\ny := 2; $$");
    }

    @Test
    void parametersAreNotDollarQuotes() {
        same("AS $$ SELECT $1 +  $2 $$", "AS $$ SELECT $1 + $2 $$");
        different("AS $$ SELECT $1 + $2 $$", "AS $$ SELECT $1 + $3 $$");
    }
}
