package dev.tidemark;

/**
 * Stable identifiers for every failure Tidemark reports. The id appears at the start of each
 * message ({@code [TM-R101]}) so that users can search for it and tests can assert on it. Ids are
 * never reused or renumbered. This enum is also the catalog of the runtime's texts: each code's
 * {@link #title() title}, the {@link #state() state} a failure of its kind leaves, and its {@link
 * #remedy() remedy}, which names settings and actions symbolically for each caller to word.
 */
public enum ErrorCode {
    /** A setting is missing or invalid; nothing was connected to. */
    INVALID_CONFIGURATION(
            "TM-R001",
            "A setting is missing or invalid.",
            "Nothing was connected to; the database is unchanged.",
            r("Correct the setting the message names.")),
    /** The manifests found are unusable: none, a duplicate version across manifests, a newer format. */
    INVALID_MANIFEST(
            "TM-R002",
            "The migration manifests found are unusable.",
            "Nothing was connected to; the database is unchanged.",
            r("Configure dev.tidemark:tidemark-processor as an annotation processor and rebuild; give each"
                    + " migration a version of its own; use runtime and processor of the same version.")),
    /** The database could not be reached. */
    CONNECTION_FAILED(
            "TM-R010",
            "The database server could not be reached.",
            "Nothing was done; the database is unchanged.",
            r(
                    "Start the server or correct ",
                    Setting.URL,
                    "; for a database that is still starting, set ",
                    Setting.CONNECT_RETRIES,
                    ".")),
    /** The database refused the credentials. */
    AUTHENTICATION_FAILED(
            "TM-R011",
            "The database server refused the credentials.",
            "Nothing was done; the database is unchanged.",
            r(
                    "Check ",
                    Setting.USER,
                    " and ",
                    Setting.PASSWORD,
                    " (or the URL's credentials) and the server's pg_hba.conf.")),
    /** The server answered, but has no database of the configured name. */
    DATABASE_NOT_FOUND(
            "TM-R012",
            "The server has no database of the configured name.",
            "Nothing was done; no database was created.",
            r("Create the database (CREATE DATABASE …), or correct its name in ", Setting.URL, ".")),
    /** The history table was written by a newer Tidemark, or is not a Tidemark history table. */
    INCOMPATIBLE_HISTORY(
            "TM-R020",
            "The history table was written by a newer Tidemark, or is not a Tidemark history table.",
            "Nothing was done; the database is unchanged.",
            r("Use the Tidemark version that last migrated the database, or set ", Setting.TABLE, " to another name.")),
    /** The schema does not exist and creating it is not allowed. */
    SCHEMA_MISSING(
            "TM-R021",
            "The schema does not exist and creating it is not allowed.",
            "Nothing was done; the database is unchanged.",
            r("Create the schema, set ", Setting.CREATE_SCHEMA, " to true, or correct ", Setting.SCHEMA, ".")),
    /** Another session held the migration lock for longer than the configured wait. */
    LOCK_WAIT_TIMEOUT(
            "TM-R030",
            "Another session held the migration lock longer than the wait allows, or the wait was interrupted.",
            "Nothing was done; the database is unchanged.",
            r(
                    "Wait for the other run and try again, or raise ",
                    Setting.LOCK_WAIT,
                    "; stop a stuck holder's process as a last resort.")),
    /** The session holding the migration lock ended during a run; nothing more was applied. */
    LOCK_LOST(
            "TM-R031",
            "The session holding the migration lock ended during the run.",
            "The migration in progress was rolled back (a non-transactional one did not start); what the run"
                    + " applied before is recorded.",
            r(
                    "Run ",
                    Action.MIGRATE,
                    " again; if it keeps happening, find what closes idle connections or ends server processes.")),
    /** A pooler in transaction or statement mode sits between Tidemark and the server. */
    POOLED_CONNECTION(
            "TM-R032",
            "A pooler in transaction or statement mode sits between Tidemark and PostgreSQL.",
            "Nothing was applied; the database is unchanged.",
            r("Connect directly for migrations, or through a pool in session mode.")),
    /** Validation found problems. */
    VALIDATION_FAILED(
            "TM-R040",
            "The code and the history disagree.",
            "Validation changes nothing; the database is unchanged.",
            r(
                    "Revert edits and put changes in a new migration (or ",
                    Action.REPAIR,
                    " for harmless edits); restore missing classes; allow ",
                    Setting.OUT_OF_ORDER,
                    " or renumber.")),
    /** The schema already has tables but no history: baseline it first. */
    SCHEMA_NOT_EMPTY(
            "TM-R041",
            "The schema has objects but no history.",
            "Nothing was applied; the database is unchanged.",
            r("Adopt the schema with ", Action.BASELINE, ", or point ", Setting.SCHEMA, " at an empty schema.")),
    /**
     * A non-transactional migration failed or never finished; it must be resumed or repaired before
     * anything else runs.
     */
    FAILED_MIGRATION_PRESENT(
            "TM-R042",
            "A non-transactional migration failed or never finished.",
            "The database may hold part of that migration; nothing else was run.",
            Phrase.builder()
                    .append("Resume it (")
                    .action(Action.MIGRATE, Setting.RESUME, true)
                    .append("), or finish or undo its changes by hand and ")
                    .action(Action.REPAIR, Setting.REPAIR_AS, "applied")
                    .append(" or ")
                    .setting(Setting.REPAIR_AS, "removed")
                    .append(".")
                    .build()),
    /** The target version is not a migration of the code, or is below the current version. */
    INVALID_TARGET(
            "TM-R043",
            "The target version is not a migration of the code, or is below the current version.",
            "Nothing was applied; the database is unchanged.",
            r("Set ", Setting.TARGET, " to a version of the code at or above the current one, or latest.")),
    /** Repair found a failed or unfinished migration and was not told whether to mark it applied or remove it. */
    REPAIR_CHOICE_REQUIRED(
            "TM-R044",
            "Repair found a stopped migration and was not told whether to mark it applied or remove it.",
            "Nothing was changed.",
            Phrase.builder()
                    .action(Action.REPAIR, Setting.REPAIR_AS, "applied")
                    .append(" after finishing its changes by hand, ")
                    .setting(Setting.REPAIR_AS, "removed")
                    .append(" after undoing them.")
                    .build()),
    /**
     * The run was asked to stop (Ctrl-C): the transactional migration running was rolled back, or the
     * next one did not start.
     */
    INTERRUPTED(
            "TM-R050",
            "The run was asked to stop.",
            "The migration running was rolled back, or the next one did not start.",
            r("Run ", Action.MIGRATE, " again.")),
    /** A migration failed; the database is unchanged at the previous version. */
    MIGRATION_FAILED(
            "TM-R100",
            "A migration failed and was rolled back with its history row.",
            "The database is at the version read back after the rollback.",
            r("Fix the migration (or the data it expects) and run ", Action.MIGRATE, " again.")),
    /** A non-transactional migration failed part way; its row records the statements that completed. */
    NON_TRANSACTIONAL_MIGRATION_FAILED(
            "TM-R101",
            "A non-transactional migration failed part way.",
            "The statements that ran stay done; a failed row is recorded.",
            Phrase.builder()
                    .append("Fix the cause and resume (")
                    .action(Action.MIGRATE, Setting.RESUME, true)
                    .append("), or finish or undo its changes by hand and ")
                    .action(Action.REPAIR, Setting.REPAIR_AS, "applied")
                    .append(".")
                    .build()),
    /** A statement waited longer than lock_timeout for a table lock. */
    LOCK_TIMEOUT_EXCEEDED(
            "TM-R102",
            "A migration statement waited longer than lock_timeout for a lock another session holds.",
            "The migration was rolled back with its history row.",
            r("Retry when the table is less busy, or raise ", Setting.LOCK_TIMEOUT, ".")),
    /**
     * The connection was lost or the server ended the session (SQLSTATE class 08, 57P01-57P03, an
     * I/O error) during a migration or the run's last, flushing commit; not a fault of the
     * migration. The message states the version read back on a new session, or that none could be
     * opened.
     */
    CONNECTION_LOST(
            "TM-R103",
            "The connection was lost or the server ended the session during the run.",
            "The version is read back on a new session, or the message says it could not be.",
            r(
                    "Run ",
                    Action.MIGRATE,
                    " again once the server is stable; if the version could not be read back, run ",
                    Action.INFO,
                    " first.")),
    /**
     * A transactional migration ended Tidemark's transaction from inside (a COMMIT through its
     * connection, a procedure that commits): what it did before that commit stays, without a history row.
     */
    MIGRATION_ENDED_TRANSACTION(
            "TM-R104",
            "A transactional migration ended Tidemark's transaction from inside.",
            "What it did before that commit stays committed, without a history row; a failed row is recorded.",
            r(
                    "Drop what it committed by hand, remove the commit (or make the migration non-transactional), run ",
                    Action.REPAIR,
                    ", then ",
                    Action.MIGRATE,
                    ".")),
    /**
     * A non-transactional migration ran to its end, but an index it builds or names is INVALID (a
     * failed concurrent build kept, skipped by IF NOT EXISTS); it does not count as applied.
     */
    INVALID_INDEX_LEFT(
            "TM-R105",
            "A non-transactional migration left an INVALID index.",
            "It does not count as applied; a failed row is recorded.",
            r(
                    "Drop the index (DROP INDEX CONCURRENTLY), fix the cause, run ",
                    Action.REPAIR,
                    ", then ",
                    Action.MIGRATE,
                    ".")),
    /**
     * Resume refused before running anything: the migration's statements differ from those the
     * stopped run completed, its row records no statements, or its session still runs on the server.
     */
    RESUME_REFUSED(
            "TM-R106",
            "Resume was refused before running anything.",
            "Nothing was run; the stopped migration's row is as it was.",
            r(
                    "Restore the completed statements as they were, or wait for the stopped run's process to end, or ",
                    Action.REPAIR,
                    ".")),
    /** Baseline refused: the history already has rows. */
    BASELINE_HISTORY_NOT_EMPTY(
            "TM-R200",
            "Baseline was refused: the history already has rows.",
            "Nothing was changed.",
            r("Nothing to adopt: run ", Action.INFO, " to see where the database stands, and ", Action.MIGRATE, ".")),
    /** Baseline refused: no migration of the code has that version. */
    BASELINE_UNKNOWN_VERSION(
            "TM-R201",
            "Baseline was refused: no migration has that version.",
            "Nothing was changed.",
            r("Give ", Action.BASELINE, " the version of the newest migration the schema already matches.")),
    /** Adopt refused: another tool's history and the code disagree; every row at fault is listed. */
    ADOPT_REFUSED(
            "TM-R210",
            "Adopt was refused: the other tool's history and the code's migrations disagree; every row at fault is listed.",
            "Nothing was written: Tidemark's history was not created, and the other tool's table is as it was.",
            r(
                    "Make the code match that history (restore or revert the migrations named), then ",
                    Action.ADOPT,
                    " again; a dry run shows the mapping without writing.")),
    /** Adopt found no other tool's history table, or an empty one. */
    ADOPT_NO_FOREIGN_HISTORY(
            "TM-R211",
            "Adopt found no other tool's history table in the schema, or only an empty one.",
            "Nothing was written.",
            r(
                    "Check ",
                    Setting.SCHEMA,
                    " (the schema the other tool migrated), or start with ",
                    Action.BASELINE,
                    " when no tool's history exists.")),
    /** Adopt found the history tables of several tools and was not told which to take over. */
    ADOPT_SEVERAL_FOREIGN_HISTORIES(
            "TM-R212",
            "Adopt found the history tables of several tools and was not told which one to take over.",
            "Nothing was written.",
            r("Name the tool to take over from when you ", Action.ADOPT, ".")),
    /** Adopt refused: Tidemark's own history already has rows. */
    ADOPT_HISTORY_NOT_EMPTY(
            "TM-R213",
            "Adopt was refused: Tidemark's own history already has rows, so this database was adopted or migrated before.",
            "Nothing was written.",
            r("Use ", Action.INFO, " to see where the database stands, then ", Action.MIGRATE, " as usual.")),
    /** The live schema differs from the snapshot recorded by the last migrate or baseline. */
    DRIFT_DETECTED(
            "TM-R300",
            "The live schema differs from the snapshot recorded by the last migrate or baseline.",
            "Nothing was applied; the database is unchanged.",
            Phrase.builder()
                    .append("Put the schema back as its migrations left it (")
                    .action(Action.DIFF)
                    .append(" lists every difference, also as JSON), then write any change worth keeping as a"
                            + " migration; to keep the changes as they are, ")
                    .action(Action.ACCEPT_DRIFT)
                    .append(" accepts the live schema as the new reference and records who accepted which"
                            + " differences; to migrate on top of the changes anyway, set ")
                    .setting(Setting.DRIFT, "warn")
                    .append(", which leaves them reported.")
                    .build()),
    /** The recorded schema snapshot was written by a newer Tidemark or is damaged. */
    UNREADABLE_SNAPSHOT(
            "TM-R301",
            "The recorded schema snapshot was written by a newer Tidemark or is damaged.",
            "Nothing was applied; the database is unchanged.",
            Phrase.builder()
                    .append("Use the Tidemark version that recorded it, record a new one with ")
                    .action(Action.ACCEPT_DRIFT)
                    .append(", or set ")
                    .setting(Setting.DRIFT, "ignore")
                    .append(".")
                    .build()),
    /** Baseline without a version: no migration leaves the schema exactly as it is now. */
    BASELINE_NO_MATCHING_VERSION(
            "TM-R302",
            "No migration leaves the schema exactly as it is now.",
            "Nothing was changed.",
            r("Give ", Action.BASELINE, " the version yourself.")),
    /** Baseline without a version: the temporary database could not be made or a migration failed in it. */
    SHADOW_REPLAY_FAILED(
            "TM-R303",
            "The temporary database for finding the baseline version could not be made, or a migration failed in it.",
            "Nothing was changed.",
            r(
                    "Grant the migration user CREATEDB, or set ",
                    Setting.SHADOW_URL,
                    "; or give ",
                    Action.BASELINE,
                    " the version yourself.")),
    /** Undo refused: a migration to revert has no {@code down}. */
    UNDO_WITHOUT_DOWN(
            "TM-R400",
            "Undo was refused: a migration to revert has no down().",
            "Nothing was undone.",
            r("Add a down(), or ", Action.UNDO, " only as far as migrations that have one.")),
    /** Undo refused: a migration to revert is non-transactional and undoing such is not allowed. */
    UNDO_NON_TRANSACTIONAL(
            "TM-R401",
            "Undo was refused: a migration to revert runs outside a transaction.",
            "Nothing was undone.",
            r("Set ", Setting.UNDO_NON_TRANSACTIONAL, " to true, or undo only as far as transactional migrations.")),
    /** Undo refused: the target is at or below the baseline, whose changes no migration made. */
    UNDO_BELOW_BASELINE(
            "TM-R402",
            "Undo was refused: the target is below the baseline.",
            "Nothing was undone.",
            r("Undo to the baseline or above.")),
    /** Undo refused: the target is not a known version, or is above the version the database is at. */
    UNDO_INVALID_TARGET(
            "TM-R403",
            "Undo was refused: the target is no known version, or is above the current one.",
            "Nothing was undone.",
            r("Give a version below the current one; ", Action.MIGRATE, " goes forward.")),
    /** Undo refused: a migration to revert is applied but missing from the code, so its down cannot run. */
    UNDO_MISSING_FROM_CODE(
            "TM-R404",
            "Undo was refused: a migration to revert is applied but its class is gone.",
            "Nothing was undone.",
            r("Restore the class, or undo less far.")),
    /** Undo refused: a migration to revert was changed after it was applied. */
    UNDO_CHANGED_MIGRATION(
            "TM-R405",
            "Undo was refused: a migration to revert was edited after it was applied.",
            "Nothing was undone.",
            r("Revert the edit, or ", Action.REPAIR, " if it is harmless.")),
    /** Undo refused: no migration is applied. */
    NOTHING_TO_UNDO(
            "TM-R406",
            "No migration is applied.",
            "Nothing was undone.",
            r("Nothing to do; ", Action.INFO, " shows where the database stands.")),
    /** A down failed and was rolled back with its history row; earlier undone steps stay undone. */
    UNDO_FAILED(
            "TM-R410",
            "A down() failed and was rolled back with its history row.",
            "The database is at the version read back after the rollback; earlier undone steps stay undone.",
            r("Fix the down(), then ", Action.UNDO, " again.")),
    /** The down of a non-transactional migration failed part way; a failed undo row was recorded. */
    NON_TRANSACTIONAL_UNDO_FAILED(
            "TM-R411",
            "A non-transactional down() failed part way.",
            "The database may be partly reverted; a failed undo row is recorded.",
            r("Finish or reverse it by hand, then run ", Action.REPAIR, ".")),
    /** Rehearsal: a pending migration failed inside the rehearsal transaction (which was rolled back). */
    REHEARSAL_FAILED(
            "TM-R420",
            "A pending migration failed in the rehearsal.",
            "The rehearsal was rolled back; nothing was applied.",
            r("Fix the migration or the database it expects, then ", Action.REHEARSE, " again.")),
    /** Rehearsal: a statement could not get a table lock within the rehearsal's short lock_timeout. */
    REHEARSAL_LOCK_UNAVAILABLE(
            "TM-R421",
            "A rehearsed statement could not get a table lock in time.",
            "The rehearsal was rolled back; nothing was applied.",
            r("Rehearse when the table is less busy, or raise ", Setting.REHEARSAL_LOCK_TIMEOUT, ".")),
    /** Rehearsal: a statement would hold ACCESS EXCLUSIVE on a table above failOnExclusiveLockAbove. */
    REHEARSAL_EXCLUSIVE_LOCK_TOO_LARGE(
            "TM-R422",
            "A rehearsed statement would hold ACCESS EXCLUSIVE on a table above the configured size.",
            "The rehearsal was rolled back; nothing was applied.",
            r(
                    "Change the migration so that it does not lock the table (the lint rule named gives the safe"
                            + " form), or raise ",
                    Setting.FAIL_ON_EXCLUSIVE_LOCK_ABOVE,
                    " if the table may be locked that long.")),
    /** Round-trip test: a down did not restore the schema, or an up or down failed. */
    ROUND_TRIP_FAILED(
            "TM-R430",
            "The round-trip test found a down() that does not restore the schema, or an up or down that fails.",
            "The test ran in a temporary database; the configured database is unchanged.",
            r("Make each down() undo exactly what its up() does, then run ", Action.ROUND_TRIP_TEST, " again.")),
    /** Round-trip test: the temporary database could not be created. */
    ROUND_TRIP_DATABASE_FAILED(
            "TM-R431",
            "The round-trip test could not create or use its temporary database.",
            "Nothing was run; the configured database is unchanged.",
            r(
                    "Grant the migration user CREATEDB, or set ",
                    Setting.SHADOW_URL,
                    " to a server where it may create databases.")),
    /** A run on several targets ended with at least one target failed. */
    TARGETS_FAILED(
            "TM-R500",
            "A run on several targets failed on at least one of them.",
            "Each target is consistent on its own: every failed one is where its own failure left it, the"
                    + " others at the versions the summary shows.",
            r("Fix what the failed targets report and run the command again; targets already up to date are"
                    + " left as they are.")),
    /** The schema pattern or query selected no target, or could not be read. */
    NO_TARGETS(
            "TM-R501",
            "The schemas to run on could not be listed, or none was selected.",
            "Nothing was run on any target.",
            r(
                    "Correct ",
                    Setting.SCHEMA_PATTERN,
                    " or ",
                    Setting.SCHEMA_QUERY,
                    ", or name the schemas in ",
                    Setting.SCHEMAS,
                    ".")),
    /** A failure Tidemark did not expect; the cause tells more. */
    /** PostgreSQL refused one of Tidemark's own statements for lack of a privilege (SQLSTATE 42501). */
    PERMISSION_DENIED(
            "TM-R013",
            "PostgreSQL refused a statement Tidemark runs for lack of a privilege (SQLSTATE 42501).",
            "The statement was refused; what the command did before it is recorded in the history.",
            r(
                    "Grant the migration user the privilege PostgreSQL names, or set ",
                    Setting.USER,
                    " to a migration user that has it.")),
    INTERNAL(
            "TM-R999",
            "A failure Tidemark did not expect.",
            "Tidemark stopped there; what it applied before is recorded in the history.",
            r("Run ", Action.INFO, " to see where the database stands; the cause and the server log tell more."));

    private final String id;
    private final String title;
    private final String state;
    private final Phrase remedy;

    ErrorCode(String id, String title, String state, Phrase remedy) {
        this.id = id;
        this.title = title;
        this.state = state;
        this.remedy = remedy;
    }

    private static Phrase r(Object... parts) {
        return Phrase.words(parts);
    }

    /** The stable id, such as {@code TM-R100}. */
    public String id() {
        return id;
    }

    /** What happened, in general: the first part of every message with this code. */
    public String title() {
        return title;
    }

    /** The state the database is in after a failure of this kind, in general. */
    public String state() {
        return state;
    }

    /** What to do about a failure of this kind, in general; a failure may give a more precise one. */
    public Phrase remedy() {
        return remedy;
    }
}
