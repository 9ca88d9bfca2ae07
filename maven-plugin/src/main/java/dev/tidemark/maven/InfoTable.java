package dev.tidemark.maven;

import dev.tidemark.InfoResult;
import dev.tidemark.MigrationInfo;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** {@code schema:info}'s aligned table: one row per migration known to the code or the history. */
final class InfoTable {

    private static final String[] HEADERS = {
        "Version", "Description", "Type", "State", "Installed on", "Time", "Checksum"
    };

    private final DateTimeFormatter installedOn;

    InfoTable(ZoneId zone) {
        this.installedOn = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone);
    }

    List<String> render(InfoResult result) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADERS);
        for (MigrationInfo migration : result.migrations()) {
            rows.add(new String[] {
                String.valueOf(migration.version()),
                nullToEmpty(migration.description()),
                nullToEmpty(migration.type()),
                migration.state().label(),
                migration.installedOn() == null ? "" : installedOn.format(migration.installedOn()),
                Durations.format(migration.executionTime()),
                checksum(migration.checksumMatches())
            });
        }
        int[] widths = new int[HEADERS.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("Schema " + result.schema() + ", history table " + result.table() + ", "
                + (result.currentVersion() == null ? "no migration applied" : "at version " + result.currentVersion()));
        lines.add(line(rows.get(0), widths));
        lines.add(rule(widths));
        for (String[] row : rows.subList(1, rows.size())) {
            lines.add(line(row, widths));
        }
        if (rows.size() == 1) {
            lines.add("(no migrations)");
        }
        return lines;
    }

    private static String checksum(Boolean matches) {
        if (matches == null) {
            return "";
        }
        return matches ? "ok" : "DIFFERS";
    }

    private static String line(String[] cells, int[] widths) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                text.append(" | ");
            }
            text.append(cells[i]);
            if (i < cells.length - 1) {
                text.append(" ".repeat(widths[i] - cells[i].length()));
            }
        }
        return text.toString().stripTrailing();
    }

    private static String rule(int[] widths) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            if (i > 0) {
                text.append("-+-");
            }
            text.append("-".repeat(widths[i]));
        }
        return text.toString();
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
