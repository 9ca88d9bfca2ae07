package dev.tidemark.maven;

import static dev.tidemark.maven.Fixtures.migration;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.AppliedMigration;
import dev.tidemark.LockHolder;
import dev.tidemark.MigrationVersion;
import dev.tidemark.StatementProgress;
import dev.tidemark.TidemarkEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressListenerTest {

    private final RecordingOutput output = new RecordingOutput();
    private final ProgressListener listener = new ProgressListener(output);

    @Test
    void migration_startAndEnd_areShownAtInfoWithItsTime() {
        listener.on(new TidemarkEvent.MigrationStarted("public", migration("3", "index orders", false)));
        listener.on(new TidemarkEvent.MigrationApplied(
                new AppliedMigration(migration("3", "index orders", false), Duration.ofMillis(45))));
        listener.on(new TidemarkEvent.MigrationApplied(
                new AppliedMigration(migration("4", "add email", true), Duration.ofMillis(2300))));

        assertThat(output.lines)
                .containsExactly(
                        "INFO Migrating public to version 3 - index orders [non-transactional]",
                        "INFO Applied version 3 (index orders) (not in a transaction) in 45 ms",
                        "INFO Applied version 4 (add email) in 2.3 s");
    }

    @Test
    void baselineFound_explanationIsShownAtInfo() {
        listener.on(new TidemarkEvent.BaselineFound(
                "public",
                MigrationVersion.parse("2"),
                "tidemark_shadow_1",
                List.of(MigrationVersion.parse("1"), MigrationVersion.parse("2"))));

        assertThat(output.lines)
                .containsExactly("INFO Schema public matches version 2 exactly (replayed into the temporary database"
                        + " tidemark_shadow_1, dropped since) (versions 1, 2 leave the same schema: the newest is"
                        + " taken).");
    }

    @Test
    void lockWaiting_warnsOncePerHolder() {
        LockHolder holder = new LockHolder(
                4242, "tidemark", "deploy", "10.0.0.7:5000", Instant.parse("2026-11-24T10:00:00Z"), "active", "x");

        listener.on(new TidemarkEvent.LockWaiting("\"public\".\"tidemark_history\"", holder));
        listener.on(new TidemarkEvent.LockWaiting("\"public\".\"tidemark_history\"", holder));

        String line = "Waiting for the migration lock on \"public\".\"tidemark_history\", held by pid 4242, application"
                + " 'tidemark', user deploy, client 10.0.0.7:5000, connected since 2026-11-24T10:00:00Z, active";
        assertThat(output.lines).containsExactly("WARN " + line, "DEBUG " + line);
    }

    @Test
    void statementRunning_isShownAtInfoWithWhatItWaitsOn() {
        listener.on(new TidemarkEvent.StatementRunning(new StatementProgress(
                migration("5", "add note", true),
                1,
                "ALTER TABLE orders ADD COLUMN note text",
                Duration.ofSeconds(20),
                "Lock",
                "relation",
                List.of(new StatementProgress.Blocker(
                        4242, "nightly-report", "idle in transaction", "LOCK TABLE orders")),
                null)));

        assertThat(output.lines)
                .containsExactly("INFO Migration 5 'add note', statement 1, has run for 20.0 s: waiting for a lock"
                        + " (Lock:relation) held by pid 4242 (application 'nightly-report', idle in transaction, last"
                        + " statement: LOCK TABLE orders). Statement: ALTER TABLE orders ADD COLUMN note text");
    }

    @Test
    void levels_areKept_andTheFinishedResultIsLeftToTheGoal() {
        listener.on(new TidemarkEvent.ValidationWarning("w"));
        listener.on(new TidemarkEvent.Diagnostic("d"));
        listener.on(new TidemarkEvent.CommandFinished(new Object()));

        assertThat(output.lines).containsExactly("WARN w", "DEBUG d");
    }
}
