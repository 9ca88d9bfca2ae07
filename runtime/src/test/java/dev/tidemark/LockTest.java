package dev.tidemark;

import static dev.tidemark.MigrateTest.USERS;
import static dev.tidemark.MigrateTest.threeMigrations;
import static dev.tidemark.MigrateTest.tidemark;
import static dev.tidemark.testing.TestManifest.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tidemark.internal.lock.MigrationLock;
import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.RecordingListener;
import dev.tidemark.testing.TestDatabase;
import dev.tidemark.testing.TestManifest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@NeedsPostgres
class LockTest {

    /** pg_locks covers every database of the server: look at this test's only. */
    static final String THIS_DATABASE = "(SELECT oid FROM pg_database WHERE datname = current_database())";

    @Test
    void lockKey_isTheFnv1aHashOfTheQuotedName_soEveryVersionTakesTheSameLock() {
        // Changing the derivation would let two Tidemark versions migrate the same schema at once.
        assertThat(MigrationLock.keyFor("\"public\".\"tidemark_history\"")).isEqualTo(3273533018440787083L);
        assertThat(MigrationLock.keyFor("\"public\".\"other_history\""))
                .isNotEqualTo(MigrationLock.keyFor("\"public\".\"tidemark_history\""));
    }

    @Test
    void lockWait_reportsTheHolderWhileWaitingAndOnTimeout(TestDatabase db) throws Exception {
        long key = MigrationLock.keyFor("\"public\".\"tidemark_history\"");
        try (Connection holder = db.getConnection();
                Statement statement = holder.createStatement()) {
            statement.execute("SET application_name = 'deploy-7'");
            int pid;
            try (ResultSet row = statement.executeQuery("SELECT pg_advisory_lock(" + key + "), pg_backend_pid()")) {
                row.next();
                pid = row.getInt(2);
            }
            RecordingListener listener = new RecordingListener();
            LockWaitTimeoutException failure = catchThrowableOfType(
                    LockWaitTimeoutException.class,
                    () -> Tidemark.configure()
                            .dataSource(db)
                            .manifests(threeMigrations())
                            .lockWait(Duration.ofMillis(1200))
                            .listener(listener)
                            .load()
                            .migrate());

            assertThat(failure.code()).isEqualTo(ErrorCode.LOCK_WAIT_TIMEOUT);
            assertThat(failure.holder().pid()).isEqualTo(pid);
            assertThat(failure.holder().applicationName()).isEqualTo("deploy-7");
            assertThat(failure.holder().user()).isEqualTo("postgres");
            assertThat(failure.holder().since()).isNotNull();
            assertThat(failure.getMessage())
                    .startsWith("[TM-R030] Gave up waiting for the migration lock on \"public\".\"tidemark_history\""
                            + " after 1200 ms: it is held by pid " + pid + ", application 'deploy-7', user postgres")
                    .contains("\nNothing was done; the database is unchanged.\n")
                    .endsWith("as a last resort, SELECT pg_terminate_backend(" + pid + ").");
            assertThat(listener.lockHolders).isNotEmpty();
            assertThat(listener.lockHolders.get(0).pid()).isEqualTo(pid);
            assertThat(listener.all())
                    .contains("Waiting for the migration lock on \"public\".\"tidemark_history\"," + " held by pid "
                            + pid);
            assertThat(db.tableExists("public", "tidemark_history")).isFalse();
        }
        assertThat(tidemark(db, threeMigrations()).migrate().applied()).hasSize(3);
    }

    @Test
    void lock_isHeldBySessionOutsideAnyTransactionAndReleasedAfterwards(TestDatabase db) {
        List<String> observed = new ArrayList<>();
        tidemark(
                        db,
                        TestManifest.of(TestManifest.java(
                                "1",
                                "look",
                                context -> observed.addAll(context.query(
                                        // objsubid 1: a lock on a bigint key, the migration lock's kind (the run's
                                        // own key, which the lock session also holds, is two integers).
                                        "SELECT a.state, a.backend_xid IS NULL FROM pg_locks l JOIN pg_stat_activity a"
                                                + " ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.objsubid = 1"
                                                + " AND l.granted AND l.database = "
                                                + THIS_DATABASE
                                                + " AND a.pid <> pg_backend_pid()",
                                        row -> row.getString(1) + "|" + row.getBoolean(2))))))
                .migrate();
        assertThat(observed).containsExactly("idle|true");
        assertThat(db.queryValue(
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = " + THIS_DATABASE))
                .isEqualTo("0");
    }

    @Test
    void createIndexConcurrently_doesNotWaitForTheLockSession(TestDatabase db) {
        tidemark(
                        db,
                        TestManifest.of(
                                sql("1", "users", USERS),
                                TestManifest.nonTransactional(
                                        "2", "index", "CREATE INDEX CONCURRENTLY users_name ON users (name)")))
                .migrate();
        assertThat(db.queryValue("SELECT indisvalid FROM pg_index WHERE indexrelid = 'users_name'::regclass"))
                .isEqualTo("t");
    }

    @Test
    void lockTimeout_failsAStatementBlockedBehindAnotherSession(TestDatabase db) throws Exception {
        tidemark(db, TestManifest.of(sql("1", "users", USERS))).migrate();
        try (Connection blocker = db.getConnection();
                Statement statement = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            statement.execute("LOCK TABLE users IN ACCESS EXCLUSIVE MODE");

            MigrationFailedException failure = catchThrowableOfType(
                    MigrationFailedException.class,
                    () -> Tidemark.configure()
                            .dataSource(db)
                            .lockTimeout(Duration.ofMillis(300))
                            .manifests(TestManifest.of(
                                    sql("1", "users", USERS),
                                    sql(
                                            "2",
                                            "email",
                                            "CREATE TABLE audit (id int);\nALTER TABLE users ADD COLUMN"
                                                    + " email text")))
                            .load()
                            .migrate());

            assertThat(failure.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT_EXCEEDED);
            assertThat(failure.sqlState()).isEqualTo("55P03");
            assertThat(failure.getMessage())
                    .startsWith("[TM-R102] Migration 2 'email' (test.V2) failed and was rolled back: a statement"
                            + " waited longer than lock_timeout (300 ms) for a lock held by another session.")
                    .contains("Statement:\n    ALTER TABLE users ADD COLUMN email text")
                    .contains("SQLSTATE 55P03: canceling statement due to lock timeout")
                    .contains("The database is unchanged at version 1: nothing of migration 2 remains.")
                    .endsWith("\nAnother session holds a lock on a table this statement needs (look for it in"
                            + " pg_locks and pg_stat_activity). Retry when the table is less busy (off-peak), or"
                            + " raise lockTimeout(Duration).");
            blocker.rollback();
        }
        assertThat(db.tableExists("public", "audit")).isFalse();
    }
}
