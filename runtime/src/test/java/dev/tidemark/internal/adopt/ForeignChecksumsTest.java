package dev.tidemark.internal.adopt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checksums recomputed against what the real tools stored. The fixtures under {@code
 * src/test/resources/adopt} are the projects that made them: {@code flyway-13} was migrated with
 * {@code mvn flyway:migrate} (flyway-maven-plugin 13.12.2, flyway-database-postgresql 13.12.2) and
 * {@code liquibase-4.33} with {@code mvn liquibase:update} (liquibase-maven-plugin 4.33.0), each on
 * PostgreSQL 15; the expected values are the {@code checksum} and {@code md5sum} columns they wrote.
 * The files keep their awkward bytes on purpose: a byte-order mark and CRLF endings ({@code
 * V1.1}), lone CR endings ({@code V2}), no final line end ({@code V3}), accented letters, a tab.
 */
class ForeignChecksumsTest {

    private static final String FLYWAY = "adopt/flyway-13/src/main/resources/db/migration/";

    @Test
    void flyway_matchesWhatFlyway13StoredForEachFile() {
        assertThat(ForeignChecksums.flyway(resource(FLYWAY + "V1__Create_users.sql")))
                .isEqualTo(-1182575650);
        assertThat(ForeignChecksums.flyway(resource(FLYWAY + "V1.1__Add_names.sql")))
                .isEqualTo(-1501482898);
        assertThat(ForeignChecksums.flyway(resource(FLYWAY + "V2__Create_orders.sql")))
                .isEqualTo(-475568255);
        assertThat(ForeignChecksums.flyway(resource(FLYWAY + "V3__Index_orders.sql")))
                .isEqualTo(-20686680);
        assertThat(ForeignChecksums.flyway(resource(FLYWAY + "R__Users_view.sql")))
                .isEqualTo(1666975027);
    }

    @Test
    void flyway_ignoresLineEndsBlankLinesAndALeadingByteOrderMarkOnly() {
        int plain = ForeignChecksums.flyway("a\nb");
        assertThat(ForeignChecksums.flyway("a\r\nb\r\n")).isEqualTo(plain);
        assertThat(ForeignChecksums.flyway("a\r\rb")).isEqualTo(plain);
        assertThat(ForeignChecksums.flyway("\uFEFFa\n\n\nb\n")).isEqualTo(plain);
        assertThat(ForeignChecksums.flyway("a\n\uFEFFb")).isNotEqualTo(plain);
        assertThat(ForeignChecksums.flyway("a \nb")).isNotEqualTo(plain);
        assertThat(ForeignChecksums.flyway("")).isZero();
    }

    @Test
    void liquibase_matchesWhatLiquibase433StoredForEachChangeset() {
        List<FormattedSqlChangelog.Changeset> changesets =
                FormattedSqlChangelog.parse(resource("adopt/liquibase-4.33/src/main/resources/db/changelog.sql"));
        assertThat(changesets)
                .extracting(c -> c.author() + ":" + c.id())
                .containsExactly("ada:1", "ada:1.1", "bob:2-create-orders");
        assertThat(changesets)
                .extracting(c -> c.checksum(9))
                .containsExactly(
                        "9:3171c3bec2e9e4c673d6a994a6d09ad4",
                        "9:fbae1a655c8ed4e1090368303a528684",
                        "9:b6321a85b6379d78d8c5844cd1d7a441");
    }

    /**
     * Version 8, as Liquibase 3.5 to 4.21 wrote it into {@code MD5SUM}. No such release resolves
     * here, so the expected values are what Liquibase 4.33.0 itself computes to validate an {@code
     * 8:} row: {@code ChangeSet.generateCheckSum(ChecksumVersion.V8)} of each changeset of the same
     * changelog parsed by its {@code FormattedSqlChangeLogParser} (the same run gives the three
     * {@code 9:} values above, the ones the real plugin stored).
     */
    @Test
    void liquibase_version8_matchesWhatLiquibaseComputesForARowWrittenBefore422() {
        List<FormattedSqlChangelog.Changeset> changesets =
                FormattedSqlChangelog.parse(resource("adopt/liquibase-4.33/src/main/resources/db/changelog.sql"));
        assertThat(changesets)
                .extracting(c -> c.checksum(8))
                .containsExactly(
                        "8:f9534d3eac2128da0eaa38f46b861280",
                        "8:b354f6dcc48ef14fd598373610ac9502",
                        "8:2f4556a12bf2c3c3cd518e51cc9f4a29");
        assertThat(changesets.get(0).checksum(7)).isNull();
    }

    @Test
    void liquibase_version8_keepsOneSpaceWhereVersion9KeepsNone() {
        String body = "CREATE TABLE t (id int);\n";
        assertThat(ForeignChecksums.liquibaseV8("\n  CREATE  TABLE\tt (id int);\r\n\r\n"))
                .isEqualTo(ForeignChecksums.liquibaseV8(body));
        assertThat(ForeignChecksums.liquibaseV8("CREATETABLE t (id int);\n"))
                .isNotEqualTo(ForeignChecksums.liquibaseV8(body));
        assertThat(ForeignChecksums.liquibaseV9("CREATETABLE t (id int);\n"))
                .isEqualTo(ForeignChecksums.liquibaseV9(body));
    }

    @Test
    void liquibase_changesWithAnyTokenButNotWithWhiteSpace() {
        String body = "CREATE TABLE t (id int);\n";
        assertThat(ForeignChecksums.liquibaseV9("CREATE  TABLE\tt (id int);\r\n\r\n"))
                .isEqualTo(ForeignChecksums.liquibaseV9(body));
        assertThat(ForeignChecksums.liquibaseV9("CREATE TABLE t (id bigint);\n"))
                .isNotEqualTo(ForeignChecksums.liquibaseV9(body));
    }

    @Test
    void drizzle_isTheSha256OfTheWholeFile() {
        // sha256("CREATE TABLE t (id int);\n--> statement-breakpoint\nSELECT 1;\n"), as sha256sum prints it.
        assertThat(ForeignChecksums.drizzle("CREATE TABLE t (id int);\n--> statement-breakpoint\nSELECT 1;\n"))
                .isEqualTo(DRIZZLE_EXAMPLE);
    }

    static final String DRIZZLE_EXAMPLE = "8cab1212d5a377a48e041992ed54f561ea90e4f1096db9935923937013a38834";

    static String resource(String path) {
        try (InputStream in = ForeignChecksumsTest.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
