package dev.tidemark;

import static dev.tidemark.testing.TestManifest.nonTransactional;
import static dev.tidemark.testing.TestManifest.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tidemark.spi.MigrationManifest;
import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.TestDatabase;
import dev.tidemark.testing.TestManifest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A failed concurrent index build leaves an INVALID index: Tidemark names it, and never counts it applied. */
@NeedsPostgres
class InvalidIndexTest {

    static final String PRODUCTS = "CREATE TABLE products (id int PRIMARY KEY, category text);"
            + " INSERT INTO products VALUES (1, 'tea'), (2, 'tea'), (3, 'coffee')";
    static final String UNIQUE_INDEX =
            "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS products_category_uniq ON products (category)";

    static MigrationManifest manifest() {
        return TestManifest.of(
                sql("1", "products", PRODUCTS),
                nonTransactional("2", "unique category", UNIQUE_INDEX),
                sql("3", "later", "CREATE TABLE later (id int)"));
    }

    static Tidemark tidemark(TestDatabase db) {
        return Tidemark.configure().dataSource(db).manifests(manifest()).load();
    }

    static String indexValid(TestDatabase db) {
        return db.queryValue("SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                + " WHERE c.relname = 'products_category_uniq'");
    }

    @Test
    void migrate_failedConcurrentIndexBuild_namesTheInvalidIndexItLeftAndTheFix(TestDatabase db) {
        MigrationFailedException failure = catchThrowableOfType(
                MigrationFailedException.class, () -> tidemark(db).migrate());

        assertThat(failure.code()).isEqualTo(ErrorCode.NON_TRANSACTIONAL_MIGRATION_FAILED);
        assertThat(failure.getMessage())
                .contains("SQLSTATE 23505")
                .contains("none of its statements had completed.\n"
                        + "It left this index INVALID (pg_index.indisvalid = false): PostgreSQL keeps the index of a"
                        + " failed concurrent build, which slows every write but answers no query and enforces no"
                        + " uniqueness, and IF NOT EXISTS on a rerun skips it. Drop it before running the migration"
                        + " again:\n  DROP INDEX CONCURRENTLY \"public\".\"products_category_uniq\";\n");
        // What the message says is there.
        assertThat(indexValid(db)).isEqualTo("f");
    }

    @Test
    void migrate_rerunThatSkipsTheInvalidIndexWithIfNotExists_doesNotCountAsApplied(TestDatabase db) {
        catchThrowableOfType(MigrationFailedException.class, () -> tidemark(db).migrate());
        db.execute("DELETE FROM products WHERE id = 2");
        Tidemark.configure()
                .dataSource(db)
                .manifests(manifest())
                .repairAs(RepairAs.REMOVED)
                .load()
                .repair();

        MigrationFailedException failure = catchThrowableOfType(
                MigrationFailedException.class, () -> tidemark(db).migrate());

        assertThat(failure.code()).isEqualTo(ErrorCode.INVALID_INDEX_LEFT);
        assertThat(failure.getMessage())
                .startsWith("[TM-R105] Migration 2 'unique category' (test.V2), which runs outside a transaction, ran"
                        + " to its end, but an index it builds or names is INVALID, so it does not count as"
                        + " applied.\nIt left this index INVALID")
                .contains("  DROP INDEX CONCURRENTLY \"public\".\"products_category_uniq\";\n")
                .contains("A failed row for version 2 is recorded in public.tidemark_history; migrate refuses to run"
                        + " until it is cleared. The last fully applied version is 1.\n")
                .endsWith("Drop the invalid index as shown, fix what made the build fail (duplicate values for a"
                        + " unique index, a deadlock, a cancelled build), then repair() with repairAs(RepairAs.REMOVED) (the migration runs again from its first statement)"
                        + " and migrate() again.");
        assertThat(failure.currentVersion()).hasToString("1");
        assertThat(indexValid(db)).isEqualTo("f");
        assertThat(db.query("SELECT version, success FROM tidemark_history ORDER BY installed_rank"))
                .containsExactly(List.of("1", "t"), List.of("2", "f"));
        assertThat(db.tableExists("public", "later")).isFalse();

        // The way out the message gives.
        db.execute("DROP INDEX CONCURRENTLY \"public\".\"products_category_uniq\"");
        Tidemark.configure()
                .dataSource(db)
                .manifests(manifest())
                .repairAs(RepairAs.REMOVED)
                .load()
                .repair();
        assertThat(tidemark(db).migrate().applied())
                .extracting(a -> a.version().toString())
                .containsExactly("2", "3");
        assertThat(indexValid(db)).isEqualTo("t");
    }

    @Test
    void migrate_invalidIndexOfAnotherMigration_isNotBlamedOnThisOne(TestDatabase db) {
        db.execute("CREATE SCHEMA other; CREATE TABLE other.t (x int); INSERT INTO other.t VALUES (1), (1)");
        try {
            db.execute("CREATE UNIQUE INDEX CONCURRENTLY t_x_uniq ON other.t (x)");
        } catch (IllegalStateException expected) {
            // Leaves other.t_x_uniq invalid, before the migration runs and not named by it.
        }
        MigrateResult result = Tidemark.configure()
                .dataSource(db)
                .manifests(TestManifest.of(
                        sql("1", "products", "CREATE TABLE products (id int PRIMARY KEY, category text)"),
                        nonTransactional("2", "unique category", UNIQUE_INDEX)))
                .load()
                .migrate();

        assertThat(result.applied()).extracting(a -> a.version().toString()).containsExactly("1", "2");
        assertThat(indexValid(db)).isEqualTo("t");
    }

    @Test
    void migrate_invalidIndexOfTheSameNameInASchemaOffTheSearchPath_isNotBlamedOnThisOne(TestDatabase db) {
        db.execute("CREATE SCHEMA other; CREATE TABLE other.products (category text);"
                + " INSERT INTO other.products VALUES ('tea'), ('tea')");
        try {
            db.execute("CREATE UNIQUE INDEX CONCURRENTLY products_category_uniq ON other.products (category)");
        } catch (IllegalStateException expected) {
            // Leaves other.products_category_uniq invalid: the same name the migration builds in public.
        }

        MigrateResult result = Tidemark.configure()
                .dataSource(db)
                .manifests(TestManifest.of(
                        sql("1", "products", "CREATE TABLE products (id int PRIMARY KEY, category text)"),
                        nonTransactional("2", "unique category", UNIQUE_INDEX)))
                .load()
                .migrate();

        assertThat(result.applied()).extracting(a -> a.version().toString()).containsExactly("1", "2");
        assertThat(db.queryValue("SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                        + " WHERE c.relname = 'products_category_uniq' AND NOT i.indisvalid"))
                .isEqualTo("1");
    }

    @Test
    void migrate_whileAnotherSessionBuildsAnIndexConcurrently_doesNotBlameThatIndexOnThisMigration(TestDatabase db)
            throws Exception {
        db.execute("CREATE SCHEMA other; CREATE TABLE other.t (x int)");
        // A thread each for the migration and the build, which run at once: the common pool may have
        // a single worker, and the migration holds it while it waits for the build to start.
        ExecutorService threads = Executors.newCachedThreadPool();
        try (Connection gatekeeper = db.getConnection();
                Connection snapshotHolder = db.getConnection();
                Connection builder = db.getConnection()) {
            // The migration's statement waits on a lock the test holds, so that the other session's
            // build starts while the migration runs.
            CompletableFuture<MigrateResult> migration = migrationWaitingOn(gatekeeper, 4242, db, threads);

            // An open snapshot keeps the other session's build waiting, its index INVALID meanwhile.
            snapshotHolder.setAutoCommit(false);
            snapshotHolder.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (Statement read = snapshotHolder.createStatement()) {
                read.executeQuery("SELECT 1").close();
            }
            CompletableFuture<Void> build = CompletableFuture.runAsync(
                    () -> {
                        try (Statement statement = builder.createStatement()) {
                            statement.execute("CREATE INDEX CONCURRENTLY t_x_idx ON other.t (x)");
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    },
                    threads);
            await(
                    db,
                    "SELECT count(*) FROM pg_stat_progress_create_index p JOIN pg_class c"
                            + " ON c.oid = p.index_relid WHERE c.relname = 't_x_idx'");
            gatekeeper.rollback();

            assertThat(migration.get(30, TimeUnit.SECONDS).applied())
                    .extracting(a -> a.version().toString())
                    .containsExactly("1");
            assertThat(db.queryValue("SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                            + " WHERE c.relname = 't_x_idx'"))
                    .as("the other build was still running when the migration ended")
                    .isEqualTo("f");
            snapshotHolder.rollback();
            build.get(30, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
        assertThat(db.queryValue("SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                        + " WHERE c.relname = 't_x_idx'"))
                .isEqualTo("t");
    }

    @Test
    void migrate_failedBuildWithoutAnIndexName_onATableOfASchemaOffTheSearchPath_namesTheIndexItLeft(TestDatabase db) {
        db.execute("CREATE SCHEMA other; CREATE TABLE other.products (category text);"
                + " INSERT INTO other.products VALUES ('tea'), ('tea')");

        MigrationFailedException failure = catchThrowableOfType(
                MigrationFailedException.class,
                () -> Tidemark.configure()
                        .dataSource(db)
                        .manifests(TestManifest.of(nonTransactional(
                                "1",
                                "unique category",
                                "CREATE UNIQUE INDEX CONCURRENTLY ON other.products (category)")))
                        .load()
                        .migrate());

        assertThat(failure.getMessage())
                .contains("SQLSTATE 23505")
                .contains("It left this index INVALID")
                .contains("  DROP INDEX CONCURRENTLY \"other\".\"products_category_idx\";\n");
    }

    @Test
    void migrate_whileAnotherSessionsBuildFailsInASchemaOffTheSearchPath_doesNotBlameThatIndexOnThisMigration(
            TestDatabase db) throws Exception {
        // What a fleet does: tenant_b's build fails on its own data while tenant_a's migration runs.
        db.execute("CREATE SCHEMA other; CREATE TABLE other.t (x int); INSERT INTO other.t VALUES (1), (1)");
        ExecutorService threads = Executors.newCachedThreadPool();
        try (Connection gatekeeper = db.getConnection()) {
            CompletableFuture<MigrateResult> migration = migrationWaitingOn(gatekeeper, 4243, db, threads);
            try {
                db.execute("CREATE UNIQUE INDEX CONCURRENTLY t_x_uniq ON other.t (x)");
            } catch (IllegalStateException expected) {
                // Leaves other.t_x_uniq invalid while the migration runs.
            }
            gatekeeper.rollback();

            assertThat(migration.get(30, TimeUnit.SECONDS).applied())
                    .extracting(a -> a.version().toString())
                    .containsExactly("1");
        } finally {
            threads.shutdownNow();
        }
        assertThat(db.queryValue("SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                        + " WHERE c.relname = 't_x_uniq'"))
                .isEqualTo("f");
    }

    /**
     * A migration of one non-transactional statement, started on {@code threads}, that waits on an
     * advisory lock {@code gatekeeper} takes (in a transaction: its rollback lets the migration end);
     * returned once it waits.
     */
    private static CompletableFuture<MigrateResult> migrationWaitingOn(
            Connection gatekeeper, int key, TestDatabase db, ExecutorService threads) throws Exception {
        gatekeeper.setAutoCommit(false);
        try (Statement lock = gatekeeper.createStatement()) {
            lock.executeQuery("SELECT pg_advisory_xact_lock(" + key + ")").close();
        }
        CompletableFuture<MigrateResult> migration = CompletableFuture.supplyAsync(
                () -> Tidemark.configure()
                        .dataSource(db)
                        .manifests(TestManifest.of(
                                nonTransactional("1", "waits", "SELECT pg_advisory_xact_lock(" + key + ")")))
                        .load()
                        .migrate(),
                threads);
        await(db, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted");
        return migration;
    }

    private static void await(TestDatabase db, String countQuery) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (db.queryValue(countQuery).equals("0")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never true: " + countQuery);
            }
            Thread.sleep(20);
        }
    }
}
