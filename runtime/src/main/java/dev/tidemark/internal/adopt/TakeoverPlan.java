package dev.tidemark.internal.adopt;

import dev.tidemark.AdoptResult;
import dev.tidemark.MigrationDescriptor;
import dev.tidemark.MigrationVersion;
import dev.tidemark.internal.plan.MigrationCatalog;
import dev.tidemark.internal.plan.RepeatableMigration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Another tool's history set against the code: each row matched to a migration (by version, or by
 * position where the tool keeps neither name nor version), its content compared where the tool's
 * checksum can be recomputed, and the code's migrations the tool never applied. Decides nothing
 * is written unless every row has its migration, unedited, and nothing failed.
 */
public final class TakeoverPlan {

    /** What a line of the mapping says. */
    public enum Verdict {
        MATCHES(false),
        NOT_COMPARED(false),
        NO_CHECKSUM(false),
        BASELINE(false),
        COVERED(false),
        NOT_CARRIED(false),
        /** A repeatable migration changed since the other tool applied it: migrate applies it again. */
        CHANGED(false),
        PENDING(false),
        NO_MIGRATION(true),
        EDITED(true),
        FAILED(true),
        DIRTY(true),
        NEVER_APPLIED(true);

        private final boolean refuses;

        Verdict(boolean refuses) {
            this.refuses = refuses;
        }

        public boolean refuses() {
            return refuses;
        }
    }

    /**
     * One line: a row of theirs, the migration of the code it stands for, and the verdict.
     *
     * @param row the other tool's row, or null for a migration of the code it never applied
     * @param migration the migration, or null when the code has none for the row
     * @param verdict what the line says
     * @param detail the verdict in words, with the checksums compared
     * @param remedy what to do, for a line that refuses
     */
    public record Line(ForeignRow row, MigrationDescriptor migration, Verdict verdict, String detail, String remedy) {}

    private final ForeignTool tool;
    private final String sourceTable;
    private final List<Line> lines;
    private final MigrationVersion reached;

    private TakeoverPlan(ForeignTool tool, String sourceTable, List<Line> lines, MigrationVersion reached) {
        this.tool = tool;
        this.sourceTable = sourceTable;
        this.lines = List.copyOf(lines);
        this.reached = reached;
    }

    public static TakeoverPlan of(
            ForeignTool tool,
            String sourceTable,
            List<ForeignRow> rows,
            MigrationCatalog catalog,
            MigrationContents contents) {
        List<Line> lines = new ArrayList<>();
        Set<MigrationVersion> matched = new HashSet<>();
        MigrationVersion newest = null;
        MigrationVersion baseline = null;
        List<MigrationDescriptor> code = catalog.migrations();
        int position = 0;
        String name = tool.displayName();
        Map<String, ForeignRow> newestRepeatable = new HashMap<>();
        for (ForeignRow row : rows) {
            if (row.status() == ForeignRow.Status.REPEATABLE) {
                newestRepeatable.put(row.description(), row);
            }
        }
        Map<String, RepeatableMigration> repeatables = new HashMap<>();
        catalog.repeatables().forEach(r -> repeatables.put(r.description(), r));
        for (ForeignRow row : rows) {
            MigrationDescriptor migration = row.version() == null ? null : catalog.get(row.version());
            switch (row.status()) {
                case BOOKKEEPING ->
                    lines.add(new Line(
                            row,
                            null,
                            Verdict.NOT_CARRIED,
                            name + "'s own bookkeeping (" + row.type() + "), no migration behind it",
                            null));
                case SKIPPED ->
                    lines.add(new Line(
                            row, migration, Verdict.NOT_CARRIED, name + " recorded it as skipped: nothing ran", null));
                case REPEATABLE ->
                    lines.add(repeatable(
                            row,
                            newestRepeatable.get(row.description()),
                            repeatables.get(row.description()),
                            contents));
                case FAILED ->
                    lines.add(new Line(
                            row,
                            migration,
                            Verdict.FAILED,
                            name + " recorded it as failed: its changes may be half applied",
                            "finish or undo its changes by hand, then clear the failed row with " + name
                                    + (tool == ForeignTool.FLYWAY ? " (flyway repair removes it)" : "")
                                    + " or apply it with " + name + " until it succeeds, and adopt again"));
                case DIRTY ->
                    lines.add(new Line(
                            row,
                            migration,
                            Verdict.DIRTY,
                            "golang-migrate marked it dirty: migration " + row.version()
                                    + " started and did not finish, its changes may be half applied",
                            "fix the database by hand, then run golang-migrate's `migrate force <version>` with the"
                                    + " last version fully applied to clear the flag, and adopt again"));
                case BASELINE -> {
                    lines.add(new Line(
                            row,
                            migration,
                            Verdict.BASELINE,
                            name + "'s baseline at " + row.version() + ": the migrations up to it count as applied",
                            null));
                    baseline = max(baseline, row.version());
                    newest = max(newest, row.version());
                }
                case APPLIED_UP_TO -> {
                    if (migration == null) {
                        lines.add(new Line(
                                row,
                                null,
                                Verdict.NO_MIGRATION,
                                "no migration of the code has version " + row.version(),
                                "restore the migration with version " + row.version()
                                        + " in the code, or correct the version"));
                    } else {
                        for (MigrationDescriptor each : code) {
                            if (each.version().compareTo(row.version()) <= 0) {
                                lines.add(new Line(
                                        row,
                                        each,
                                        Verdict.COVERED,
                                        "applied: golang-migrate's version " + row.version()
                                                + " covers it (no checksum kept)",
                                        null));
                                matched.add(each.version());
                            }
                        }
                    }
                    newest = max(newest, row.version());
                }
                case APPLIED -> {
                    String how = "";
                    if (migration == null
                            && row.version() == null
                            && tool == ForeignTool.DRIZZLE
                            && position < code.size()) {
                        migration = code.get(position);
                        how = "matched by position (" + ordinal(position + 1) + "); ";
                    }
                    position++;
                    if (migration == null) {
                        String why = row.version() == null
                                ? row.versionProblem()
                                : "no migration of the code has version " + row.version();
                        lines.add(new Line(
                                row,
                                null,
                                Verdict.NO_MIGRATION,
                                why,
                                row.version() == null
                                        ? "give the code's migration the version this row starts with"
                                        : "restore the migration with version " + row.version()
                                                + " in the code: every row " + name
                                                + " applied must have its migration"));
                        newest = max(newest, row.version());
                    } else {
                        Line compared = compare(tool, row, migration, contents);
                        lines.add(new Line(
                                row, migration, compared.verdict(), how + compared.detail(), compared.remedy()));
                        matched.add(migration.version());
                        newest = max(newest, migration.version());
                    }
                }
            }
        }
        MigrationVersion reached = newest;
        for (MigrationDescriptor migration : code) {
            if (matched.contains(migration.version())) {
                continue;
            }
            if (baseline != null && migration.version().compareTo(baseline) <= 0) {
                continue;
            }
            if (newest != null && migration.version().compareTo(newest) < 0) {
                lines.add(new Line(
                        null,
                        migration,
                        Verdict.NEVER_APPLIED,
                        "below " + name + "'s newest version " + newest + ", which never applied it: after the"
                                + " takeover it would be pending out of order, so validate would fail on it and"
                                + " migrate would run it only with outOfOrder",
                        "apply it with " + name + " first, or give it a version above " + newest
                                + " if it was never meant to run before the later ones"));
            } else {
                lines.add(new Line(null, migration, Verdict.PENDING, "pending: migrate runs it", null));
            }
        }
        for (RepeatableMigration repeatable : catalog.repeatables()) {
            if (!newestRepeatable.containsKey(repeatable.description())) {
                lines.add(new Line(
                        null,
                        repeatable.descriptor(),
                        Verdict.PENDING,
                        "a repeatable migration " + name + " never applied: migrate applies it",
                        null));
            }
        }
        return new TakeoverPlan(tool, sourceTable, lines, reached);
    }

    /**
     * A repeatable migration's row (only Flyway keeps them, one per application): the newest of its
     * description is carried when the code's file of that description gives the CRC32 Flyway stored,
     * so that migrate does not apply it again; when the file changed since, nothing is carried and
     * migrate applies it again, as Flyway would have.
     */
    private static Line repeatable(
            ForeignRow row, ForeignRow newest, RepeatableMigration repeatable, MigrationContents contents) {
        String named = "the repeatable migration '" + row.description() + "'";
        if (newest != row) {
            return new Line(
                    row,
                    null,
                    Verdict.NOT_CARRIED,
                    "an earlier application of " + named + ": only its newest row, " + newest.identity()
                            + ", is carried",
                    null);
        }
        if (repeatable == null) {
            return new Line(
                    row,
                    null,
                    Verdict.NOT_CARRIED,
                    named + " has no R__ file of that description in the code: its row is not carried, what it"
                            + " made stays (the schema snapshot covers it), and there is nothing to apply again",
                    null);
        }
        MigrationDescriptor migration = repeatable.descriptor();
        String text = contents.repeatableText(repeatable);
        String stored = row.checksum();
        if (text == null || stored == null) {
            return new Line(
                    row,
                    migration,
                    Verdict.CHANGED,
                    "not compared (" + (stored == null ? "Flyway stored no checksum" : "the file cannot be read")
                            + "): not carried, migrate applies it again",
                    null);
        }
        int computed = ForeignChecksums.flyway(text);
        if (Integer.toString(computed).equals(stored)) {
            return new Line(
                    row,
                    migration,
                    Verdict.MATCHES,
                    "CRC32 " + stored + " matches: carried, migrate does not apply it again",
                    null);
        }
        // Flyway (6.3 and later) hashes a repeatable migration with its placeholders replaced, so that
        // a new value applies it again; compare the file as it runs with the values configured here.
        String asRun = contents.repeatableTextAsRun(repeatable);
        Integer computedAsRun = asRun == null || asRun.equals(text) ? null : ForeignChecksums.flyway(asRun);
        if (computedAsRun != null && Integer.toString(computedAsRun).equals(stored)) {
            return new Line(
                    row,
                    migration,
                    Verdict.MATCHES,
                    "CRC32 " + stored + " matches the file with its placeholders replaced by the configured values:"
                            + " carried, migrate does not apply it again",
                    null);
        }
        return new Line(
                row,
                migration,
                Verdict.CHANGED,
                "changed since Flyway applied it (Flyway stored CRC32 " + stored + ", the code's file gives " + computed
                        + (computedAsRun == null
                                ? ""
                                : ", " + computedAsRun + " with its placeholders replaced by the configured values")
                        + "): not carried, migrate applies it again",
                null);
    }

    private static Line compare(
            ForeignTool tool, ForeignRow row, MigrationDescriptor migration, MigrationContents contents) {
        String text = contents.sqlText(migration);
        String stored = row.checksum();
        String name = tool.displayName();
        String edited = "restore the migration as " + name + " applied it and put the change in a new migration;"
                + " or, if the edit is harmless, let " + name + " accept it first"
                + (tool == ForeignTool.FLYWAY ? " (flyway repair realigns its checksums)" : "")
                + " and adopt again";
        switch (tool) {
            case FLYWAY -> {
                if (stored == null) {
                    return verdict(
                            Verdict.NO_CHECKSUM,
                            "Flyway keeps no checksum for "
                                    + ("JDBC".equals(row.type()) ? "a Java migration" : "this row"));
                }
                if (text == null) {
                    return notCompared(migration, "Flyway applied " + row.fileName() + " (CRC32 " + stored + ")");
                }
                int computed = ForeignChecksums.flyway(text);
                return Integer.toString(computed).equals(stored)
                        ? verdict(Verdict.MATCHES, "CRC32 " + stored + " matches")
                        : new Line(
                                row,
                                migration,
                                Verdict.EDITED,
                                "edited since Flyway applied it: Flyway stored CRC32 " + stored
                                        + ", the code's file gives " + computed,
                                edited);
            }
            case LIQUIBASE -> {
                if (stored == null) {
                    return verdict(Verdict.NO_CHECKSUM, "Liquibase stored no checksum");
                }
                int version = liquibaseChecksumVersion(stored);
                if (!ForeignChecksums.recomputesLiquibase(version)) {
                    return verdict(
                            Verdict.NOT_COMPARED,
                            "checksum " + stored + " is of version " + version + "; Tidemark recomputes versions "
                                    + ForeignChecksums.LIQUIBASE_VERSIONS);
                }
                if (text == null) {
                    return notCompared(migration, "Liquibase stored MD5 " + stored);
                }
                String computed = ForeignChecksums.liquibase(text, version);
                return computed.equals(stored)
                        ? verdict(Verdict.MATCHES, "MD5 " + stored + " matches")
                        : new Line(
                                row,
                                migration,
                                Verdict.EDITED,
                                "edited since Liquibase applied it: Liquibase stored " + stored
                                        + ", the code's changeset gives " + computed,
                                edited);
            }
            case DRIZZLE -> {
                if (text == null) {
                    return notCompared(migration, "Drizzle stored SHA-256 " + abbreviate(stored));
                }
                String computed = ForeignChecksums.drizzle(text);
                return computed.equals(stored)
                        ? verdict(Verdict.MATCHES, "SHA-256 " + abbreviate(stored) + " matches")
                        : new Line(
                                row,
                                migration,
                                Verdict.EDITED,
                                "edited since Drizzle applied it: Drizzle stored SHA-256 " + abbreviate(stored)
                                        + ", the code's file gives " + abbreviate(computed),
                                edited);
            }
            default -> {
                return verdict(Verdict.NO_CHECKSUM, name + " keeps no checksum: matched by version");
            }
        }
    }

    /** The version before the {@code :} of a Liquibase checksum; 1 when it has none, as Liquibase reads it. */
    private static int liquibaseChecksumVersion(String stored) {
        int colon = stored.indexOf(':');
        try {
            return colon < 1 ? 1 : Integer.parseInt(stored.substring(0, colon));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static Line verdict(Verdict verdict, String detail) {
        return new Line(null, null, verdict, detail, null);
    }

    private static Line notCompared(MigrationDescriptor migration, String theirs) {
        return verdict(
                Verdict.NOT_COMPARED,
                "not compared: " + theirs + ", the code's migration is the Java class "
                        + simpleName(migration.className()) + ", matched by version");
    }

    private static String abbreviate(String hash) {
        return hash == null || hash.length() <= 12 ? String.valueOf(hash) : hash.substring(0, 12) + "…";
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static String ordinal(int n) {
        return n
                + (n % 100 >= 11 && n % 100 <= 13
                        ? "th"
                        : switch (n % 10) {
                            case 1 -> "st";
                            case 2 -> "nd";
                            case 3 -> "rd";
                            default -> "th";
                        });
    }

    private static MigrationVersion max(MigrationVersion a, MigrationVersion b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) >= 0 ? a : b;
    }

    public ForeignTool tool() {
        return tool;
    }

    public List<Line> lines() {
        return lines;
    }

    /** The version the database is at by the other tool's history, or null. */
    public MigrationVersion reached() {
        return reached;
    }

    /** The lines that keep the takeover from going ahead. */
    public List<Line> problems() {
        return lines.stream().filter(l -> l.verdict().refuses()).toList();
    }

    /** The mapping as the result reports it. */
    public List<AdoptResult.Row> rows() {
        return lines.stream()
                .map(l -> new AdoptResult.Row(
                        l.row() == null
                                ? "(not in " + sourceTable + ")"
                                : l.row().identity(),
                        l.migration() == null
                                ? "(none)"
                                : l.migration().version() == null
                                        ? l.migration().description() + " ("
                                                + l.migration().className() + ")"
                                        : l.migration().version() + " "
                                                + l.migration().description(),
                        l.detail(),
                        l.verdict().refuses()))
                .toList();
    }
}
