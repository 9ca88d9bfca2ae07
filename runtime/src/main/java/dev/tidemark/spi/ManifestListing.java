package dev.tidemark.spi;

import dev.tidemark.JavaMigration;
import dev.tidemark.spi.sql.SqlFileMigration;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The listing of a generated manifest: the resource {@code META-INF/tidemark/<manifest class>.entries}
 * beside the manifest class, written by the processor and read here, by the runtime and by the
 * next compilation. Plain text, one migration a line, so a change of migrations is a readable
 * change of lines in a review:
 *
 * <pre>
 * # tidemark manifest, format 2
 * 1&#9;v1:5a98…&#9;tu&#9;java:com.acme.db.V1_CreateUsers&#9;Create users
 * 1.2&#9;s1:07c1…&#9;t&#9;sql:V1.2__Add_email.sql&#9;Add email&#9;file=V1.2__Add_email.sql&#9;up=META-INF/tidemark/sql/V1.2__Add_email.sql&#9;flyway=-1245
 * </pre>
 *
 * <p>A repeatable SQL migration ({@code R__Users_view.sql}) has an empty version field; its lines
 * come after every versioned one, by description, which identifies it.
 *
 * <p>The first line names the format. Lines starting with {@code #} and empty lines are skipped.
 * Each other line is fields separated by tabs: the version; the checksum; the flags ({@code t}
 * transactional, {@code u} undoable, {@code -} neither); the kind and name ({@code java:} and the
 * binary class name, or {@code sql:} and the up file's path in its folder); the description; then
 * any number of {@code key=value} details: for Java, {@code canonical} when the canonical name is
 * not the binary name with {@code $} read as {@code .}; for SQL, {@code file} (the up file's name),
 * {@code up} and {@code down} (the class-path resources of the copied texts), {@code flyway}
 * (Flyway's checksum of the up file) and {@code placeholders} (the {@code ${name}} placeholders the
 * files use, separated by commas, when they use any). In every field, backslash, tab, line feed and carriage return
 * are written {@code \\}, {@code \t}, {@code \n} and {@code \r}.
 *
 * <p>The generated class holds only what cannot be data: one {@code new} per Java migration,
 * reached through {@code create(index)}, where index counts the {@code java:} lines from 0. The
 * text is read once per {@link MigrationManifest#migrations()} call; no migration class is loaded
 * by listing, and it has no size limit (a class's constants do).
 */
public final class ManifestListing {

    /** The first line of a listing of this format. */
    public static final String HEADER = "# tidemark manifest, format " + MigrationManifest.FORMAT_VERSION;

    /** Kind of a Java migration's line. */
    public static final String JAVA = "java";

    /** Kind of a SQL migration's line. */
    public static final String SQL = "sql";

    /**
     * One line of the listing.
     *
     * @param details {@code key=value} fields after the description, in their order
     */
    public record Line(
            String version,
            String checksum,
            boolean transactional,
            boolean undoable,
            String kind,
            String name,
            String description,
            Map<String, String> details) {

        public Line {
            details =
                    details.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
        }

        /** The detail {@code key}, or null. */
        public String detail(String key) {
            return details.get(key);
        }
    }

    private ManifestListing() {}

    /** The resource path of the listing of the manifest class {@code manifestClass} (binary name). */
    public static String path(String manifestClass) {
        // String.concat: on every load, in a cold JVM, where the first + costs the bootstrap of
        // indy string concatenation.
        return "META-INF/tidemark/".concat(manifestClass).concat(".entries");
    }

    /** The text of a listing. */
    public static String format(List<Line> lines) {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (Line line : lines) {
            text.append(escape(line.version()))
                    .append('\t')
                    .append(escape(line.checksum()))
                    .append('\t')
                    .append(line.transactional() ? "t" : "")
                    .append(line.undoable() ? "u" : "")
                    .append(line.transactional() || line.undoable() ? "" : "-")
                    .append('\t')
                    .append(line.kind())
                    .append(':')
                    .append(escape(line.name()))
                    .append('\t')
                    .append(escape(line.description()));
            line.details()
                    .forEach((key, value) ->
                            text.append('\t').append(escape(key)).append('=').append(escape(value)));
            text.append('\n');
        }
        return text.toString();
    }

    /**
     * Parses a listing.
     *
     * @throws IllegalArgumentException when the text is not a listing of this format, naming the line
     */
    public static List<Line> parse(String text) {
        // Thousands of lines on every run, mostly in a cold JVM's interpreter: one pass of indexOf
        // over the text, no per-line string, no split, no regular expression; unescaping only when
        // the text has a backslash at all.
        if (text.isEmpty()) {
            throw new IllegalArgumentException("it is empty; the first line should be '" + HEADER + "'");
        }
        boolean escaped = text.indexOf('\\') >= 0;
        int length = text.length();
        int headerEnd = lineEnd(text, 0);
        if (headerEnd != HEADER.length() || !text.startsWith(HEADER)) {
            throw new IllegalArgumentException("the first line is not '" + HEADER + "'");
        }
        List<Line> lines = new ArrayList<>(length / 100);
        int lineNumber = 1;
        int at = next(text, headerEnd);
        String[] fields = new String[5];
        while (at < length) {
            int end = lineEnd(text, at);
            lineNumber++;
            if (end == at || text.charAt(at) == '#') {
                at = next(text, end);
                continue;
            }
            int field = 0;
            int start = at;
            while (field < 5) {
                int tab = text.indexOf('\t', start);
                int stop = tab < 0 || tab > end ? end : tab;
                fields[field++] = escaped ? unescape(text.substring(start, stop)) : text.substring(start, stop);
                start = stop + 1;
                if (stop == end) {
                    break;
                }
            }
            if (field < 5) {
                throw notAnEntry(text.substring(at, end), lineNumber, "fewer than 5 fields");
            }
            Map<String, String> details = Map.of();
            if (start <= end) {
                details = new LinkedHashMap<>();
                while (start <= end) {
                    int tab = text.indexOf('\t', start);
                    int stop = tab < 0 || tab > end ? end : tab;
                    int equals = text.indexOf('=', start);
                    if (equals < 0 || equals >= stop) {
                        throw notAnEntry(
                                text.substring(at, end),
                                lineNumber,
                                "detail '" + text.substring(start, stop) + "' is not key=value");
                    }
                    String key = text.substring(start, equals);
                    String value = text.substring(equals + 1, stop);
                    details.put(escaped ? unescape(key) : key, escaped ? unescape(value) : value);
                    start = stop + 1;
                }
            }
            lines.add(line(fields, details, text.substring(at, end), lineNumber));
            at = next(text, end);
        }
        return lines;
    }

    /** The end of the line starting at {@code at}: its line feed (or a carriage return before it), or the text's end. */
    private static int lineEnd(String text, int at) {
        int feed = text.indexOf('\n', at);
        int end = feed < 0 ? text.length() : feed;
        return end > at && text.charAt(end - 1) == '\r' ? end - 1 : end;
    }

    /** The start of the line after the one ending at {@code end}. */
    private static int next(String text, int end) {
        int feed = text.indexOf('\n', end);
        return feed < 0 ? text.length() : feed + 1;
    }

    private static Line line(String[] fields, Map<String, String> details, String line, int lineNumber) {
        boolean transactional;
        boolean undoable;
        switch (fields[2]) {
            case "tu" -> {
                transactional = true;
                undoable = true;
            }
            case "t" -> {
                transactional = true;
                undoable = false;
            }
            case "u" -> {
                transactional = false;
                undoable = true;
            }
            case "-" -> {
                transactional = false;
                undoable = false;
            }
            default -> throw notAnEntry(line, lineNumber, "flags '" + fields[2] + "' are none of -, t, u, tu");
        }
        String kind;
        if (fields[3].startsWith("java:")) {
            kind = JAVA;
        } else if (fields[3].startsWith("sql:")) {
            kind = SQL;
        } else {
            throw notAnEntry(line, lineNumber, "the fourth field does not start with java: or sql:");
        }
        return new Line(
                fields[0],
                fields[1],
                transactional,
                undoable,
                kind,
                fields[3].substring(kind.length() + 1),
                fields[4],
                details);
    }

    private static IllegalArgumentException notAnEntry(String line, int lineNumber, String why) {
        return new IllegalArgumentException("line " + lineNumber + " is not an entry (" + why + "): " + line);
    }

    /**
     * The entries of the generated manifest {@code manifest}, from its listing resource. Each Java
     * line's factory calls {@code create} with the line's index among the Java lines; each SQL
     * line's creates a migration that runs the copied files.
     *
     * @throws IllegalStateException when the listing is missing or not in this format
     */
    public static List<MigrationEntry> load(MigrationManifest manifest, IntFunction<JavaMigration> create) {
        Class<?> type = manifest.getClass();
        ClassLoader loader = type.getClassLoader();
        String path = path(type.getName());
        List<Line> lines;
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("its listing " + path + " is not on the class path beside it");
            }
            lines = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read its listing " + path, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("its listing " + path + " cannot be read: " + e.getMessage(), e);
        }
        List<MigrationEntry> entries = new ArrayList<>(lines.size());
        int javaIndex = 0;
        for (Line line : lines) {
            Supplier<? extends JavaMigration> factory;
            MigrationEntry.SqlSource sql = null;
            if (line.kind().equals(JAVA)) {
                factory = new Created(create, javaIndex++);
            } else {
                sql = sqlSource(line, path);
                factory = new SqlCreated(loader, sql);
            }
            entries.add(new MigrationEntry(
                    line.version(),
                    line.description(),
                    line.name(),
                    line.checksum(),
                    line.transactional(),
                    line.undoable(),
                    factory,
                    sql));
        }
        return List.copyOf(entries);
    }

    private static MigrationEntry.SqlSource sqlSource(Line line, String path) {
        String up = line.detail("up");
        String file = line.detail("file");
        String flyway = line.detail("flyway");
        if (up == null || file == null || flyway == null) {
            throw new IllegalStateException(
                    "its listing " + path + " lists " + line.name() + " without file, up and flyway details");
        }
        String placeholders = line.detail("placeholders");
        return new MigrationEntry.SqlSource(
                file,
                up,
                line.detail("down"),
                Integer.parseInt(flyway),
                placeholders == null || placeholders.isEmpty() ? Set.of() : Set.of(placeholders.split(",")));
    }

    /** Creates one Java migration through the generated class's switch. */
    private record Created(IntFunction<JavaMigration> create, int index) implements Supplier<JavaMigration> {
        @Override
        public JavaMigration get() {
            return create.apply(index);
        }
    }

    private record SqlCreated(ClassLoader loader, MigrationEntry.SqlSource source) implements Supplier<JavaMigration> {
        @Override
        public JavaMigration get() {
            return new SqlFileMigration(loader, source);
        }
    }

    /** A field as the listing writes it: backslash, tab and line breaks escaped with a backslash. */
    public static String escape(String text) {
        if (text.indexOf('\\') < 0 && text.indexOf('\t') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
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

    /** The field {@link #escape} wrote. */
    public static String unescape(String text) {
        if (text.indexOf('\\') < 0) {
            return text;
        }
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
