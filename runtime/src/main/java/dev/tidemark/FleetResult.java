package dev.tidemark;

import java.time.Duration;
import java.util.List;

/**
 * What a run on several targets ({@link Fleet}) did: one {@link TargetResult} per target, in the
 * order the targets were selected (databases as configured, then schemas as listed).
 *
 * @param command the command run: {@code migrate}, {@code validate}, {@code info} or {@code baseline}
 * @param targets every target's result
 * @param parallelism how many targets ran at once
 * @param totalTime the whole run, selecting the targets included
 */
public record FleetResult(String command, List<TargetResult> targets, int parallelism, Duration totalTime) {

    public FleetResult {
        targets = List.copyOf(targets);
    }

    /** The targets on which the command succeeded. */
    public List<TargetResult> succeeded() {
        return only(TargetResult.Outcome.SUCCEEDED);
    }

    /** The targets on which the command failed. */
    public List<TargetResult> failed() {
        return only(TargetResult.Outcome.FAILED);
    }

    /** The targets not started because another one failed. */
    public List<TargetResult> notStarted() {
        return only(TargetResult.Outcome.NOT_STARTED);
    }

    /** Whether the command succeeded on every target. */
    public boolean ok() {
        return succeeded().size() == targets.size();
    }

    /** Whether the targets lie in more than one database, so that each must name its database. */
    public boolean severalDatabases() {
        return targets.stream().map(TargetResult::database).distinct().count() > 1;
    }

    private List<TargetResult> only(TargetResult.Outcome outcome) {
        return targets.stream().filter(t -> t.outcome() == outcome).toList();
    }
}
