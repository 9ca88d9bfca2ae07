package dev.tidemark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.spi.MigrationEntry;
import dev.tidemark.spi.MigrationManifest;
import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.TestDatabase;
import dev.tidemark.testing.TestManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@NeedsPostgres
class ConcurrencyTest {

    static final int INSTANCES = 8;
    static final int MIGRATIONS = 20;

    static MigrationManifest manifest() {
        List<MigrationEntry> entries = new ArrayList<>();
        for (int i = 1; i <= MIGRATIONS; i++) {
            // Each migration fails if it ever runs twice.
            entries.add(TestManifest.sql(
                    String.valueOf(i),
                    "table " + i,
                    "CREATE TABLE t" + i + " (id int); INSERT INTO t" + i + " VALUES (" + i + ")"));
        }
        return TestManifest.of(entries.toArray(MigrationEntry[]::new));
    }

    @Test
    void eightInstancesMigratingAtOnceApplyEachMigrationExactlyOnce(TestDatabase db, TestDatabase reference)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(INSTANCES);
        List<Future<MigrateResult>> results = new ArrayList<>();
        try {
            for (int i = 0; i < INSTANCES; i++) {
                results.add(pool.submit(() -> {
                    Tidemark tidemark = Tidemark.configure()
                            .dataSource(db)
                            .manifests(manifest())
                            .load();
                    start.await();
                    return tidemark.migrate();
                }));
            }
            start.countDown();
            int applied = 0;
            for (Future<MigrateResult> result : results) {
                MigrateResult done = result.get(2, TimeUnit.MINUTES);
                assertThat(done.currentVersion()).hasToString(String.valueOf(MIGRATIONS));
                applied += done.applied().size();
            }
            assertThat(applied).isEqualTo(MIGRATIONS);
        } finally {
            pool.shutdownNow();
        }

        Tidemark.configure().dataSource(reference).manifests(manifest()).load().migrate();
        String columns = "SELECT installed_rank, version, description, type, class_name, checksum, success"
                + " FROM tidemark_history ORDER BY installed_rank";
        assertThat(db.query(columns)).hasSize(MIGRATIONS).isEqualTo(reference.query(columns));
    }
}
