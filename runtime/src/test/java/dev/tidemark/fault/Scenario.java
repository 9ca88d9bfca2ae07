package dev.tidemark.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.MigrateResult;
import dev.tidemark.Tidemark;
import dev.tidemark.TidemarkListener;
import dev.tidemark.spi.MigrationEntry;
import dev.tidemark.testing.TestDatabase;
import dev.tidemark.testing.TestManifest;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The migrations every fault case runs, and what must hold afterwards. Migration 2, transactional
 * or not, creates {@code two_a}, meets the fault, then creates {@code two_b}; migrations 1 and 3
 * create {@code one} and {@code three}.
 */
final class Scenario {

    /**
     * The statement a fault is injected during: it sleeps as long as the database's {@code
     * fault.sleep} says ({@link #arm}), and not at all once that is reset, so that the next run of
     * the same migration, with the same checksum, goes through.
     */
    static final String SLEEP =
            "SELECT pg_sleep(coalesce(nullif(current_setting('fault.sleep', true), ''), '0')::float)";

    private Scenario() {}

    /** Migrations 1-3, with {@code fault} between migration 2's two statements. */
    static TestManifest manifest(boolean transactional, String fault) {
        String two = "CREATE TABLE two_a (id int);\n" + fault + ";\nCREATE TABLE two_b (id int)";
        return TestManifest.of(
                TestManifest.sql("1", "one", "CREATE TABLE one (id int)"),
                transactional ? TestManifest.sql("2", "two", two) : TestManifest.nonTransactional("2", "two", two),
                TestManifest.sql("3", "three", "CREATE TABLE three (id int)"));
    }

    /** Makes {@link #SLEEP} sleep {@code seconds} in new sessions of {@code db}. */
    static void arm(TestDatabase db, int seconds) {
        db.execute("ALTER DATABASE " + db.name() + " SET fault.sleep = '" + seconds + "'");
    }

    /** Makes {@link #SLEEP} return at once in new sessions. */
    static void disarm(TestDatabase db) {
        db.execute("ALTER DATABASE " + db.name() + " RESET fault.sleep");
    }

    /** The history's rows as {@code version:success}, in order. */
    static List<String> history(TestDatabase db) {
        if (!db.tableExists("public", "tidemark_history")) {
            return List.of();
        }
        return db
                .query(
                        "SELECT version || ':' || CASE WHEN success THEN 't' ELSE 'f' END FROM tidemark_history ORDER BY installed_rank")
                .stream()
                .map(row -> row.get(0))
                .toList();
    }

    /**
     * Never half-applied, or the half recorded as such: each transactional table exists exactly when
     * its migration's successful row does; a partly applied non-transactional migration 2 has a row
     * that is not a success.
     */
    static void assertNotHalfApplied(TestDatabase db) {
        List<String> history = history(db);
        assertThat(db.tableExists("public", "one")).isEqualTo(history.contains("1:t"));
        assertThat(db.tableExists("public", "three")).isEqualTo(history.contains("3:t"));
        boolean a = db.tableExists("public", "two_a");
        boolean b = db.tableExists("public", "two_b");
        if (a && b) {
            assertThat(history).as("both of migration 2's tables exist").contains("2:t");
        } else if (a || b) {
            assertThat(history)
                    .as("migration 2 is partly applied: two_a " + a + ", two_b " + b)
                    .contains("2:f")
                    .doesNotContain("2:t");
        } else {
            assertThat(history).as("nothing of migration 2 exists").doesNotContain("2:t");
        }
    }

    /** The next run of {@code manifest}, the fault disarmed, brings the database to version 3 with every table. */
    static MigrateResult assertConverges(TestDatabase db, TestManifest manifest) {
        disarm(db);
        MigrateResult result = Tidemark.configure()
                .dataSource(db)
                .manifests(manifest)
                .lockWait(Duration.ofSeconds(30))
                .listener(TidemarkListener.NONE)
                .load()
                .migrate();
        assertThat(result.currentVersion()).hasToString("3");
        for (String table : List.of("one", "two_a", "two_b", "three")) {
            assertThat(db.tableExists("public", table)).as(table).isTrue();
        }
        assertThat(history(db)).containsExactly("1:t", "2:t", "3:t");
        return result;
    }

    /** Whether {@code statement} runs now in the database, on behalf of {@code application}. */
    static BooleanSupplier running(TestDatabase db, String application, String statement) {
        return () -> !"0"
                .equals(db.queryValue("SELECT count(*) FROM pg_stat_activity WHERE datname ="
                        + " current_database() AND state = 'active' AND application_name = '" + application
                        + "' AND query LIKE '" + statement.replace("'", "''").replace("%", "\\%") + "%'"));
    }

    /** Whether no session of {@code application} is left in the database. */
    static BooleanSupplier gone(TestDatabase db, String application) {
        return () -> "0"
                .equals(db.queryValue("SELECT count(*) FROM pg_stat_activity WHERE datname ="
                        + " current_database() AND application_name = '" + application + "'"));
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("gave up waiting 60 s for " + what);
            }
            Thread.sleep(50);
        }
    }

    /** A migration entry for tests that need their own body for migration 2. */
    static MigrationEntry entry(String version, boolean transactional, String source, dev.tidemark.JavaMigration body) {
        return new MigrationEntry(
                version, "two", "test.V" + version, TestManifest.checksum(source), transactional, false, () -> body);
    }
}
