package dev.tidemark.fault;

import static dev.tidemark.fault.Scenario.arm;
import static dev.tidemark.fault.Scenario.assertConverges;
import static dev.tidemark.fault.Scenario.assertNotHalfApplied;
import static dev.tidemark.fault.Scenario.await;
import static dev.tidemark.fault.Scenario.history;
import static dev.tidemark.fault.Scenario.manifest;
import static dev.tidemark.fault.Scenario.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tidemark.MigrateResult;
import dev.tidemark.Tidemark;
import dev.tidemark.TidemarkException;
import dev.tidemark.spi.MigrationEntry;
import dev.tidemark.testing.RecordingListener;
import dev.tidemark.testing.TestDatabase;
import dev.tidemark.testing.TestManifest;
import dev.tidemark.testing.ThrowawayClusterExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The server crashes ({@code pg_ctl stop -m immediate}) in the middle of a migrate, on a throwaway
 * cluster of this class's own (port 55434), then starts again and recovers: the database is not
 * half-applied, and the next run converges.
 */
class ServerCrashTest {

    static final int PORT = 55434;
    static final String APPLICATION = "tidemark-crash";

    @RegisterExtension
    static final ThrowawayClusterExtension CLUSTER = new ThrowawayClusterExtension(PORT);

    /** Runs migrate in the background, crashes the server once {@code ready} holds, and starts it again. */
    private static TidemarkException crashWhen(
            TestDatabase db,
            TestManifest manifest,
            RecordingListener listener,
            java.util.function.BooleanSupplier ready)
            throws Exception {
        CompletableFuture<TidemarkException> run = CompletableFuture.supplyAsync(() -> catchThrowableOfType(
                TidemarkException.class,
                () -> Tidemark.configure()
                        .url(db.url())
                        .applicationName(APPLICATION)
                        .manifests(manifest)
                        .listener(listener)
                        .load()
                        .migrate()));
        try {
            await("the point to crash at", ready);
            CLUSTER.get().crash();
            return run.get(60, TimeUnit.SECONDS);
        } finally {
            CLUSTER.get().start();
        }
    }

    @Test
    void crashDuringMigration_transactional() throws Exception {
        crashDuringMigration(true);
    }

    @Test
    @Disabled("15.2 (resume): a non-transactional migration is recorded as started before its first statement;"
            + " today the crash leaves two_a behind with no history row")
    void crashDuringMigration_nonTransactional() throws Exception {
        crashDuringMigration(false);
    }

    private static void crashDuringMigration(boolean transactional) throws Exception {
        TestDatabase db = CLUSTER.get().createDatabase();
        arm(db, 600);
        TestManifest manifest = manifest(transactional, Scenario.SLEEP);
        RecordingListener listener = new RecordingListener();
        TidemarkException failure = crashWhen(db, manifest, listener, running(db, APPLICATION, "SELECT pg_sleep("));
        assertThat(failure).isNotNull();
        // TODO(21.1-21.2, truth): the message says the server went away, not that migration 2 is wrong,
        // and states the version read back after reconnecting; assert on it here.
        // TODO(21.3, truth): a crash may take away commits reported as "Applied" before it (the run
        // commits asynchronously until its last commit): the run then says which reported versions
        // were lost. Assert then that every "APPLIED" line not withdrawn has its successful row.
        assertNotHalfApplied(db);
        assertConverges(db, manifest);
    }

    /**
     * A crash at a random moment of a run of many small migrations, each in its own transaction
     * with its history row: whatever the crash leaves, every table has its row and every row its
     * table, and the next run applies the rest.
     */
    @Test
    void crashAtARandomPointOfManyMigrations_leavesWholeMigrationsOnly() throws Exception {
        TestDatabase db = CLUSTER.get().createDatabase();
        int count = 200;
        List<MigrationEntry> entries = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            entries.add(TestManifest.sql(String.valueOf(i), "t" + i, "CREATE TABLE t" + i + " (id int)"));
        }
        TestManifest manifest = TestManifest.of(entries.toArray(new MigrationEntry[0]));
        int crashAfter = ThreadLocalRandom.current().nextInt(1, count / 2);
        RecordingListener listener = new RecordingListener();
        TidemarkException failure = crashWhen(
                db,
                manifest,
                listener,
                () -> listener.lines.stream()
                                .filter(line -> line.startsWith("APPLIED "))
                                .count()
                        >= crashAfter);
        List<String> rows = history(db);
        for (int i = 1; i <= count; i++) {
            assertThat(db.tableExists("public", "t" + i)).as("table t" + i).isEqualTo(rows.contains(i + ":t"));
        }
        // TODO(21.3, truth): with asynchronous commits, a crash may take away commits already reported
        // as applied; the run then says which reported versions were lost. Assert that every "APPLIED"
        // line not so withdrawn has its row.
        MigrateResult next =
                Tidemark.configure().dataSource(db).manifests(manifest).load().migrate();
        assertThat(next.currentVersion()).hasToString(String.valueOf(count));
        assertThat(history(db)).hasSize(count);
    }
}
