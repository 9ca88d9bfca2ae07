package dev.tidemark;

import static dev.tidemark.LockTest.THIS_DATABASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tidemark.spi.MigrationEntry;
import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.RecordingListener;
import dev.tidemark.testing.TestDatabase;
import dev.tidemark.testing.TestManifest;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The session holding the migration lock can end in the middle of a run (a proxy's idle timeout,
 * a terminated server process), after which a second migrator could take the lock: the run stops
 * before the next migration, and says what it applied, confirmed in the history.
 */
@NeedsPostgres
public class LockLossTest {

    /**
     * Ends the lock session's server process, from a migration, and waits until it is gone, so
     * that the loss is found before the next migration.
     */
    public static final String TERMINATE_LOCK_SESSION = "SELECT pg_terminate_backend(pid, 10000) FROM pg_locks"
            + " WHERE locktype = 'advisory' AND objsubid = 1 AND granted AND pid <> pg_backend_pid() AND database = "
            + THIS_DATABASE
            + " AND current_setting('fault.end_lock', true) = 'on'";

    /** Makes {@link #TERMINATE_LOCK_SESSION} end the lock session, in the sessions opened from now on. */
    public static void armLockEnd(TestDatabase db) {
        db.execute("ALTER DATABASE " + db.name() + " SET fault.end_lock = 'on'");
    }

    /** Makes {@link #TERMINATE_LOCK_SESSION} do nothing, so that a rerun of the same migrations converges. */
    public static void disarmLockEnd(TestDatabase db) {
        db.execute("ALTER DATABASE " + db.name() + " RESET fault.end_lock");
    }

    static TestManifest manifest(boolean transactional) {
        String two = "CREATE TABLE two (id int)";
        return TestManifest.of(
                TestManifest.sql("1", "one", "CREATE TABLE one (id int)"),
                new MigrationEntry(
                        "2",
                        "two",
                        "test.V2",
                        TestManifest.checksum(two + TERMINATE_LOCK_SESSION),
                        transactional,
                        false,
                        () -> context -> {
                            context.execute(two);
                            context.execute(TERMINATE_LOCK_SESSION);
                        }),
                TestManifest.sql("3", "three", "CREATE TABLE three (id int)"));
    }

    @ParameterizedTest(name = "transactional = {0}")
    @ValueSource(booleans = {true, false})
    void lockSessionEnded_nothingCommitsWithoutTheLockAndTheMessageSaysWhatWasApplied(
            boolean transactional, TestDatabase db) {
        armLockEnd(db);
        RecordingListener listener = new RecordingListener();
        TidemarkException failure = catchThrowableOfType(
                TidemarkException.class,
                () -> Tidemark.configure()
                        .dataSource(db)
                        .manifests(manifest(transactional))
                        .listener(listener)
                        .load()
                        .migrate());

        assertThat(failure.code()).isEqualTo(ErrorCode.LOCK_LOST);
        // Migration 2 ends the lock session. A transactional 2 is refused its commit; a
        // non-transactional 2 runs in auto-commit, and 3 is the first migration refused its commit.
        String refused = transactional ? "2 'two' (test.V2)" : "3 'three' (test.V3)";
        assertThat(failure.getMessage())
                .startsWith("[TM-R031] The migration lock on public.tidemark_history was lost before migration "
                        + refused + " could commit: the server process ")
                .contains(" no longer holds it (its session ended), and another migrator may take the lock now.\n"
                        + "Migration " + refused.substring(0, 1) + " was rolled back with its history row; the history,"
                        + " read back after the rollback, says the database is at version "
                        + (transactional ? "1" : "2") + ".\n"
                        + "Applied in this run, and found in public.tidemark_history just now: "
                        + (transactional ? "1" : "1, 2") + ". Nothing of any later migration was started.\n"
                        + "Run migrate again: it takes the lock afresh and applies what is left");
        assertThat(listener.lines).contains("APPLIED 1").doesNotContain("APPLIED " + refused.substring(0, 1));
        if (transactional) {
            assertThat(listener.lines).doesNotContain("START 3");
        }
        assertThat(db.tableExists("public", transactional ? "two" : "three")).isFalse();
        assertThat(db.query("SELECT version, success FROM tidemark_history ORDER BY installed_rank"))
                .containsExactlyElementsOf(
                        transactional ? List.of(List.of("1", "t")) : List.of(List.of("1", "t"), List.of("2", "t")));

        disarmLockEnd(db);
        MigrateResult next = Tidemark.configure()
                .dataSource(db)
                .manifests(manifest(transactional))
                .load()
                .migrate();
        assertThat(next.applied())
                .extracting(a -> a.version().toString())
                .containsExactlyElementsOf(transactional ? List.of("2", "3") : List.of("3"));
    }
}
