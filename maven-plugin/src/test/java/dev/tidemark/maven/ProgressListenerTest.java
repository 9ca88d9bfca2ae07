package dev.tidemark.maven;

import static dev.tidemark.maven.Fixtures.migration;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.AppliedMigration;
import dev.tidemark.LockHolder;
import dev.tidemark.StatementProgress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressListenerTest {

    private final RecordingOutput output = new RecordingOutput();
    private final ProgressListener listener = new ProgressListener(output);

    @Test
    void migrationApplied_printsOneLineWithItsTime() {
        listener.migrationStarting(migration("3", "index orders", false));
        listener.migrationApplied(new AppliedMigration(migration("3", "index orders", false), Duration.ofMillis(45)));
        listener.migrationApplied(new AppliedMigration(migration("4", "add email", true), Duration.ofMillis(2300)));

        assertThat(output.lines)
                .containsExactly(
                        "DEBUG Applying version 3 (index orders) (not in a transaction)",
                        "INFO Applied version 3 (index orders) (not in a transaction) in 45 ms",
                        "INFO Applied version 4 (add email) in 2.3 s");
    }

    @Test
    void migrationApplied_withInfoHidden_buildsNoLine() {
        output.infoEnabled = false;

        listener.migrationApplied(new AppliedMigration(migration("4", "add email", true), Duration.ofMillis(2300)));

        assertThat(output.lines).isEmpty();
    }

    @Test
    void waitingForLock_warnsOncePerHolder() {
        LockHolder holder = new LockHolder(
                4242, "tidemark", "deploy", "10.0.0.7:5000", Instant.parse("2026-11-24T10:00:00Z"), "active", "x");

        listener.waitingForLock(holder);
        listener.waitingForLock(holder);

        assertThat(output.lines)
                .containsExactly(
                        "WARN Waiting for the migration lock, held by pid 4242, application 'tidemark', user deploy,"
                                + " client 10.0.0.7:5000, connected since 2026-11-24T10:00:00Z, active",
                        "DEBUG Waiting for the migration lock, held by pid 4242, application 'tidemark', user deploy,"
                                + " client 10.0.0.7:5000, connected since 2026-11-24T10:00:00Z, active");
    }

    @Test
    void statementRunning_isShownAtInfoWithWhatItWaitsOn() {
        listener.statementRunning(new StatementProgress(
                migration("5", "add note", true),
                1,
                "ALTER TABLE orders ADD COLUMN note text",
                Duration.ofSeconds(20),
                "Lock",
                "relation",
                List.of(new StatementProgress.Blocker(
                        4242, "nightly-report", "idle in transaction", "LOCK TABLE orders")),
                null));

        assertThat(output.lines)
                .containsExactly("INFO Migration 5 'add note', statement 1, has run for 20.0 s: waiting for a lock"
                        + " (Lock:relation) held by pid 4242 (application 'nightly-report', idle in transaction, last"
                        + " statement: LOCK TABLE orders). Statement: ALTER TABLE orders ADD COLUMN note text");
    }

    @Test
    void messages_runtimeInfoGoesToDebugBecauseTheGoalPrintsTheResult() {
        listener.info("i");
        listener.warn("w");
        listener.debug("d");

        assertThat(output.lines).containsExactly("DEBUG i", "WARN w", "DEBUG d");
    }
}
