package dev.tidemark;

/** What a run on several targets ({@link Fleet}) does when one of them fails. */
public enum OnTargetFailure {
    /**
     * Start no further target; the targets already running finish, and those not started are
     * reported as not started. The default: a migration that fails on one tenant usually fails on
     * the next one too.
     */
    STOP,
    /** Go on with every other target; the run still fails at the end. */
    CONTINUE
}
