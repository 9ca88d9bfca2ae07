package dev.tidemark.spring;

import dev.tidemark.MigrateResult;
import dev.tidemark.MigrationVersion;
import dev.tidemark.ValidateResult;

/** The one line the starter logs when start-up's migrate or validate succeeded. */
final class Summary {

    private Summary() {}

    static String of(MigrateResult result) {
        if (result.upToDate()) {
            return "Tidemark: schema " + result.schema() + " is up to date at version " + version(result.currentVersion())
                    + "; no migration applied.";
        }
        return "Tidemark: applied " + result.applied().size() + " migration(s) to schema " + result.schema() + ", from "
                + version(result.initialVersion()) + " to version " + version(result.currentVersion()) + " in "
                + result.totalTime().toMillis() + " ms.";
    }

    static String of(ValidateResult result) {
        return "Tidemark: validated, schema at version " + version(result.currentVersion()) + ", "
                + result.pending().size() + " pending, no problem.";
    }

    private static String version(MigrationVersion version) {
        return version == null ? "<empty>" : version.toString();
    }
}
