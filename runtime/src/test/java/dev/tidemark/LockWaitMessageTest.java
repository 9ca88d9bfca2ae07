package dev.tidemark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.RecordingListener;
import dev.tidemark.testing.TestDatabase;
import dev.tidemark.testing.TestManifest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What a run waiting for another run's migration lock is told about the holder. */
@NeedsPostgres
class LockWaitMessageTest {

    @Test
    void lockWait_behindARunningMigrate_explainsTheIdleHolder(TestDatabase db) throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TestManifest manifest = TestManifest.of(TestManifest.java("1", "wait", context -> {
            running.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        Tidemark first = Tidemark.configure()
                .dataSource(db)
                .applicationName("deploy-first")
                .manifests(manifest)
                .load();
        CompletableFuture<MigrateResult> firstRun = CompletableFuture.supplyAsync(first::migrate);
        try {
            assertThat(running.await(60, TimeUnit.SECONDS)).isTrue();
            RecordingListener listener = new RecordingListener();
            LockWaitTimeoutException failure = catchThrowableOfType(
                    LockWaitTimeoutException.class,
                    () -> Tidemark.configure()
                            .dataSource(db)
                            .manifests(manifest)
                            .lockWait(Duration.ofMillis(300))
                            .listener(listener)
                            .load()
                            .migrate());

            assertThat(failure.holder().applicationName()).isEqualTo("deploy-first");
            assertThat(failure.holder().state()).isEqualTo("idle");
            assertThat(failure.getMessage())
                    .contains(", application 'deploy-first', user postgres")
                    .contains(", idle (between two statements of its run: the lock is held by the session, not by a"
                            + " statement, and a run keeps that session idle while its migrations run on a second"
                            + " one)");
        } finally {
            release.countDown();
        }
        assertThat(firstRun.get(60, TimeUnit.SECONDS).applied()).hasSize(1);
    }

    @Test
    void lockWait_interrupted_throwsTheLockWaitExceptionSayingItWasInterrupted(TestDatabase db) throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TestManifest manifest = TestManifest.of(TestManifest.java("1", "hold", context -> {
            running.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        CompletableFuture<MigrateResult> firstRun = CompletableFuture.supplyAsync(
                Tidemark.configure().dataSource(db).manifests(manifest).load()::migrate);
        try {
            assertThat(running.await(60, TimeUnit.SECONDS)).isTrue();
            CountDownLatch waiting = new CountDownLatch(1);
            CompletableFuture<Throwable> second = new CompletableFuture<>();
            Thread waiter = new Thread(() -> {
                try {
                    Tidemark.configure()
                            .dataSource(db)
                            .manifests(manifest)
                            .lockWait(Duration.ofMinutes(5))
                            .listener(event -> {
                                if (event instanceof TidemarkEvent.LockWaiting) {
                                    waiting.countDown();
                                }
                            })
                            .load()
                            .migrate();
                    second.complete(null);
                } catch (Throwable e) {
                    second.complete(e);
                }
            });
            waiter.start();
            assertThat(waiting.await(60, TimeUnit.SECONDS)).isTrue();
            waiter.interrupt();

            Throwable failure = second.get(60, TimeUnit.SECONDS);
            assertThat(failure).isInstanceOf(LockWaitTimeoutException.class);
            LockWaitTimeoutException lockWait = (LockWaitTimeoutException) failure;
            assertThat(lockWait.code()).isEqualTo(ErrorCode.LOCK_WAIT_TIMEOUT);
            assertThat(lockWait.interrupted()).isTrue();
            assertThat(lockWait.getMessage())
                    .startsWith("[TM-R030] Interrupted while waiting for the migration lock on ")
                    .contains("\nNothing was done; the database is unchanged.\n")
                    .contains("lockWait(Duration)");
        } finally {
            release.countDown();
        }
        assertThat(firstRun.get(60, TimeUnit.SECONDS).applied()).hasSize(1);
    }
}
