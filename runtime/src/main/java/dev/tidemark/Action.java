package dev.tidemark;

/**
 * The things a user can do about a failure, named without any caller's spelling. A remedy names an
 * action (and, where it matters, the option it needs, such as repair's {@link Setting#REPAIR_AS}), and
 * each caller words it: {@code repair()} in the API, {@code mvn schema:repair -Dschema.repairAs=removed}
 * in the Maven plugin.
 */
public enum Action {
    /** Apply pending migrations. With {@link Setting#RESUME}: resume a stopped non-transactional migration. */
    MIGRATE,
    /** Compare the code with the history, and fail on what disagrees. */
    VALIDATE,
    /** Show where the database stands: every migration and its state. */
    INFO,
    /** Adopt a database whose schema was made by other means; its argument is the version to adopt. */
    BASELINE,
    /** Take over a database whose history is in another tool's table, keeping that history. */
    ADOPT,
    /** Realign the history with the code; with {@link Setting#REPAIR_AS} for a stopped migration. */
    REPAIR,
    /** List every difference between the live schema and the recorded snapshot. */
    DIFF,
    /** Accept the live schema as the new reference snapshot. */
    ACCEPT_DRIFT,
    /** Revert applied migrations through their {@code down()}; with {@link Setting#UNDO_TO}: how far. */
    UNDO,
    /** Check that each {@code down()} restores the schema its {@code up()} found. */
    ROUND_TRIP_TEST,
    /** Run the pending migrations in a transaction that is rolled back. */
    REHEARSE
}
