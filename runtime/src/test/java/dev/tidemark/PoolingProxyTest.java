package dev.tidemark;

import static dev.tidemark.LockTest.THIS_DATABASE;
import static dev.tidemark.MigrateTest.threeMigrations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.PgBouncer;
import dev.tidemark.testing.TestDatabase;
import dev.tidemark.testing.TestManifest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Through PgBouncer in transaction or statement pooling mode, a session's statements run on
 * whichever server process is free: the session advisory lock and session settings do not hold.
 * Tidemark refuses such a connection before reading the history. A real PgBouncer, started on a
 * port of the test's own in front of the test server.
 */
@NeedsPostgres
class PoolingProxyTest {

    @Test
    void transactionPooling_isRefusedBeforeAnythingIsRead(TestDatabase db) throws Exception {
        try (PgBouncer bouncer = PgBouncer.start(25439, "transaction", 1)) {
            TidemarkException failure = migrateThrough(bouncer, db);

            assertThat(failure.code()).isEqualTo(ErrorCode.POOLED_CONNECTION);
            assertThat(failure.getMessage())
                    .startsWith("[TM-R032] Tidemark's migration session was given server process ")
                    .contains("the one holding the migration lock on public.tidemark_history for the lock"
                            + " session, which a direct connection never is: a connection pooler in transaction or"
                            + " statement mode (such as PgBouncer with pool_mode = transaction) sits between"
                            + " Tidemark and PostgreSQL")
                    .contains("Tidemark stopped before reading the history; nothing was applied.\n")
                    .endsWith("\nConnect to PostgreSQL directly for migrations, or through a pool in session mode.");
        }
        assertThat(db.tableExists("public", "tidemark_history")).isFalse();
        // The lock was let go on the server process that held it, which the pooler keeps.
        assertThat(db.queryValue(
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = " + THIS_DATABASE))
                .isEqualTo("0");
        assertThat(Tidemark.configure()
                        .dataSource(db)
                        .manifests(threeMigrations())
                        .load()
                        .migrate()
                        .applied())
                .hasSize(3);
    }

    /**
     * With PgBouncer's default pool size, and with a pooler that hands out its server processes in
     * turn ({@code server_round_robin}), the migration session may get a process of its own: then
     * the check before the first migration finds the lock session moved to another process than the
     * one holding the lock, or the driver's prepared statements meet those of the other session.
     * Either way, no migration is applied.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"server_round_robin = 0", "server_round_robin = 1"})
    void transactionPoolingWithManyServers_isRefusedBeforeAnyMigration(String setting, TestDatabase db)
            throws Exception {
        Tidemark.configure()
                .dataSource(db)
                .manifests(TestManifest.of(TestManifest.sql("1", "create users", MigrateTest.USERS)))
                .load()
                .migrate();
        try (PgBouncer bouncer = PgBouncer.start(25439, "transaction", 20, setting)) {
            bouncer.openServers(db.name(), 3);
            TidemarkException failure = migrateThrough(bouncer, db);
            assertThat(failure.code()).isEqualTo(ErrorCode.POOLED_CONNECTION);
            assertThat(failure.getMessage())
                    .contains("a connection pooler in transaction or statement mode (such as PgBouncer with"
                            + " pool_mode = transaction)")
                    .contains("\nConnect to PostgreSQL directly for migrations, or through a pool in session mode.")
                    .doesNotContain("Applied in this run");
        }
        assertThat(db.query("SELECT version FROM tidemark_history")).containsExactly(List.of("1"));
        assertThat(db.queryValue("SELECT count(*) FROM information_schema.columns WHERE column_name = 'email'"))
                .isEqualTo("0");
    }

    @Test
    void statementPooling_isRefusedBeforeAnythingIsRead(TestDatabase db) throws Exception {
        try (PgBouncer bouncer = PgBouncer.start(25438, "statement", 4)) {
            TidemarkException failure = migrateThrough(bouncer, db);

            assertThat(failure.code()).isEqualTo(ErrorCode.POOLED_CONNECTION);
            assertThat(failure.getMessage())
                    .isEqualTo("[TM-R032] A connection pooler between Tidemark and PostgreSQL refused the migration"
                            + " session's transaction (SQLSTATE 08P01: FATAL: transaction blocks not allowed in"
                            + " statement pooling mode): it pools by statement, so neither the migration lock on"
                            + " public.tidemark_history nor a migration's transaction holds through it. Tidemark"
                            + " stopped before reading the history; nothing was applied.\n"
                            + "Connect to PostgreSQL directly for migrations, or through a pool in session mode.");
        }
        assertThat(db.tableExists("public", "tidemark_history")).isFalse();
    }

    @Test
    void sessionPooling_migrates(TestDatabase db) throws Exception {
        try (PgBouncer bouncer = PgBouncer.start(25437, "session", 4)) {
            assertThat(Tidemark.configure()
                            .url(bouncer.url(db.name()))
                            .manifests(threeMigrations())
                            .load()
                            .migrate()
                            .applied())
                    .hasSize(3);
        }
    }

    /** The failure of a migrate of three migrations through {@code bouncer}. */
    private static TidemarkException migrateThrough(PgBouncer bouncer, TestDatabase db) {
        return catchThrowableOfType(
                TidemarkException.class,
                () -> Tidemark.configure()
                        .url(bouncer.url(db.name()))
                        .manifests(threeMigrations())
                        .load()
                        .migrate());
    }
}
