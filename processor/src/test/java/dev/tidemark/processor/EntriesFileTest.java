package dev.tidemark.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.spi.ManifestListing;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntriesFileTest {

    private static final String CHECKSUM = "v1:" + "0".repeat(64);

    @Test
    void entries_surviveAWriteAndARead_whateverTheirDescription() {
        List<EntriesFile.Entry> entries = List.of(
                new EntriesFile.Entry(
                        "1", "a.B", "a.B", CHECKSUM, true, false, "tab\there, line\nbreak, back\\slash\r"),
                new EntriesFile.Entry("1.10", "a.C$D", "a.C.D", CHECKSUM, false, true, "Straße über Ærø"),
                new EntriesFile.Entry("2", "a.E", "a.E", "v2:" + "1".repeat(64), true, false, "uses constants"));

        assertThat(EntriesFile.read(EntriesFile.write(entries))).isEqualTo(entries);
    }

    @Test
    void read_refusesTextInAnotherFormat_namingTheLine() {
        assertThatThrownBy(() -> EntriesFile.read("something else\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("first line");
        assertThatThrownBy(() -> EntriesFile.read(ManifestListing.HEADER + "\n1\ta.B\ta.B\tmd5:x\ttrue\tfalse\td\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> EntriesFile.read(ManifestListing.HEADER + "\n1\tmd5:x\ttu\tjava:a.B\td\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a.B has checksum md5:x");
    }
}
