package dev.tidemark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The summary of a {@link FleetResult} as a person reads it: one line for the run, then a table
 * with one row per target (version before and after, time, outcome), then each failure's message.
 * A version is {@code -} when there is none, {@code ?} when the failure left it unknown (the version
 * a failed target was at before the run).
 */
final class FleetText {

    private FleetText() {}

    static List<String> lines(FleetResult result) {
        List<String> lines = new ArrayList<>();
        lines.add(result.command() + " on " + result.targets().size() + " targets (" + result.parallelism()
                + " at a time) in " + time(result.totalTime()) + ": "
                + result.succeeded().size() + " succeeded, "
                + result.failed().size() + " failed, " + result.notStarted().size() + " not started.");
        boolean withDatabase = result.severalDatabases();
        int width = "target".length();
        for (TargetResult target : result.targets()) {
            width = Math.max(width, target.describe(withDatabase).length());
        }
        String row = "  %-" + width + "s  %-8s  %-8s  %8s  %s";
        lines.add(String.format(Locale.ROOT, row, "target", "before", "after", "time", "result"));
        for (TargetResult target : result.targets()) {
            lines.add(String.format(
                            Locale.ROOT,
                            row,
                            target.describe(withDatabase),
                            target.outcome() == TargetResult.Outcome.FAILED && target.versionBefore() == null
                                    ? "?"
                                    : version(target.versionBefore()),
                            version(target.versionAfter()),
                            target.outcome() == TargetResult.Outcome.NOT_STARTED ? "" : time(target.time()),
                            outcome(target))
                    .stripTrailing());
        }
        for (TargetResult target : result.failed()) {
            lines.add("");
            lines.add(target.describe(withDatabase) + ":");
            target.message().lines().forEach(line -> lines.add("  " + line));
        }
        return lines;
    }

    private static String outcome(TargetResult target) {
        return switch (target.outcome()) {
            case SUCCEEDED -> "ok";
            case FAILED -> "FAILED" + (target.errorCode() == null ? "" : " " + target.errorCode());
            case NOT_STARTED -> "not started";
        };
    }

    private static String version(MigrationVersion version) {
        return version == null ? "-" : version.toString();
    }

    private static String time(Duration time) {
        return ResultText.duration(time);
    }
}
