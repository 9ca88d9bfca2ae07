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

import dev.tidemark.ErrorCode;
import dev.tidemark.MigrateResult;
import dev.tidemark.Tidemark;
import dev.tidemark.TidemarkException;
import dev.tidemark.spi.MigrationEntry;
import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.RecordingListener;
import dev.tidemark.testing.TestDatabase;
import dev.tidemark.testing.TestManifest;
import dev.tidemark.testing.ThrowawayClusterExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The server crashes ({@code pg_ctl stop -m immediate}) in the middle of a migrate, on a throwaway
 * cluster of this class's own (port 25434), then starts again and recovers: the database is not
 * half-applied, and the next run converges.
 */
@NeedsPostgres
class ServerCrashTest {

    static final int PORT = 25434;
    static final String APPLICATION = "tidemark-crash";

    @RegisterExtension
    static final ThrowawayClusterExtension CLUSTER = new ThrowawayClusterExtension(PORT);

    /**
     * Runs migrate in the background, crashes the server once {@code ready} holds, and starts it
     * again at once, while the run retries to connect, to read the history back.
     */
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
                        .connectRetries(6)
                        .connectRetryInterval(Duration.ofMillis(500))
                        .load()
                        .migrate()));
        boolean started = false;
        try {
            await("the point to crash at", ready);
            CLUSTER.get().crash();
            CLUSTER.get().start();
            started = true;
            return run.get(60, TimeUnit.SECONDS);
        } finally {
            if (!started) {
                CLUSTER.get().start();
            }
        }
    }

    /**
     * The versions a failed run says it reported applied but lost to the crash: {@code "… 3, 4 were
     * lost …"} in a TM-R103 message.
     */
    private static List<String> lost(TidemarkException failure) {
        Matcher lost = Pattern.compile("(?:durable, and |applied, )([0-9., ]+) (?:was|were) lost")
                .matcher(failure.getMessage());
        return lost.find() ? List.of(lost.group(1).split(", ")) : List.of();
    }

    /** Every version the listener heard applied has its row, unless the failure says it was lost. */
    private static void assertAppliedLinesTrue(RecordingListener listener, TidemarkException failure, TestDatabase db) {
        List<String> rows = history(db);
        List<String> lost = lost(failure);
        for (String line : listener.lines) {
            if (line.startsWith("APPLIED ")) {
                String version = line.substring("APPLIED ".length());
                assertThat(rows.contains(version + ":t"))
                        .as("version " + version + " reported applied: row present unless reported lost " + lost)
                        .isNotEqualTo(lost.contains(version));
            }
        }
    }

    @Test
    void crashDuringMigration_transactional() throws Exception {
        crashDuringMigration(true);
    }

    @Test
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
        if (transactional) {
            assertThat(failure.code()).isEqualTo(ErrorCode.CONNECTION_LOST);
            assertThat(failure.getMessage())
                    .contains("Migration 2 'two' (test.V2) did not finish: ")
                    .contains("This is a failure of the connection or the server, not of migration 2.")
                    .contains("the history has no row of migration 2: its transaction was not committed")
                    .doesNotContain("Fix migration");
            assertAppliedLinesTrue(listener, failure, db);
        }
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
        // With asynchronous commits the crash may take commits reported applied away: the failure says
        // which, read back after the restart, and every other reported version has its row.
        // Between two migrations the lock check may notice first that the lock session is gone (TM-R031);
        // either failure says which reported versions the crash erased.
        assertThat(failure.code()).isIn(ErrorCode.CONNECTION_LOST, ErrorCode.LOCK_LOST);
        assertThat(failure.getMessage()).contains("Of the versions this run reported applied, ");
        assertAppliedLinesTrue(listener, failure, db);
        MigrateResult next =
                Tidemark.configure().dataSource(db).manifests(manifest).load().migrate();
        assertThat(next.currentVersion()).hasToString(String.valueOf(count));
        assertThat(history(db)).hasSize(count);
    }
}
