package dev.tidemark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.TestDatabase;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MigrationVersionTest {

    @Test
    void compare_isNumericSegmentBySegment() {
        List<MigrationVersion> sorted = Stream.of("2", "1.10", "1", "1.9", "1.1", "2024.06.01.1", "10")
                .map(MigrationVersion::parse)
                .sorted()
                .toList();
        assertThat(sorted)
                .extracting(MigrationVersion::toString)
                .containsExactly("1", "1.1", "1.9", "1.10", "2", "10", "2024.06.01.1");
    }

    @Test
    void equals_ignoresTrailingZeroSegmentsAndLeadingZeros() {
        assertThat(MigrationVersion.parse("1.0")).isEqualTo(MigrationVersion.parse("1"));
        assertThat(MigrationVersion.parse("1.0.0")).hasSameHashCodeAs(MigrationVersion.parse("1"));
        assertThat(MigrationVersion.parse("2024.06")).isEqualTo(MigrationVersion.parse("2024.6"));
        assertThat(MigrationVersion.parse("0000000000000000000000000001.0"))
                .isEqualTo(MigrationVersion.parse("1"))
                .hasSameHashCodeAs(MigrationVersion.parse("1"));
        assertThat(MigrationVersion.parse("1.0.1")).isNotEqualTo(MigrationVersion.parse("1.1"));
        assertThat(MigrationVersion.parse("1.0").toString()).isEqualTo("1.0");
    }

    @Test
    void parse_acceptsHugeSegments() {
        assertThat(MigrationVersion.parse("99999999999999999999.1"))
                .isGreaterThan(MigrationVersion.parse("99999999999999999998.2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "v1", "1.", ".1", "1..2", "1_2", "1.2a", " 1", "1 ", "-1", "1,2", "\u0661", "1.\u0662"})
    void parse_rejectsMalformedVersionsWithAnExample(String text) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MigrationVersion.parse(text))
                .withMessageContaining("use dotted numbers such as 1, 1.2 or 2024.06.01.1");
        assertThat(MigrationVersion.isValid(text)).isFalse();
    }

    @Test
    void parse_rejectsNull() {
        assertThat(MigrationVersion.problemWith(null)).startsWith("version is empty");
    }

    @Test
    @NeedsPostgres
    void testDatabase_isIsolatedAndUsable(TestDatabase first, TestDatabase second) {
        first.execute("CREATE TABLE t (id int)");
        assertThat(first.tableExists("public", "t")).isTrue();
        assertThat(second.tableExists("public", "t")).isFalse();
        assertThat(first.name()).isNotEqualTo(second.name());
    }
}
