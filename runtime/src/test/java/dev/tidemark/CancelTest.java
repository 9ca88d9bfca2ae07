package dev.tidemark;

import static dev.tidemark.CrashTest.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tidemark.spi.MigrationEntry;
import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.TestDatabase;
import dev.tidemark.testing.TestManifest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@link Tidemark#cancel()} stops a running migrate: the statement is cancelled, nothing further starts. */
@NeedsPostgres
class CancelTest {

    static final String APPLICATION = "tidemark-cancel-test";

    @Test
    void cancelDuringATransactionalStatement_rollsItBack_andSaysTheRunWasAskedToStop(TestDatabase db) throws Exception {
        Tidemark tidemark = Tidemark.configure()
                .dataSource(db)
                .applicationName(APPLICATION)
                .statementTimeout(Duration.ofMinutes(30))
                .manifests(TestManifest.of(
                        TestManifest.sql("1", "one", "CREATE TABLE one (id int)"),
                        TestManifest.sql("2", "slow", "CREATE TABLE slow (id int); SELECT pg_sleep(600)")))
                .load();
        CompletableFuture<MigrationFailedException> run = CompletableFuture.supplyAsync(
                () -> catchThrowableOfType(MigrationFailedException.class, tidemark::migrate));
        awaitSleeping(db);

        assertThat(tidemark.cancel()).isTrue();
        MigrationFailedException failure = run.get(60, TimeUnit.SECONDS);

        assertThat(failure.code()).isEqualTo(ErrorCode.INTERRUPTED);
        assertThat(failure.getMessage())
                .startsWith("[TM-R050] The run was asked to stop while migration 2 'slow' (test.V2) ran; its statement"
                        + " was cancelled.\nMigration 2 'slow' (test.V2) failed and was rolled back.")
                .contains("SQLSTATE 57014")
                .doesNotContain("statementTimeout")
                .endsWith("\nRun migrate() again to apply it and the rest.");
        assertThat(db.tableExists("public", "slow")).isFalse();
        assertThat(db.query("SELECT version FROM tidemark_history")).containsExactly(List.of("1"));
    }

    @Test
    void cancelBetweenTwoMigrations_startsNoFurtherMigration(TestDatabase db) {
        AtomicReference<Tidemark> self = new AtomicReference<>();
        MigrationEntry cancelling = new MigrationEntry(
                "1", "cancels", "test.Cancels", TestManifest.checksum("cancels"), true, false, () -> context -> {
                    context.execute("CREATE TABLE one (id int)");
                    self.get().cancel();
                });
        Tidemark tidemark = Tidemark.configure()
                .dataSource(db)
                .manifests(TestManifest.of(cancelling, TestManifest.sql("2", "two", "CREATE TABLE two (id int)")))
                .load();
        self.set(tidemark);

        TidemarkException stopped = catchThrowableOfType(TidemarkException.class, tidemark::migrate);

        assertThat(stopped.code()).isEqualTo(ErrorCode.INTERRUPTED);
        assertThat(stopped.getMessage())
                .isEqualTo("[TM-R050] The run was asked to stop before migration 2 'two' (test.V2) started; nothing of"
                        + " it ran.\n1 migration was applied in this run; the database is at version 1.\nRun migrate()"
                        + " again to apply the rest.");
        assertThat(db.tableExists("public", "two")).isFalse();
        assertThat(db.query("SELECT version, success FROM tidemark_history")).containsExactly(List.of("1", "t"));
    }

    /** Waits until a migration's {@code SELECT pg_sleep(600)} runs in {@code db}. */
    static void awaitSleeping(TestDatabase db) throws InterruptedException {
        awaitTrue(
                "the migration to sleep",
                Duration.ofSeconds(60),
                () -> "1"
                        .equals(db.queryValue("SELECT count(*) FROM pg_stat_activity WHERE query LIKE"
                                + " 'SELECT pg_sleep(600)%' AND state = 'active' AND datname = current_database()")));
    }
}
