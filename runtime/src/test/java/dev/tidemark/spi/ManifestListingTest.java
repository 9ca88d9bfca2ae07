package dev.tidemark.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The listing's text: what the processor writes reads back exactly, and a broken line is named. */
class ManifestListingTest {

    private static Map<String, String> details(String... keysAndValues) {
        Map<String, String> details = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            details.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return details;
    }

    @Test
    void format_thenParse_givesTheSameLines_escapesAndDetailsIncluded() {
        List<ManifestListing.Line> lines = List.of(
                new ManifestListing.Line(
                        "1",
                        "v1:" + "a".repeat(64),
                        true,
                        true,
                        "java",
                        "a.B$C",
                        "Tab\there",
                        details("canonical", "a.B.C")),
                new ManifestListing.Line(
                        "1.2",
                        "s1:" + "b".repeat(64),
                        false,
                        false,
                        "sql",
                        "2_x/up.sql",
                        "Back\\slash\nline",
                        details(
                                "file",
                                "up.sql",
                                "up",
                                "META-INF/tidemark/sql/2_x/up.sql",
                                "flyway",
                                "-12",
                                "placeholders",
                                "a,b")),
                new ManifestListing.Line("3", "v2:" + "c".repeat(64), false, true, "java", "a.D", "Straße", Map.of()));

        String text = ManifestListing.format(lines);

        assertThat(text).startsWith(ManifestListing.HEADER + "\n1\tv1:");
        assertThat(text.lines()).hasSize(4);
        assertThat(ManifestListing.parse(text)).isEqualTo(lines);
        assertThat(ManifestListing.parse(text.replace("\n", "\r\n") + "# a comment\n\n"))
                .isEqualTo(lines);
    }

    @Test
    void parse_refusesAnotherFormat_andNamesABrokenLine() {
        assertThatThrownBy(() -> ManifestListing.parse("# tidemark manifest, format 1\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("first line");
        assertThatThrownBy(() -> ManifestListing.parse("")).hasMessageContaining("empty");
        String header = ManifestListing.HEADER + "\n";
        assertThatThrownBy(() -> ManifestListing.parse(header + "1\tv1:x\ttu\tjava:a.B\n"))
                .hasMessageContaining("line 2")
                .hasMessageContaining("fewer than 5 fields");
        assertThatThrownBy(() -> ManifestListing.parse(header + "\n1\tv1:x\tx\tjava:a.B\td\n"))
                .hasMessageContaining("line 3")
                .hasMessageContaining("flags 'x'");
        assertThatThrownBy(() -> ManifestListing.parse(header + "1\tv1:x\tt\tkotlin:a.B\td\n"))
                .hasMessageContaining("java: or sql:");
        assertThatThrownBy(() -> ManifestListing.parse(header + "1\tv1:x\tt\tsql:a.sql\td\tnodetail\n"))
                .hasMessageContaining("'nodetail' is not key=value");
    }
}
