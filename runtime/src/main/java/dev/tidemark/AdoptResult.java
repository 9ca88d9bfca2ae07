package dev.tidemark;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link Tidemark#adopt(String, boolean)} found in another tool's history and, unless it was a
 * dry run, wrote to Tidemark's.
 *
 * @param source the tool whose history was read ({@code flyway}, {@code liquibase}, …)
 * @param sourceName that tool's name as it spells it ({@code Flyway})
 * @param sourceTable its history table, {@code schema.table}; left as it was
 * @param historyTable Tidemark's history table, {@code schema.table}
 * @param dryRun whether nothing was written
 * @param version the version the database is at according to that history, or null when none
 * @param mapping each row of that history and each migration of the code, as matched
 * @param rows how many rows were written to Tidemark's history or, for a dry run, would be
 */
public record AdoptResult(
        String source,
        String sourceName,
        String sourceTable,
        String historyTable,
        boolean dryRun,
        MigrationVersion version,
        List<Row> mapping,
        int rows) {

    public AdoptResult {
        mapping = List.copyOf(mapping);
    }

    /**
     * One line of the mapping.
     *
     * @param theirs the other tool's row ({@code installed_rank 3, V2__Create_orders.sql}), or empty
     *     for a migration of the code it never applied
     * @param migration the migration of the code it matches ({@code 2 Create orders}), or empty
     * @param verdict what the content comparison or the row says ({@code checksum matches}, …)
     * @param problem whether this line keeps the takeover from going ahead
     */
    public record Row(String theirs, String migration, String verdict, boolean problem) {}

    /** The mapping as a text table, one line each, a header first. */
    public List<String> table() {
        return table(mapping);
    }

    /** Renders mapping lines as a text table. */
    public static List<String> table(List<Row> rows) {
        String[] header = {"Their row", "Tidemark migration", "Verdict"};
        int[] width = {header[0].length(), header[1].length()};
        for (Row row : rows) {
            width[0] = Math.max(width[0], row.theirs().length());
            width[1] = Math.max(width[1], row.migration().length());
        }
        List<String> lines = new ArrayList<>();
        lines.add(pad(header[0], width[0]) + " | " + pad(header[1], width[1]) + " | " + header[2]);
        lines.add("-".repeat(width[0]) + "-+-" + "-".repeat(width[1]) + "-+-" + "-".repeat(header[2].length()));
        for (Row row : rows) {
            lines.add(pad(row.theirs(), width[0]) + " | " + pad(row.migration(), width[1]) + " | "
                    + (row.problem() ? "REFUSED: " : "") + row.verdict());
        }
        return lines;
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
