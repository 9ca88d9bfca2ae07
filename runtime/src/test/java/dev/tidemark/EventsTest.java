package dev.tidemark;

import static dev.tidemark.testing.TestManifest.reversible;
import static dev.tidemark.testing.TestManifest.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.TidemarkEvent.BaselineFound;
import dev.tidemark.TidemarkEvent.BaselineSearchStarted;
import dev.tidemark.TidemarkEvent.CommandFinished;
import dev.tidemark.TidemarkEvent.ConnectRetrying;
import dev.tidemark.TidemarkEvent.DriftCheckSkipped;
import dev.tidemark.TidemarkEvent.DriftFound;
import dev.tidemark.TidemarkEvent.DriftLetThrough;
import dev.tidemark.TidemarkEvent.HistoryTableCreated;
import dev.tidemark.TidemarkEvent.LockAcquired;
import dev.tidemark.TidemarkEvent.MigrationApplied;
import dev.tidemark.TidemarkEvent.MigrationStarted;
import dev.tidemark.TidemarkEvent.MigrationUndoing;
import dev.tidemark.TidemarkEvent.MigrationUndone;
import dev.tidemark.TidemarkEvent.RehearsalStepped;
import dev.tidemark.TidemarkEvent.RepairMade;
import dev.tidemark.TidemarkEvent.RoundTripStarted;
import dev.tidemark.TidemarkEvent.SnapshotRecorded;
import dev.tidemark.TidemarkEvent.StatementStarted;
import dev.tidemark.TidemarkEvent.ValidationWarning;
import dev.tidemark.spi.MigrationManifest;
import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.RecordingListener;
import dev.tidemark.testing.TestDatabase;
import dev.tidemark.testing.TestManifest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each command reports typed events, and {@link EventSentences} words them. Events reported in
 * situations that need a test of their own are asserted there: {@code LockWaiting} in {@code
 * LockTest}, {@code StatementRunning} in {@code StatementProgressTest}, {@code MigrationResumed} and
 * {@code HistoryTableUpgraded} in {@code ResumeTest}, {@code SnapshotNotRecorded} in {@code
 * DriftControlTest}, {@code Diagnostic} in {@code HistorySummaryTest}.
 */
@NeedsPostgres
class EventsTest {

    static final String USERS = "CREATE TABLE users (id bigint PRIMARY KEY)";
    static final String ORDERS = "CREATE TABLE orders (id bigint PRIMARY KEY)";

    static MigrationManifest twoReversible() {
        return TestManifest.of(
                reversible("1", "create users", USERS, "DROP TABLE users"),
                reversible("2", "create orders", ORDERS, "DROP TABLE orders"));
    }

    static Tidemark tidemark(TestDatabase db, RecordingListener listener, MigrationManifest manifest) {
        return Tidemark.configure()
                .dataSource(db)
                .manifests(manifest)
                .listener(listener)
                .load();
    }

    @Test
    void migrate_reportsLockHistoryEachMigrationAndStatement_thenItsResult(TestDatabase db) {
        RecordingListener listener = new RecordingListener();
        MigrateResult result = tidemark(db, listener, twoReversible()).migrate();

        assertThat(listener.events(LockAcquired.class))
                .singleElement()
                .satisfies(e -> assertThat(e.table()).isEqualTo("\"public\".\"tidemark_history\""));
        assertThat(listener.events(HistoryTableCreated.class))
                .singleElement()
                .satisfies(e -> assertThat(e.table()).isEqualTo("public.tidemark_history"));
        assertThat(listener.events(MigrationStarted.class))
                .extracting(e -> e.schema() + " " + e.migration().version())
                .containsExactly("public 1", "public 2");
        assertThat(listener.events(StatementStarted.class))
                .extracting(e -> e.migration().version() + " " + e.number() + " " + e.sql())
                .containsExactly("1 1 " + USERS, "2 1 " + ORDERS);
        assertThat(listener.events(MigrationApplied.class))
                .extracting(e -> e.applied().version().toString())
                .containsExactly("1", "2");
        assertThat(listener.events(SnapshotRecorded.class)).isEmpty();
        assertThat(listener.events(CommandFinished.class))
                .singleElement()
                .satisfies(e -> assertThat(e.result()).isSameAs(result));
        // Every event from the command's thread arrives in order: the result last.
        assertThat(listener.events.get(listener.events.size() - 1)).isInstanceOf(CommandFinished.class);

        assertThat(listener.lines)
                .contains(
                        "DEBUG Took the migration lock on \"public\".\"tidemark_history\" (advisory key "
                                + listener.events(LockAcquired.class).get(0).key() + ")",
                        "INFO Created the history table public.tidemark_history",
                        "INFO Migrating public to version 1 - create users",
                        "DEBUG Migration 1: " + USERS,
                        "INFO Applied 2 migrations to schema public, now at version 2 ("
                                + ResultText.duration(result.totalTime()) + ")");
        assertThat(listener.lines).anyMatch(line -> line.startsWith("INFO Applied version 2 (create orders) in "));
    }

    @Test
    void undo_reportsEachMigrationUndoingAndUndone(TestDatabase db) {
        tidemark(db, new RecordingListener(), twoReversible()).migrate();
        RecordingListener listener = new RecordingListener();

        tidemark(db, listener, twoReversible()).undo("1");

        assertThat(listener.events(MigrationUndoing.class))
                .singleElement()
                .satisfies(e -> assertThat(e.migration().version()).hasToString("2"));
        assertThat(listener.events(MigrationUndone.class))
                .singleElement()
                .satisfies(e -> assertThat(e.undone().version()).hasToString("2"));
        assertThat(listener.lines)
                .contains("INFO Undoing migration 2 of public - create orders")
                .anyMatch(line -> line.startsWith("INFO Undid version 2 (create orders) in "))
                .contains("INFO Undid 1 migration of schema public, now at version 1 ("
                        + ResultText.duration(((UndoResult) listener.events(CommandFinished.class)
                                        .get(0)
                                        .result())
                                .totalTime())
                        + "); migrate applies it again");
    }

    @Test
    void driftLetThrough_reportsEachDifferenceAsDataAndAsAWarning(TestDatabase db) {
        MigrationManifest one = TestManifest.of(sql("1", "create users", USERS));
        tidemark(db, new RecordingListener(), one).migrate();
        db.execute("CREATE TABLE audit_log (id bigint)");
        RecordingListener listener = new RecordingListener();
        MigrationManifest two = TestManifest.of(sql("1", "create users", USERS), sql("2", "create orders", ORDERS));

        Tidemark.configure()
                .dataSource(db)
                .manifests(two)
                .drift(DriftMode.WARN)
                .listener(listener)
                .load()
                .migrate();

        assertThat(listener.events(DriftFound.class)).singleElement().satisfies(e -> {
            assertThat(e.difference().change()).isEqualTo(SchemaDifference.Change.UNEXPECTED);
            assertThat(e.difference().kind()).isEqualTo("table");
            assertThat(e.difference().object()).isEqualTo("audit_log");
            assertThat(e.difference().found()).isEqualTo("columns id");
        });
        assertThat(listener.events(DriftLetThrough.class))
                .singleElement()
                .satisfies(e -> assertThat(e.differences()).isEqualTo(1));
        assertThat(listener.lines)
                .contains(
                        "WARN Drift: table audit_log exists but no migration created it (found columns id)",
                        "WARN Drift is let through, not accepted: the snapshot this run records keeps this"
                                + " difference, so later checks still report it until the schema is put back or the"
                                + " live schema is accepted as the reference (acceptDrift).");

        RecordingListener validation = new RecordingListener();
        Tidemark.configure()
                .dataSource(db)
                .manifests(two)
                .drift(DriftMode.WARN)
                .listener(validation)
                .load()
                .validate();
        assertThat(validation.events(ValidationWarning.class))
                .extracting(ValidationWarning::message)
                .containsExactly("Drift: table audit_log exists but no migration created it (found columns id)");
    }

    @Test
    void driftCheckSkipped_saysWhy(TestDatabase db) {
        tidemark(db, new RecordingListener(), TestManifest.of(sql("1", "create users", USERS)))
                .migrate();
        db.execute("DELETE FROM tidemark_history_snapshot");
        RecordingListener listener = new RecordingListener();

        tidemark(db, listener, TestManifest.of(sql("1", "create users", USERS), sql("2", "create orders", ORDERS)))
                .migrate();

        assertThat(listener.events(DriftCheckSkipped.class))
                .extracting(DriftCheckSkipped::reason)
                .containsExactly("no schema snapshot is recorded yet, so drift cannot be checked; the next migrate or"
                        + " baseline records one");
        assertThat(listener.lines)
                .contains("INFO Drift check skipped: no schema snapshot is recorded yet, so drift cannot be checked;"
                        + " the next migrate or baseline records one.");
    }

    @Test
    void baselineWithoutVersion_explainsWhichVersionItFound(TestDatabase db) {
        db.execute(USERS);
        RecordingListener listener = new RecordingListener();

        BaselineResult result = tidemark(db, listener, twoReversible()).baseline();

        assertThat(result.version()).hasToString("1");
        assertThat(listener.events(BaselineSearchStarted.class))
                .singleElement()
                .satisfies(e -> assertThat(e.migrations()).isEqualTo(2));
        BaselineFound found = listener.events(BaselineFound.class).get(0);
        assertThat(found.version()).hasToString("1");
        assertThat(found.temporaryDatabase()).isNotBlank();
        assertThat(listener.lines)
                .contains(
                        "INFO Replaying 2 migrations into a temporary database to find the version schema public is"
                                + " at.",
                        "INFO Schema public matches version 1 exactly (replayed into the temporary database "
                                + found.temporaryDatabase() + ", dropped since).",
                        "INFO Baselined schema public at version 1: 1 migration of the code count as applied; later"
                                + " ones run on the next migrate");
    }

    @Test
    void rehearse_reportsEachStep(TestDatabase db) {
        RecordingListener listener = new RecordingListener();

        tidemark(db, listener, twoReversible()).rehearse();

        assertThat(listener.events(RehearsalStepped.class))
                .extracting(e -> e.step().version() + " " + e.step().outcome())
                .containsExactly("1 SUCCEEDED", "2 SUCCEEDED");
        assertThat(listener.lines).contains("DEBUG Rehearsed version 1 (create users): succeeded");
        assertThat(listener.lines).anyMatch(line -> line.startsWith("INFO Rehearsal passed: nothing was applied"));
    }

    @Test
    void roundTrip_saysWhereItRuns(TestDatabase db) {
        RecordingListener listener = new RecordingListener();

        tidemark(db, listener, twoReversible()).roundTrip();

        RoundTripStarted started = listener.events(RoundTripStarted.class).get(0);
        assertThat(started.migrations()).isEqualTo(2);
        assertThat(listener.lines)
                .contains("INFO Round-trip test of 2 migrations in the temporary database "
                        + started.temporaryDatabase() + ": up, down, up again, comparing the schema after each.");
    }

    @Test
    void repair_reportsEachChange(TestDatabase db) {
        tidemark(db, new RecordingListener(), TestManifest.of(sql("1", "create users", USERS)))
                .migrate();
        RecordingListener listener = new RecordingListener();

        tidemark(db, listener, TestManifest.of(sql("1", "create the users", USERS)))
                .repair();

        assertThat(listener.events(RepairMade.class))
                .singleElement()
                .satisfies(e -> assertThat(e.action().kind()).isEqualTo(RepairResult.Kind.REALIGNED_DESCRIPTION));
        assertThat(listener.lines)
                .contains(
                        "INFO Repaired version 1: Realigned the description of migration 1 from 'create users' to"
                                + " 'create the users'.",
                        "INFO Made 1 repair to the history of schema public");
    }

    @Test
    void connectRetrying_namesTheDatabaseWithoutItsPassword() {
        RecordingListener listener = new RecordingListener();
        List<String> applicationLog = new ArrayList<>();

        assertThatThrownBy(() -> Tidemark.configure()
                        .url("jdbc:postgresql://127.0.0.1:25490/nowhere?user=someone&password=Hidden-4Rt")
                        .manifests(TestManifest.of(sql("1", "create users", USERS)))
                        .connectRetries(1)
                        .connectRetryInterval(Duration.ofMillis(10))
                        .listener(event -> {
                            listener.on(event);
                            TidemarkListener.infoAndWarnings(applicationLog::add)
                                    .on(event);
                        })
                        .load()
                        .migrate())
                .isInstanceOf(TidemarkException.class);

        ConnectRetrying retrying = listener.events(ConnectRetrying.class).get(0);
        assertThat(retrying.attempt()).isEqualTo(1);
        assertThat(retrying.attempts()).isEqualTo(2);
        assertThat(retrying.database()).contains("127.0.0.1:25490").doesNotContain("Hidden-4Rt");
        assertThat(applicationLog).singleElement().asString().startsWith("Cannot connect to ");
        assertThat(listener.all()).doesNotContain("Hidden-4Rt");
    }
}
