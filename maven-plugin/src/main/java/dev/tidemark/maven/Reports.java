package dev.tidemark.maven;

import dev.tidemark.AdoptResult;
import dev.tidemark.BaselineResult;
import dev.tidemark.DiffResult;
import dev.tidemark.DriftAcceptance;
import dev.tidemark.MigrateResult;
import dev.tidemark.MigrationDescriptor;
import dev.tidemark.MigrationVersion;
import dev.tidemark.RehearsalResult;
import dev.tidemark.RepairResult;
import dev.tidemark.UndoResult;
import dev.tidemark.UndoneMigration;
import dev.tidemark.ValidateResult;
import java.util.ArrayList;
import java.util.List;

/** The lines each goal prints for its result. */
final class Reports {

    private Reports() {}

    /** {@code version 3 (add email verification)}. */
    static String name(MigrationVersion version, String description) {
        return "version " + version + (description == null || description.isEmpty() ? "" : " (" + description + ")");
    }

    static List<String> migrate(MigrateResult result) {
        List<String> lines = new ArrayList<>();
        String schema = result.schema();
        if (result.upToDate()) {
            lines.add(
                    result.currentVersion() == null
                            ? "Schema " + schema + " is up to date: no migration applied"
                            : "Schema " + schema + " is up to date at version " + result.currentVersion());
        } else {
            int count = result.applied().size();
            lines.add("Applied " + count + (count == 1 ? " migration" : " migrations") + " to schema " + schema
                    + ", now at version " + result.currentVersion() + " (" + Durations.format(result.totalTime())
                    + ")");
        }
        List<MigrationDescriptor> above = result.pendingBeyondTarget();
        if (!above.isEmpty()) {
            lines.add(above.size() + (above.size() == 1 ? " migration is" : " migrations are")
                    + " above the target and left pending: " + versions(above));
        }
        return lines;
    }

    /** The lines for a validation that passed, and for the warnings and pending of any validation. */
    static List<String> validate(String schema, ValidateResult result) {
        List<String> lines = new ArrayList<>();
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
                lines.add("  " + name(migration.version(), migration.description()));
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
        for (String difference : result.differences()) {
            lines.add("  " + difference);
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

    static List<String> baseline(String schema, BaselineResult result) {
        List<String> lines = new ArrayList<>();
        List<MigrationVersion> same = result.sameSchemaVersions();
        if (same.size() > 1) {
            StringBuilder versions = new StringBuilder();
            for (int i = 0; i < same.size(); i++) {
                versions.append(i == 0 ? "" : i == same.size() - 1 ? " and " : ", ")
                        .append(same.get(i));
            }
            lines.add("Versions " + versions + " all leave the schema that " + schema + " has (the migrations"
                    + " between them change data only, which a schema cannot tell apart): the newest, "
                    + result.version() + ", is taken, so migrate will not run the data changes up to it;"
                    + " check that the data is at version " + result.version() + ".");
        }
        int covered = result.coveredMigrations();
        lines.add("Baselined schema " + schema + " at version " + result.version() + ": " + covered
                + (covered == 1 ? " migration" : " migrations")
                + " of the code count as applied; later ones run on the next migrate");
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
                    + ", at version " + result.version() + ". To take it over: mvn compile schema:adopt"
                    + " -Dschema.from=" + result.source());
        } else {
            lines.add("Adopted " + result.sourceName() + "'s history: " + rows + " written to "
                    + result.historyTable() + ", now at version " + result.version() + "; "
                    + result.sourceTable() + " is left as it was and no longer read.");
            lines.add("From here on: mvn schema:validate and mvn schema:migrate.");
        }
        return lines;
    }

    static List<String> repair(String schema, RepairResult result) {
        List<String> lines = new ArrayList<>();
        if (result.actions().isEmpty()) {
            lines.add("Nothing to repair in schema " + schema);
            return lines;
        }
        for (RepairResult.Action action : result.actions()) {
            lines.add("Repaired version " + action.version() + ": " + action.detail());
        }
        int count = result.actions().size();
        lines.add("Made " + count + (count == 1 ? " repair" : " repairs") + " to the history of schema " + schema);
        return lines;
    }

    static List<String> undo(UndoResult result) {
        List<String> lines = new ArrayList<>();
        String now = result.currentVersion() == null ? "no migration applied" : "version " + result.currentVersion();
        if (result.undone().isEmpty()) {
            lines.add("Nothing to undo: schema " + result.schema() + " is at " + now + ", the target");
            return lines;
        }
        for (UndoneMigration undone : result.undone()) {
            lines.add("Undid " + name(undone.version(), undone.description()) + " in "
                    + Durations.format(undone.executionTime()));
        }
        int count = result.undone().size();
        lines.add("Undid " + count + (count == 1 ? " migration" : " migrations") + " of schema " + result.schema()
                + ", now at " + now + " (" + Durations.format(result.totalTime()) + "); migrate applies "
                + (count == 1 ? "it" : "them") + " again");
        return lines;
    }

    /** The line after a rehearsal in which every rehearsed migration succeeded. */
    static String rehearsalPassed(RehearsalResult result) {
        return "Rehearsal passed: nothing was applied; schema " + result.schema() + " stays at "
                + (result.currentVersion() == null ? "no version" : "version " + result.currentVersion());
    }

    private static String versions(List<MigrationDescriptor> migrations) {
        StringBuilder text = new StringBuilder();
        for (MigrationDescriptor migration : migrations) {
            if (text.length() > 0) {
                text.append(", ");
            }
            text.append(migration.version());
        }
        return text.toString();
    }
}
