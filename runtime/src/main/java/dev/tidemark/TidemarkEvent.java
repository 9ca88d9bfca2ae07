package dev.tidemark;

import java.time.Duration;
import java.util.List;

/**
 * What a running command reports to its {@link TidemarkListener}: data, not sentences. Each caller
 * words the events its own way; {@link EventSentences} words them for an application's log. Every
 * event has a {@link #level()}: how much a person watching the run needs to see it.
 */
public sealed interface TidemarkEvent {

    /** How much an event matters to a person watching the run. */
    enum Level {
        /** Detail for troubleshooting. */
        DEBUG,
        /** Progress worth showing by default. */
        INFO,
        /** Something to look at, although the command goes on. */
        WARN
    }

    /** How much this event matters to a person watching the run. */
    Level level();

    /**
     * The database did not answer; Tidemark tries again after {@code retryIn}.
     *
     * @param database the database, described without its password
     * @param attempt the attempt that failed, from 1
     * @param attempts how many attempts are made in all
     * @param reason why it failed
     * @param retryIn how long Tidemark waits before the next attempt
     */
    record ConnectRetrying(String database, int attempt, int attempts, String reason, Duration retryIn)
            implements TidemarkEvent {
        @Override
        public Level level() {
            return Level.WARN;
        }
    }

    /** Another session holds the migration lock; reported each time Tidemark checks again. */
    record LockWaiting(String table, LockHolder holder) implements TidemarkEvent {
        @Override
        public Level level() {
            return Level.INFO;
        }
    }

    /** The migration lock on the history table {@code table} is taken, under the advisory key {@code key}. */
    record LockAcquired(String table, long key) implements TidemarkEvent {
        @Override
        public Level level() {
            return Level.DEBUG;
        }
    }

    /** The history table was created. */
    record HistoryTableCreated(String table) implements TidemarkEvent {
        @Override
        public Level level() {
            return Level.INFO;
        }
    }

    /** The history table was upgraded to {@code format}. */
    record HistoryTableUpgraded(String table, int format) implements TidemarkEvent {
        @Override
        public Level level() {
            return Level.INFO;
        }
    }

    /** A migration is about to run in {@code schema}. */
    record MigrationStarted(String schema, MigrationDescriptor migration) implements TidemarkEvent {
        @Override
        public Level level() {
            return Level.INFO;
        }
    }

    /** A non-transactional migration whose run stopped goes on after its {@code completedStatements}. */
    record MigrationResumed(MigrationDescriptor migration, int completedStatements) implements TidemarkEvent {
        @Override
        public Level level() {
            return Level.INFO;
        }
    }

    /** A migration sends statement {@code number} (from 1) to the database. */
    record StatementStarted(MigrationDescriptor migration, int number, String sql) implements TidemarkEvent {
        @Override
        public Level level() {
            return Level.DEBUG;
        }
    }

    /**
     * A statement has run for the configured progress interval (and again after each further one),
     * with what it waits on, such as a table lock and who holds it. Reported from a Tidemark daemon
     * thread, never from the command's.
     */
    record StatementRunning(StatementProgress progress) implements TidemarkEvent {
        @Override
        public Level level() {
            return Level.INFO;
        }
    }

    /** A migration ran and was recorded. */
    record MigrationApplied(AppliedMigration applied) implements TidemarkEvent {
        @Override
        public Level level() {
            return Level.INFO;
        }
    }

    /**
     * A repeatable migration ({@code R__<description>.sql}), new or changed since it was last
     * applied, is about to run in {@code schema}, after the versioned migrations.
     */
    record RepeatableStarted(String schema, String description, String file, boolean transactional)
            implements TidemarkEvent {
        @Override
        public Level level() {
            return Level.INFO;
        }
    }

    /** A repeatable migration was applied and recorded. */
    record RepeatableApplied(String description, String file, Duration executionTime) implements TidemarkEvent {
        @Override
        public Level level() {
            return Level.INFO;
        }
    }

    /** A migration's {@code down} is about to run in {@code schema}. */
    record MigrationUndoing(String schema, MigrationDescriptor migration) implements TidemarkEvent {
        @Override
        public Level level() {
            return Level.INFO;
        }
    }

    /** A migration's {@code down} ran and was recorded. */
    record MigrationUndone(UndoneMigration undone) implements TidemarkEvent {
        @Override
        public Level level() {
            return Level.INFO;
        }
    }

    /** Validation found something to look at that does not fail it. */
    record ValidationWarning(String message) implements TidemarkEvent {
        @Override
        public Level level() {
            return Level.WARN;
        }
    }

    /** The live schema was not compared with its snapshot, and why. */
    record DriftCheckSkipped(String reason) implements TidemarkEvent {
        @Override
        public Level level() {
            return Level.INFO;
        }
    }

    /** The live schema differs from its snapshot, and the drift mode lets the command go on. */
    record DriftFound(SchemaDifference difference) implements TidemarkEvent {
        @Override
        public Level level() {
            return Level.WARN;
        }
    }

    /** Migrate goes on despite {@code differences}, which the snapshot it records keeps. */
    record DriftLetThrough(int differences) implements TidemarkEvent {
        @Override
        public Level level() {
            return Level.WARN;
        }
    }

    /** The snapshot of the schema at {@code version} (null: before any migration) was recorded in {@code table}. */
    record SnapshotRecorded(MigrationVersion version, String table) implements TidemarkEvent {
        @Override
        public Level level() {
            return Level.INFO;
        }
    }

    /** The snapshot of the schema at {@code version} could not be recorded, and why. */
    record SnapshotNotRecorded(MigrationVersion version, String table, String reason) implements TidemarkEvent {
        @Override
        public Level level() {
            return Level.WARN;
        }
    }

    /** Baseline replays {@code migrations} into a temporary database to find the version {@code schema} is at. */
    record BaselineSearchStarted(String schema, int migrations) implements TidemarkEvent {
        @Override
        public Level level() {
            return Level.INFO;
        }
    }

    /**
     * Baseline found the version {@code schema} is at: its schema equals the live one exactly, as
     * replayed into {@code temporaryDatabase} (dropped since). {@code sameSchemaVersions} lists every
     * version that leaves the same schema when more than one does (data-only migrations).
     */
    record BaselineFound(
            String schema,
            MigrationVersion version,
            String temporaryDatabase,
            List<MigrationVersion> sameSchemaVersions)
            implements TidemarkEvent {
        public BaselineFound {
            sameSchemaVersions = List.copyOf(sameSchemaVersions);
        }

        @Override
        public Level level() {
            return Level.INFO;
        }
    }

    /** One migration's outcome in a rehearsal. */
    record RehearsalStepped(RehearsalResult.Step step) implements TidemarkEvent {
        @Override
        public Level level() {
            return Level.DEBUG;
        }
    }

    /** The round-trip test of {@code migrations} starts in {@code temporaryDatabase}. */
    record RoundTripStarted(int migrations, String temporaryDatabase) implements TidemarkEvent {
        @Override
        public Level level() {
            return Level.INFO;
        }
    }

    /** Adopt found {@code tool}'s history table {@code table}, the only other tool's table in the schema. */
    record ForeignHistoryFound(String tool, String table) implements TidemarkEvent {
        @Override
        public Level level() {
            return Level.INFO;
        }
    }

    /** Adopt matched each row of {@code tool}'s history {@code table} to the code's migrations. */
    record ForeignHistoryMatched(String tool, String table, List<AdoptResult.Row> mapping) implements TidemarkEvent {
        public ForeignHistoryMatched {
            mapping = List.copyOf(mapping);
        }

        @Override
        public Level level() {
            return Level.DEBUG;
        }
    }

    /** Repair changed one history row. */
    record RepairMade(RepairResult.Action action) implements TidemarkEvent {
        @Override
        public Level level() {
            return Level.INFO;
        }
    }

    /**
     * A command ended without failing; {@code result} is what it returns ({@link MigrateResult},
     * {@link ValidateResult}, {@link BaselineResult}, {@link RepairResult}, {@link UndoResult},
     * {@link RehearsalResult} or {@link RoundTripResult}), which {@link ResultFormat} renders.
     */
    record CommandFinished(Object result) implements TidemarkEvent {
        @Override
        public Level level() {
            return Level.INFO;
        }
    }

    /**
     * A run on several targets ({@link Fleet}) is done with one of them: {@code done} of {@code total}
     * targets are done (succeeded, failed or not started), {@code target} is this one's result. May
     * come from any of the run's threads.
     */
    record TargetFinished(String command, int done, int total, TargetResult target) implements TidemarkEvent {
        @Override
        public Level level() {
            return target.outcome() == TargetResult.Outcome.FAILED ? Level.WARN : Level.INFO;
        }
    }

    /** Detail for troubleshooting that has no shape of its own, such as a session setting the server refused. */
    record Diagnostic(String detail) implements TidemarkEvent {
        @Override
        public Level level() {
            return Level.DEBUG;
        }
    }
}
