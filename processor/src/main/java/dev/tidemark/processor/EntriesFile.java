package dev.tidemark.processor;

import dev.tidemark.spi.ManifestListing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Java migrations of a previous compilation's {@linkplain ManifestListing listing}, read back
 * so that an incremental compilation keeps the migrations it does not compile again. SQL lines are
 * not read back: the folders are scanned again on every compilation.
 */
final class EntriesFile {

    /** One Java line of the listing. */
    record Entry(
            String version,
            String binaryName,
            String canonicalName,
            String checksum,
            boolean transactional,
            boolean undoable,
            String description) {}

    private EntriesFile() {}

    /** The resource path of the listing of {@code manifestClass}. */
    static String path(String manifestClass) {
        return ManifestListing.path(manifestClass);
    }

    /** A listing of Java entries only. */
    static String write(List<Entry> entries) {
        List<ManifestListing.Line> lines = new ArrayList<>();
        for (Entry entry : entries) {
            Map<String, String> details = new LinkedHashMap<>();
            if (!entry.canonicalName().equals(entry.binaryName().replace('$', '.'))) {
                details.put("canonical", entry.canonicalName());
            }
            lines.add(new ManifestListing.Line(
                    entry.version(),
                    entry.checksum(),
                    entry.transactional(),
                    entry.undoable(),
                    ManifestListing.JAVA,
                    entry.binaryName(),
                    entry.description(),
                    details));
        }
        return ManifestListing.format(lines);
    }

    /**
     * The Java entries of a listing.
     *
     * @throws IllegalArgumentException when the text is not a listing of this format, or a
     *     checksum has a tag this processor does not write, naming the line
     */
    static List<Entry> read(String text) {
        List<Entry> entries = new ArrayList<>();
        for (ManifestListing.Line line : ManifestListing.parse(text)) {
            if (!SourceChecksum.hasKnownTag(line.checksum())) {
                throw new IllegalArgumentException(
                        "the entry of " + line.name() + " has checksum " + line.checksum() + ", of no known format");
            }
            if (!line.kind().equals(ManifestListing.JAVA)) {
                continue;
            }
            String canonical = line.detail("canonical");
            entries.add(new Entry(
                    line.version(),
                    line.name(),
                    canonical != null ? canonical : line.name().replace('$', '.'),
                    line.checksum(),
                    line.transactional(),
                    line.undoable(),
                    line.description()));
        }
        return entries;
    }
}
