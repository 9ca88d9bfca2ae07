package dev.tidemark;

/**
 * Receives progress from a running command. Tidemark never prints: the Maven plugin maps these
 * calls to its log, an application to its logger. Every method has an empty default, so a caller
 * overrides only what it wants. Calls come from the thread that runs the command, except those
 * about a statement still running ({@link #statementRunning} and the {@code info} line that goes
 * with it), which come from a daemon thread of Tidemark's while the command's thread waits for the
 * statement.
 */
public interface TidemarkListener {

    /** A listener that ignores everything. */
    TidemarkListener NONE = new TidemarkListener() {};

    /** A progress message worth showing by default. */
    default void info(String message) {}

    /** Something the user should look at, although the command goes on. */
    default void warn(String message) {}

    /** Detail for troubleshooting, such as each statement a migration runs. */
    default void debug(String message) {}

    /** A migration is about to run. */
    default void migrationStarting(MigrationDescriptor migration) {}

    /** A migration ran and was recorded. */
    default void migrationApplied(AppliedMigration migration) {}

    /** The history lock is held by another session; called each time Tidemark checks again. */
    default void waitingForLock(LockHolder holder) {}

    /**
     * A migration statement has run for the configured progress interval (and again after each
     * further interval): how long, and what it waits on, such as a table lock and who holds it.
     * Called from a Tidemark daemon thread, never from the command's; Tidemark also passes {@link
     * StatementProgress#describe()} to {@link #info}.
     */
    default void statementRunning(StatementProgress progress) {}
}
