package dev.tidemark.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** The checksum contract of SQL files ({@code s1}): what changes it and what does not. */
class SqlChecksumTest {

    private static final String ORIGINAL = """
            CREATE TABLE users (
                id bigint PRIMARY KEY,
                name text NOT NULL DEFAULT 'a  b'
            );
            CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              NEW.updated_at := now();
              RETURN NEW;
            END;
            $$;
            """;

    /** The checksum of {@link #ORIGINAL}, written out: it changes only with the tag. */
    private static final String GOLDEN = "s1:4c6605e668f79b1109886974a2b48ce9ea792827a11f953f3522bad447bddbbe";

    @Test
    void canonicalText_keepsTokens_dropsLayout() {
        assertThat(CanonicalSql.of("CREATE  TABLE\n\tusers ( id bigint ) ;"))
                .isEqualTo("CREATE TABLE users(id bigint);");
        assertThat(CanonicalSql.of("SELECT a - -1, 'x' 'y', E'\\'' FROM t"))
                .isEqualTo("SELECT a- -1,'x' 'y',E'\\''FROM t");
        assertThat(SqlChecksum.of(ORIGINAL)).isEqualTo(GOLDEN);
    }

    @Test
    void commentsWhiteSpaceAndLineEndings_doNotChangeIt() {
        String reformatted = "-- the users table\r\nCREATE TABLE users (id bigint PRIMARY KEY, /* the name */"
                + " name text NOT NULL DEFAULT 'a  b');\r\n\r\nCREATE FUNCTION touch() RETURNS trigger"
                + " LANGUAGE plpgsql AS $$\r\nBEGIN\r\n  NEW.updated_at := now();\r\n  RETURN NEW;\r\nEND;\r\n$$;";
        assertThat(SqlChecksum.of(reformatted)).isEqualTo(GOLDEN);
        assertThat(SqlChecksum.of("-- tidemark:no-transaction\n" + ORIGINAL)).isEqualTo(GOLDEN);
        assertThat(SqlChecksum.of("/* nested /* comment */ still */" + ORIGINAL))
                .isEqualTo(GOLDEN);
    }

    @Test
    void anyToken_changesIt() {
        assertThat(SqlChecksum.of(ORIGINAL.replace("bigint", "integer"))).isNotEqualTo(GOLDEN);
        assertThat(SqlChecksum.of(ORIGINAL.replace("'a  b'", "'a b'"))).isNotEqualTo(GOLDEN);
        assertThat(SqlChecksum.of(ORIGINAL.replace("users", "USERS"))).isNotEqualTo(GOLDEN);
        assertThat(SqlChecksum.of(ORIGINAL.replace("  RETURN NEW;", "    RETURN NEW;")))
                .as("a function body is stored as written")
                .isNotEqualTo(GOLDEN);
        assertThat(SqlChecksum.of(ORIGINAL.replace("now()", "now() -- when")))
                .as("a comment inside a body")
                .isNotEqualTo(GOLDEN);
        assertThat(SqlChecksum.of(ORIGINAL + "DROP TABLE users;")).isNotEqualTo(GOLDEN);
    }

    @Test
    void flywayChecksum_isTheCrcOfTheLinesWithoutTerminators() {
        CRC32 crc = new CRC32();
        crc.update("SELECT 1;".getBytes(StandardCharsets.UTF_8));
        crc.update("SELECT 2;".getBytes(StandardCharsets.UTF_8));

        assertThat(SqlChecksum.flyway("\uFEFFSELECT 1;\r\nSELECT 2;\n")).isEqualTo((int) crc.getValue());
        assertThat(SqlChecksum.flyway("SELECT 1;\nSELECT 2;")).isEqualTo((int) crc.getValue());
    }
}
