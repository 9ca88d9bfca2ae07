package dev.tidemark;

import static dev.tidemark.LockTest.THIS_DATABASE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.spi.MigrationEntry;
import dev.tidemark.spi.MigrationManifest;
import dev.tidemark.testing.ChildJvm;
import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.TestDatabase;
import dev.tidemark.testing.TestManifest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** A migrating JVM killed with SIGKILL halfway leaves no trace, no lock, and nothing to clean up. */
@NeedsPostgres
class CrashTest {

    static final String APPLICATION = "tidemark-crash-test";
    static final String SLEEP_PROPERTY = "tidemark.test.sleepSeconds";

    static MigrationManifest manifest() {
        String slow = "CREATE TABLE half_done (id int); INSERT INTO half_done VALUES (1); SELECT pg_sleep(%d)";
        return TestManifest.of(
                TestManifest.sql("1", "quick", "CREATE TABLE quick (id int)"),
                new MigrationEntry(
                        "2",
                        "slow",
                        "test.Slow",
                        TestManifest.checksum(slow),
                        true,
                        false,
                        () -> db -> db.execute(slow.formatted(Integer.getInteger(SLEEP_PROPERTY, 0)))));
    }

    /** The migrating JVM: migrates the database at {@code args[0]}. */
    public static void main(String[] args) {
        Tidemark.configure()
                .url(args[0])
                .applicationName(APPLICATION)
                .manifests(manifest())
                .load()
                .migrate();
    }

    @Test
    void killedMigratorLeavesNoTraceAndTheNextRunAppliesIt(TestDatabase db) throws Exception {
        Process child = ChildJvm.start(
                CrashTest.class, "tidemark-crash-child.log", List.of("-D" + SLEEP_PROPERTY + "=600"), db.url());
        try {
            awaitTrue(
                    "the child to reach pg_sleep",
                    Duration.ofSeconds(60),
                    () -> "1"
                            .equals(db.queryValue(
                                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = '"
                                            + APPLICATION
                                            + "' AND query LIKE 'SELECT pg_sleep(600)%' AND state = 'active'")));
            assertThat(db.queryValue(
                            // The migration lock (a bigint key); the lock session also holds its run's own key.
                            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 1 AND granted"
                                    + " AND database = "
                                    + THIS_DATABASE))
                    .isEqualTo("1");
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        // client_connection_check_interval lets the server notice the dead client within seconds.
        awaitTrue(
                "the server to end the killed migrator's sessions",
                Duration.ofSeconds(30),
                () -> "0"
                        .equals(db.queryValue(
                                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = '"
                                        + APPLICATION + "'")));
        assertThat(db.queryValue(
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = " + THIS_DATABASE))
                .isEqualTo("0");
        assertThat(db.tableExists("public", "half_done")).isFalse();
        assertThat(db.query("SELECT version, success FROM tidemark_history ORDER BY installed_rank"))
                .containsExactly(List.of("1", "t"));

        MigrateResult next = Tidemark.configure()
                .dataSource(db)
                .manifests(manifest())
                .lockWait(Duration.ofSeconds(5))
                .load()
                .migrate();
        assertThat(next.applied()).extracting(a -> a.version().toString()).containsExactly("2");
        assertThat(db.queryValue("SELECT count(*) FROM half_done")).isEqualTo("1");
    }

    static void awaitTrue(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("gave up waiting " + limit.toSeconds() + " s for " + what);
            }
            Thread.sleep(100);
        }
    }
}
