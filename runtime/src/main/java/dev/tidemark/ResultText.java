package dev.tidemark;

import dev.tidemark.internal.history.RepeatableRow;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text of each result, as a person reads it at the end of a command. What events already said
 * while the command ran (each migration applied or undone, each repair) is not said again.
 */
final class ResultText {

    private static final String[] INFO_HEADERS = {
        "Version", "Description", "Type", "State", "Installed on", "Time", "Checksum"
    };

    private ResultText() {}

    static List<String> lines(Object result) {
        if (result instanceof MigrateResult r) {
            return migrate(r);
        }
        if (result instanceof ValidateResult r) {
            return validate(r);
        }
        if (result instanceof InfoResult r) {
            return info(r, ZoneId.systemDefault());
        }
        if (result instanceof DiffResult r) {
            return diff(r);
        }
        if (result instanceof DriftAcceptance r) {
            return acceptance(r);
        }
        if (result instanceof BaselineResult r) {
            return baseline(r);
        }
        if (result instanceof RepairResult r) {
            return repair(r);
        }
        if (result instanceof UndoResult r) {
            return undo(r);
        }
        if (result instanceof RehearsalResult r) {
            return rehearsal(r);
        }
        if (result instanceof RoundTripResult r) {
            return r.report().lines().toList();
        }
        if (result instanceof AdoptResult r) {
            return adopt(r);
        }
        if (result instanceof FleetResult r) {
            return FleetText.lines(r);
        }
        throw new IllegalArgumentException("not a Tidemark result: " + result);
    }

    /** {@code version 3 (add email verification)}, or {@code repeatable migration 'Users view' (R__Users_view.sql)}. */
    static String name(MigrationDescriptor migration) {
        String description = migration.description();
        if (migration.version() == null) {
            return "repeatable migration '" + description + "' (" + migration.className() + ")";
        }
        return "version " + migration.version()
                + (description == null || description.isEmpty() ? "" : " (" + description + ")");
    }

    /** {@code 45 ms}, {@code 1.2 s}, {@code 2 min 5 s}. */
    static String duration(Duration duration) {
        if (duration == null) {
            return "";
        }
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = duration.toSeconds();
        if (seconds < 3600) {
            return (seconds / 60) + " min " + (seconds % 60) + " s";
        }
        return (seconds / 3600) + " h " + (seconds % 3600 / 60) + " min";
    }

    /** {@code 1, 2 and 3} with {@code last} as {@code " and "}, or {@code 1, 2, 3} with {@code ", "}. */
    static String list(List<?> items, String last) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            text.append(i == 0 ? "" : i == items.size() - 1 ? last : ", ").append(items.get(i));
        }
        return text.toString();
    }

    static List<String> migrate(MigrateResult result) {
        if (result.rehearsed()) {
            return rehearsal(result.rehearsal());
        }
        List<String> lines = new ArrayList<>();
        String schema = result.schema();
        if (result.upToDate()) {
            lines.add(
                    result.currentVersion() == null
                            ? "Schema " + schema + " is up to date: no migration applied"
                            : "Schema " + schema + " is up to date at version " + result.currentVersion());
        } else if (!result.applied().isEmpty()) {
            int count = result.applied().size();
            lines.add("Applied " + count + (count == 1 ? " migration" : " migrations") + " to schema " + schema
                    + ", now at version " + result.currentVersion() + " (" + duration(result.totalTime()) + ")");
        } else {
            lines.add("No versioned migration was pending in schema " + schema
                    + (result.currentVersion() == null ? "" : ", at version " + result.currentVersion()));
        }
        List<String> repeatables = result.repeatablesApplied();
        if (!repeatables.isEmpty()) {
            lines.add("Applied " + repeatables.size()
                    + (repeatables.size() == 1 ? " repeatable migration" : " repeatable migrations")
                    + " (new or changed): " + String.join(", ", repeatables));
        }
        List<MigrationDescriptor> above = result.pendingBeyondTarget();
        if (!above.isEmpty()) {
            List<MigrationVersion> versions =
                    above.stream().map(MigrationDescriptor::version).toList();
            lines.add(above.size() + (above.size() == 1 ? " migration is" : " migrations are")
                    + " above the target and left pending: " + list(versions, ", "));
        }
        return lines;
    }

    /** The lines for a validation that passed, and the pending migrations of any validation. */
    static List<String> validate(ValidateResult result) {
        List<String> lines = new ArrayList<>();
        String schema = result.schema();
        if (result.valid()) {
            lines.add(
                    result.currentVersion() == null
                            ? "Schema " + schema + " is valid: no migration applied yet"
                            : "Schema " + schema + " is valid at version " + result.currentVersion());
        }
        List<MigrationDescriptor> pending = result.pending();
        if (pending.isEmpty()) {
            lines.add("No migration is pending");
        } else {
            lines.add(pending.size() + (pending.size() == 1 ? " migration is" : " migrations are") + " pending:");
            for (MigrationDescriptor migration : pending) {
                lines.add("  " + name(migration));
            }
        }
        return lines;
    }

    static List<String> diff(DiffResult result) {
        List<String> lines = new ArrayList<>();
        String schema = result.schema();
        if (result.note() != null) {
            lines.add("Nothing to compare in schema " + schema + ": " + result.note());
            return lines;
        }
        String snapshot = result.snapshotVersion() == null
                ? "the snapshot recorded before any migration"
                : "the snapshot of version " + result.snapshotVersion();
        if (!result.drift()) {
            lines.add("Schema " + schema + " matches " + snapshot + " (" + result.foundFingerprint() + ")");
            return lines;
        }
        int count = result.differences().size();
        lines.add(
                "Schema " + schema + " differs from " + snapshot + " in " + count + (count == 1 ? " way:" : " ways:"));
        for (SchemaDifference difference : result.differences()) {
            lines.add("  " + difference.message());
        }
        return lines;
    }

    static List<String> acceptance(DriftAcceptance result) {
        List<String> lines = new ArrayList<>();
        String schema = result.schema();
        if (!result.recorded()) {
            String why = result.note() != null
                    ? result.note()
                    : result.stillReported().isEmpty()
                            ? "it matches its reference"
                            : "none of its differences can be accepted";
            lines.add("Nothing to accept in schema " + schema + ": " + why);
        } else {
            int count = result.accepted().size();
            lines.add("Accepted the live schema " + schema + " as the reference"
                    + (result.version() == null ? "" : " of version " + result.version()) + " ("
                    + (result.note() != null ? result.note() : count + (count == 1 ? " difference" : " differences"))
                    + "), recorded as accepted by " + result.acceptedBy() + " on " + result.acceptedOn());
        }
        for (String difference : result.stillReported()) {
            lines.add("  Not accepted, still drift: " + difference);
        }
        return lines;
    }

    static List<String> adopt(AdoptResult result) {
        List<String> lines = new ArrayList<>();
        lines.add(result.sourceName() + "'s history " + result.sourceTable() + ", row by row against the code's"
                + " migrations:");
        lines.addAll(result.table());
        String rows = result.rows() + (result.rows() == 1 ? " row" : " rows");
        if (result.dryRun()) {
            lines.add("Dry run: nothing was written; adopting writes " + rows + " to " + result.historyTable()
                    + ", at version " + result.version() + ".");
        } else {
            lines.add("Adopted " + result.sourceName() + "'s history: " + rows + " written to "
                    + result.historyTable() + ", now at version " + result.version() + "; "
                    + result.sourceTable() + " is left as it was and no longer read.");
        }
        return lines;
    }

    static List<String> baseline(BaselineResult result) {
        List<String> lines = new ArrayList<>();
        String schema = result.schema();
        List<MigrationVersion> same = result.sameSchemaVersions();
        if (same.size() > 1) {
            lines.add("Versions " + list(same, " and ") + " all leave the schema that " + schema + " has (the"
                    + " migrations between them change data only, which a schema cannot tell apart): the newest, "
                    + result.version() + ", is taken, so migrate will not run the data changes up to it;"
                    + " check that the data is at version " + result.version() + ".");
        }
        int covered = result.coveredMigrations();
        lines.add("Baselined schema " + schema + " at version " + result.version() + ": " + covered
                + (covered == 1 ? " migration" : " migrations")
                + " of the code count as applied; later ones run on the next migrate");
        return lines;
    }

    /** The summary; each repair was an event of its own. */
    static List<String> repair(RepairResult result) {
        if (result.actions().isEmpty()) {
            return List.of("Nothing to repair in schema " + result.schema());
        }
        int count = result.actions().size();
        return List.of("Made " + count + (count == 1 ? " repair" : " repairs") + " to the history of schema "
                + result.schema());
    }

    /** The summary; each migration undone was an event of its own. */
    static List<String> undo(UndoResult result) {
        String now = result.currentVersion() == null ? "no migration applied" : "version " + result.currentVersion();
        if (result.undone().isEmpty()) {
            return List.of("Nothing to undo: schema " + result.schema() + " is at " + now + ", the target");
        }
        int count = result.undone().size();
        return List.of("Undid " + count + (count == 1 ? " migration" : " migrations") + " of schema "
                + result.schema() + ", now at " + now + " (" + duration(result.totalTime()) + "); migrate applies "
                + (count == 1 ? "it" : "them") + " again");
    }

    /** The rehearsal's report, and after one in which every rehearsed migration succeeded, that it passed. */
    static List<String> rehearsal(RehearsalResult result) {
        List<String> lines = new ArrayList<>(result.report().lines().toList());
        lines.addAll(result.analysis().text().lines().toList());
        if (result.succeeded()) {
            lines.add("Rehearsal passed: nothing was applied; schema " + result.schema() + " stays at "
                    + (result.currentVersion() == null ? "no version" : "version " + result.currentVersion()));
        }
        return lines;
    }

    /** An aligned table: one row per migration known to the code or the history. */
    static List<String> info(InfoResult result, ZoneId zone) {
        DateTimeFormatter installedOn =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone);
        List<String[]> rows = new ArrayList<>();
        rows.add(INFO_HEADERS);
        for (MigrationInfo migration : result.migrations()) {
            rows.add(new String[] {
                String.valueOf(migration.version()),
                nullToEmpty(migration.description()),
                nullToEmpty(migration.type()),
                migration.state().label(),
                migration.installedOn() == null ? "" : installedOn.format(migration.installedOn()),
                duration(migration.executionTime()),
                migration.checksumMatches() == null ? "" : migration.checksumMatches() ? "ok" : "DIFFERS"
            });
        }
        for (RepeatableInfo repeatable : result.repeatables()) {
            rows.add(new String[] {
                "",
                repeatable.description() + " (" + repeatable.file() + ")",
                RepeatableRow.TYPE,
                repeatable.state().label(),
                repeatable.installedOn() == null ? "" : installedOn.format(repeatable.installedOn()),
                duration(repeatable.executionTime()),
                repeatable.state() == RepeatableInfo.State.OUTDATED ? "changed" : ""
            });
        }
        int[] widths = new int[INFO_HEADERS.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("Schema " + result.schema() + ", history table " + result.table() + ", "
                + (result.currentVersion() == null ? "no migration applied" : "at version " + result.currentVersion()));
        lines.add(row(rows.get(0), widths));
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            rule.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
        }
        lines.add(rule.toString());
        for (String[] row : rows.subList(1, rows.size())) {
            lines.add(row(row, widths));
        }
        if (rows.size() == 1) {
            lines.add("(no migrations)");
        }
        lines.addAll(allowedLint(result));
        return lines;
    }

    /** Under the table, so that it stays narrow: the lint rules each migration allows, and why. */
    private static List<String> allowedLint(InfoResult result) {
        List<String> lines = new ArrayList<>();
        for (MigrationInfo migration : result.migrations()) {
            for (LintAllowance allowed : migration.allowedLint()) {
                if (lines.isEmpty()) {
                    lines.add("Lint rules the migrations allow, and why:");
                }
                lines.add("  " + migration.version() + " allows " + allowed.rule() + ": " + allowed.reason());
            }
        }
        for (RepeatableInfo repeatable : result.repeatables()) {
            for (LintAllowance allowed : repeatable.allowedLint()) {
                if (lines.isEmpty()) {
                    lines.add("Lint rules the migrations allow, and why:");
                }
                lines.add("  " + repeatable.description() + " (" + repeatable.file() + ") allows " + allowed.rule()
                        + ": " + allowed.reason());
            }
        }
        return lines;
    }

    private static String row(String[] cells, int[] widths) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            text.append(i == 0 ? "" : " | ").append(cells[i]);
            if (i < cells.length - 1) {
                text.append(" ".repeat(widths[i] - cells[i].length()));
            }
        }
        return text.toString().stripTrailing();
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
