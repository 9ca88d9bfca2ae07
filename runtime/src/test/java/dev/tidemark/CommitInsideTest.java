package dev.tidemark;

import static dev.tidemark.testing.TestManifest.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tidemark.spi.MigrationManifest;
import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.TestDatabase;
import dev.tidemark.testing.TestManifest;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A transactional migration that commits from inside is noticed: never recorded as applied, and
 * the message says what stays committed instead of "unchanged".
 */
@NeedsPostgres
class CommitInsideTest {

    static final String COUPONS = "CREATE TABLE coupons (code text PRIMARY KEY)";

    static MigrationManifest manifest(JavaMigration second) {
        return TestManifest.of(
                sql("1", "create users", MigrateTest.USERS),
                TestManifest.java("2", "coupons", second),
                sql("3", "create orders", MigrateTest.ORDERS));
    }

    static Tidemark tidemark(TestDatabase db, MigrationManifest manifest) {
        return Tidemark.configure().dataSource(db).manifests(manifest).load();
    }

    @Test
    void migrate_commitThroughTheConnectionThenAFailure_saysWhatStaysCommitted(TestDatabase db) {
        MigrationFailedException failure = catchThrowableOfType(
                MigrationFailedException.class,
                () -> tidemark(db, manifest(context -> {
                            context.execute(COUPONS);
                            context.execute("INSERT INTO coupons VALUES ('WELCOME')");
                            try (Statement statement = context.connection().createStatement()) {
                                statement.execute("commit");
                            }
                            context.execute("INSERT INTO coupons VALUES ('LATER')");
                            context.execute("SELECT no_such_column FROM coupons");
                        }))
                        .migrate());

        assertThat(failure.code()).isEqualTo(ErrorCode.MIGRATION_ENDED_TRANSACTION);
        assertThat(failure.getMessage())
                .startsWith("[TM-R104] Migration 2 'java 2' (test.Java2) ended the transaction Tidemark runs it in: a"
                        + " COMMIT sent through its connection, or a procedure that commits, committed part of it"
                        + " without its history row.\nIt then failed, and what it did after that commit was rolled"
                        + " back.\nStatement (error at line 1, column 8):\n    SELECT no_such_column FROM coupons\n")
                .contains("SQLSTATE 42703")
                .contains("The database is NOT unchanged: what migration 2 did before that commit stays committed, and"
                        + " no history row records it.")
                .contains("  1. " + COUPONS + "\n  2. INSERT INTO coupons VALUES ('WELCOME')\n"
                        + "  3. INSERT INTO coupons VALUES ('LATER')\n")
                .contains("The history, read back after the rollback, says the database is at version 1, without"
                        + " migration 2.\n")
                .contains("A failed row for version 2 is recorded in public.tidemark_history; migrate refuses to run"
                        + " until it is cleared. The last fully applied version is 1.\n")
                .endsWith("Drop by hand what migration 2 committed (the objects it created, the rows it wrote), remove"
                        + " the commit from it (or mark it @Migration(transactional = false)), then repair() with"
                        + " repairAs(RepairAs.REMOVED) and migrate() again.")
                .doesNotContain("unchanged at");
        assertThat(failure.statement()).isEqualTo("SELECT no_such_column FROM coupons");
        assertThat(failure.currentVersion()).hasToString("1");
        // What the message says: the part before the commit stays, the part after it is gone.
        assertThat(db.query("SELECT code FROM coupons")).containsExactly(List.of("WELCOME"));
        assertThat(db.query("SELECT version, success FROM tidemark_history ORDER BY installed_rank"))
                .containsExactly(List.of("1", "t"), List.of("2", "f"));
        assertThat(db.tableExists("public", "orders")).isFalse();

        // The way out the message gives: drop what was committed, fix the migration, repair, migrate.
        db.execute("DROP TABLE coupons");
        MigrationManifest fixed = manifest(context -> context.execute(COUPONS));
        Tidemark.configure()
                .dataSource(db)
                .manifests(fixed)
                .repairAs(RepairAs.REMOVED)
                .load()
                .repair();
        assertThat(tidemark(db, fixed).migrate().applied())
                .extracting(a -> a.version().toString())
                .containsExactly("2", "3");
    }

    @Test
    void migrate_commitThroughTheConnectionThenSuccess_isNotRecordedAsApplied(TestDatabase db) {
        MigrationFailedException failure = catchThrowableOfType(
                MigrationFailedException.class,
                () -> tidemark(db, manifest(context -> {
                            context.execute(COUPONS);
                            try (Statement statement = context.connection().createStatement()) {
                                statement.execute("commit");
                            }
                            context.execute("INSERT INTO coupons VALUES ('LATER')");
                        }))
                        .migrate());

        assertThat(failure.code()).isEqualTo(ErrorCode.MIGRATION_ENDED_TRANSACTION);
        assertThat(failure.getMessage())
                .contains("ended the transaction Tidemark runs it in")
                .contains("\nIt then ran to its end, but Tidemark did not record it as applied.\n")
                .contains("The database is NOT unchanged")
                .contains("says the database is at version 1, without migration 2.\n")
                .doesNotContain("SQLSTATE");
        assertThat(failure.statement()).isNull();
        assertThat(db.tableExists("public", "coupons")).isTrue();
        assertThat(db.queryValue("SELECT count(*) FROM coupons")).isEqualTo("0");
        assertThat(db.query("SELECT version, success FROM tidemark_history ORDER BY installed_rank"))
                .containsExactly(List.of("1", "t"), List.of("2", "f"));
        assertThat(db.tableExists("public", "orders")).isFalse();
    }

    @Test
    void migrate_commitInsideTheLastMigration_isNotRecordedAsAppliedEither(TestDatabase db) {
        // The last migration of a run writes its history row and the schema snapshot before a separate commit.
        MigrationFailedException failure = catchThrowableOfType(
                MigrationFailedException.class,
                () -> tidemark(
                                db,
                                TestManifest.of(
                                        sql("1", "create users", MigrateTest.USERS),
                                        TestManifest.java("2", "coupons", context -> {
                                            context.execute(COUPONS);
                                            try (Statement statement =
                                                    context.connection().createStatement()) {
                                                statement.execute("commit");
                                            }
                                        })))
                        .migrate());

        assertThat(failure.code()).isEqualTo(ErrorCode.MIGRATION_ENDED_TRANSACTION);
        assertThat(failure.getMessage()).contains("It then ran to its end, but Tidemark did not record it as applied.");
        assertThat(db.tableExists("public", "coupons")).isTrue();
        assertThat(db.query("SELECT version, success FROM tidemark_history ORDER BY installed_rank"))
                .containsExactly(List.of("1", "t"), List.of("2", "f"));
    }

    @Test
    void migrate_transactionalAfterNonTransactional_isNotMistakenForACommitInside(TestDatabase db) {
        // Auto-commit for the non-transactional one commits the transaction the history row opened.
        MigrateResult result = tidemark(
                        db,
                        TestManifest.of(
                                sql("1", "create users", MigrateTest.USERS),
                                TestManifest.nonTransactional(
                                        "2", "index", "CREATE INDEX CONCURRENTLY users_name ON users (name)"),
                                sql("3", "create orders", MigrateTest.ORDERS),
                                sql("4", "more", "CREATE TABLE more (id int)")))
                .migrate();

        assertThat(result.applied()).extracting(a -> a.version().toString()).containsExactly("1", "2", "3", "4");
    }

    @Test
    void migrate_resetAllInsideAMigration_isNoCommitAndIsRecordedAsApplied(TestDatabase db) {
        MigrateResult result = tidemark(db, manifest(context -> {
                    context.execute(COUPONS);
                    context.execute("RESET ALL");
                }))
                .migrate();

        assertThat(result.applied()).extracting(a -> a.version().toString()).containsExactly("1", "2", "3");
        assertThat(db.query("SELECT version, success FROM tidemark_history ORDER BY installed_rank"))
                .containsExactly(List.of("1", "t"), List.of("2", "t"), List.of("3", "t"));
    }

    @Test
    void migrate_callOfAProcedureThatCommits_isRefusedByTheServerAndRolledBack(TestDatabase db) {
        db.execute("CREATE SCHEMA tools; CREATE PROCEDURE tools.make_coupons() LANGUAGE plpgsql AS $$ BEGIN"
                + " CREATE TABLE public.coupons (code text); COMMIT; END $$");
        MigrationFailedException failure = catchThrowableOfType(
                MigrationFailedException.class,
                () -> Tidemark.configure()
                        .dataSource(db)
                        .manifests(TestManifest.of(sql("1", "call", "CALL tools.make_coupons()")))
                        .load()
                        .migrate());

        // Tidemark's transaction block makes PostgreSQL refuse the procedure's COMMIT: nothing is committed.
        assertThat(failure.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
        assertThat(failure.getMessage())
                .contains("SQLSTATE 2D000: invalid transaction termination")
                .contains("The database has no migration applied: nothing of migration 1 remains.");
        assertThat(db.tableExists("public", "coupons")).isFalse();
    }
}
