package dev.tidemark.processor;

import java.util.ArrayList;
import java.util.List;

/**
 * The small resource written beside each generated manifest ({@code
 * META-INF/tidemark/<manifest class>.entries}) so that the next, possibly incremental, compilation
 * can read back what the manifest held. One line per entry, fields separated by tabs: version,
 * binary class name, canonical class name, checksum, transactional, undoable, description (with
 * backslash, tab, line feed and carriage return escaped). The first line names the format.
 */
final class EntriesFile {

    static final String HEADER = "# tidemark manifest entries, format 1";
    private static final int FIELDS = 7;

    /** One line of the file. */
    record Entry(
            String version,
            String binaryName,
            String canonicalName,
            String checksum,
            boolean transactional,
            boolean undoable,
            String description) {}

    private EntriesFile() {}

    /** The resource path of the entries of {@code manifestClass}. */
    static String path(String manifestClass) {
        return "META-INF/tidemark/" + manifestClass + ".entries";
    }

    static String write(List<Entry> entries) {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (Entry entry : entries) {
            text.append(entry.version())
                    .append('\t')
                    .append(entry.binaryName())
                    .append('\t')
                    .append(entry.canonicalName())
                    .append('\t')
                    .append(entry.checksum())
                    .append('\t')
                    .append(entry.transactional())
                    .append('\t')
                    .append(entry.undoable())
                    .append('\t')
                    .append(escape(entry.description()))
                    .append('\n');
        }
        return text.toString();
    }

    /**
     * Parses the file.
     *
     * @throws IllegalArgumentException when the text is not in this format, naming the line
     */
    static List<Entry> read(String text) {
        List<String> lines = text.lines().toList();
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IllegalArgumentException("the first line is not '" + HEADER + "'");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            if (fields.length != FIELDS
                    || !isBoolean(fields[4])
                    || !isBoolean(fields[5])
                    || !SourceChecksum.hasKnownTag(fields[3])) {
                throw new IllegalArgumentException("line " + (i + 1) + " is not an entry: " + line);
            }
            entries.add(new Entry(
                    fields[0],
                    fields[1],
                    fields[2],
                    fields[3],
                    Boolean.parseBoolean(fields[4]),
                    Boolean.parseBoolean(fields[5]),
                    unescape(fields[6])));
        }
        return entries;
    }

    private static boolean isBoolean(String field) {
        return field.equals("true") || field.equals("false");
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char escaped = text.charAt(++i);
                out.append(
                        switch (escaped) {
                            case 't' -> '\t';
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            default -> escaped;
                        });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
