package dev.tidemark.spi;

import java.util.ArrayList;
import java.util.List;

/**
 * The lint rules each migration of a manifest allows, and why: the resource {@code
 * META-INF/tidemark/<manifest class>.lint-allowed} beside the manifest class, written by the
 * processor from {@code @AllowLint} and a SQL file's {@code -- tidemark:allow} comments, and read by
 * the runtime for {@code info}:
 *
 * <pre>
 * # tidemark allowed lint rules, format 1
 * 7&#9;com.acme.db.IndexOrders&#9;TM-L001&#9;orders is empty until the import in version 9
 * </pre>
 *
 * <p>The first line names the format; then one line per allowance, fields separated by tabs: the
 * version, the binary class name (for a SQL migration, the up file's path in its folder), the rule's
 * id and the reason, escaped as in {@link ManifestListing}. A repeatable migration, which has no
 * version, has a line of five fields: {@value #REPEATABLE}, its description (escaped), its file, the
 * rule's id and the reason. Releases before them read lines of four fields only, and skip these.
 */
public final class AllowedLintListing {

    /** The first line of a listing of this format. */
    public static final String HEADER = "# tidemark allowed lint rules, format 1";

    /**
     * One allowance.
     *
     * @param version the migration's version as written
     * @param binaryName the migration's binary class name, or its up file's path
     * @param rule the rule's id, such as {@code TM-L001}
     * @param reason why the rule's concern does not apply
     */
    public record Line(String version, String binaryName, String rule, String reason) {}

    /** The first field of a repeatable migration's line. */
    public static final String REPEATABLE = "R";

    /**
     * One allowance of a repeatable migration.
     *
     * @param description the migration's description, which identifies it
     * @param file its file's path in its folder
     * @param rule the rule's id, such as {@code TM-L001}
     * @param reason why the rule's concern does not apply
     */
    public record RepeatableLine(String description, String file, String rule, String reason) {}

    private AllowedLintListing() {}

    /** The resource path of the listing of the manifest class {@code manifestClass} (binary name). */
    public static String path(String manifestClass) {
        return "META-INF/tidemark/" + manifestClass + ".lint-allowed";
    }

    /** The text of a listing. */
    public static String format(List<Line> lines) {
        return format(lines, List.of());
    }

    /** The text of a listing: the versioned migrations' lines, then the repeatable ones'. */
    public static String format(List<Line> lines, List<RepeatableLine> repeatables) {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (Line line : lines) {
            text.append(line.version())
                    .append('\t')
                    .append(line.binaryName())
                    .append('\t')
                    .append(line.rule())
                    .append('\t')
                    .append(ManifestListing.escape(line.reason()))
                    .append('\n');
        }
        for (RepeatableLine line : repeatables) {
            text.append(REPEATABLE)
                    .append('\t')
                    .append(ManifestListing.escape(line.description()))
                    .append('\t')
                    .append(line.file())
                    .append('\t')
                    .append(line.rule())
                    .append('\t')
                    .append(ManifestListing.escape(line.reason()))
                    .append('\n');
        }
        return text.toString();
    }

    /** The repeatable migrations' lines of a listing; none when {@code text} is not one of this format. */
    public static List<RepeatableLine> parseRepeatables(String text) {
        List<RepeatableLine> lines = new ArrayList<>();
        List<String> all = text.lines().toList();
        if (all.isEmpty() || !all.get(0).equals(HEADER)) {
            return lines;
        }
        for (String line : all.subList(1, all.size())) {
            String[] fields = line.split("\t", -1);
            if (fields.length == 5 && fields[0].equals(REPEATABLE)) {
                lines.add(new RepeatableLine(
                        ManifestListing.unescape(fields[1]),
                        fields[2],
                        fields[3],
                        ManifestListing.unescape(fields[4])));
            }
        }
        return lines;
    }

    /** The lines of a listing; none when {@code text} is not one of this format. */
    public static List<Line> parse(String text) {
        List<Line> lines = new ArrayList<>();
        List<String> all = text.lines().toList();
        if (all.isEmpty() || !all.get(0).equals(HEADER)) {
            return lines;
        }
        for (String line : all.subList(1, all.size())) {
            String[] fields = line.split("\t", -1);
            if (fields.length == 4) {
                lines.add(new Line(fields[0], fields[1], fields[2], ManifestListing.unescape(fields[3])));
            }
        }
        return lines;
    }
}
