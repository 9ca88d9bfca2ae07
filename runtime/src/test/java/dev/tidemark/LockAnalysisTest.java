package dev.tidemark;

import static dev.tidemark.testing.TestManifest.nonTransactional;
import static dev.tidemark.testing.TestManifest.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tidemark.RehearsalResult.Outcome;
import dev.tidemark.StatementAnalysis.Status;
import dev.tidemark.StatementAnalysis.TableLock;
import dev.tidemark.spi.MigrationEntry;
import dev.tidemark.testing.JsonReader;
import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.RecordingListener;
import dev.tidemark.testing.TestDatabase;
import dev.tidemark.testing.TestManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@NeedsPostgres
class LockAnalysisTest {

    /** 200,000 orders, analysed so that the planner's row estimate is known. */
    static final MigrationEntry ORDERS = sql(
            "1",
            "create orders",
            "CREATE TABLE orders (id bigint PRIMARY KEY, amount integer NOT NULL, note text);\n"
                    + "INSERT INTO orders SELECT i, i % 1000, 'order ' || i FROM generate_series(1, 200000) i;\n"
                    + "ANALYZE orders");

    static final MigrationEntry WIDEN_AMOUNT =
            sql("2", "widen amount", "ALTER TABLE orders ALTER COLUMN amount TYPE bigint");

    static Configuration configure(TestDatabase db, MigrationEntry... pending) {
        MigrationEntry[] all = new MigrationEntry[pending.length + 1];
        all[0] = ORDERS;
        System.arraycopy(pending, 0, all, 1, pending.length);
        return Tidemark.configure().dataSource(db).manifests(TestManifest.of(all));
    }

    static void migrateOrders(TestDatabase db) {
        Tidemark.configure()
                .dataSource(db)
                .manifests(TestManifest.of(ORDERS))
                .load()
                .migrate();
    }

    /** The catalog of orders (file node, columns, indexes) and a digest of its rows. */
    static List<Object> state(TestDatabase db) {
        return List.of(
                db.query("SELECT relfilenode, relpages FROM pg_class WHERE relname = 'orders'"),
                db.query("SELECT column_name, data_type, column_default, is_nullable FROM information_schema.columns"
                        + " WHERE table_name = 'orders' ORDER BY ordinal_position"),
                db.query("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'orders' ORDER BY 1"),
                db.query("SELECT count(*), md5(string_agg(o::text, ',' ORDER BY id)) FROM orders o"),
                db.query("SELECT version FROM tidemark_history ORDER BY installed_rank"));
    }

    @Test
    void alterColumnType_takesAccessExclusiveAndRewritesTheTable(TestDatabase db) {
        migrateOrders(db);
        List<Object> before = state(db);
        RecordingListener listener = new RecordingListener();

        RehearsalResult result =
                configure(db, WIDEN_AMOUNT).listener(listener).load().rehearse();

        assertThat(result.succeeded()).isTrue();
        StatementAnalysis statement = result.analysis().statements().get(0);
        assertThat(statement.status()).isEqualTo(Status.RAN);
        assertThat(statement.locks()).hasSize(1);
        TableLock lock = statement.locks().get(0);
        assertThat(lock.table()).isEqualTo("orders");
        assertThat(lock.mode()).isEqualTo("ACCESS EXCLUSIVE");
        assertThat(lock.rewritten()).isTrue();
        assertThat(lock.created()).isFalse();
        assertThat(lock.rows()).isEqualTo(200_000);
        assertThat(lock.bytes()).isGreaterThan(8L * 1024 * 1024);
        assertThat(statement.sentence())
                .startsWith("statement 1 of version 2 takes ACCESS EXCLUSIVE on orders (≈200,000 rows, ")
                .endsWith(" MB) and rewrites it; reads and writes of orders wait until it commits");
        assertThat(statement.ruleId()).isEqualTo("TM-L006");
        assertThat(statement.blocksReads()).isTrue();
        assertThat(result.analysis().text())
                .contains("  Statement 1 of version 2 takes ACCESS EXCLUSIVE on orders (≈200,000 rows, ")
                .contains("      ALTER TABLE orders ALTER COLUMN amount TYPE bigint  (")
                .contains("      TM-L006: add a new column, write both from the application, backfill")
                .endsWith(
                        "1 statement takes ACCESS EXCLUSIVE on a table other sessions use or on one of its indexes.\n");
        assertThat(result.analysis().markdown())
                .contains("| 2 | 1 | `ALTER TABLE orders ALTER COLUMN amount TYPE bigint` | ")
                .contains(" | **ACCESS EXCLUSIVE** | orders | 200,000 rows | ")
                .contains(" | **yes** |\n")
                .contains("- Statement 1 of version 2 takes ACCESS EXCLUSIVE on orders");
        assertThat(listener.all()).contains("Statement 1 of version 2 takes ACCESS EXCLUSIVE on orders");
        assertThat(state(db)).isEqualTo(before);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAnalysis_isInTheRehearsalsJsonAndText(TestDatabase db) {
        migrateOrders(db);

        RehearsalResult result = configure(db, WIDEN_AMOUNT)
                .failOnExclusiveLockAbove("1MB")
                .load()
                .rehearse();

        Map<String, Object> document = JsonReader.object(ResultFormat.toJson(result));
        assertThat(document).containsEntry("succeeded", false);
        Map<String, Object> analysis = (Map<String, Object>) document.get("analysis");
        assertThat(analysis).containsEntry("limit", "1MB");
        assertThat((Map<String, Object>) analysis.get("exceedingLimit"))
                .containsEntry("version", "2")
                .containsEntry("number", 1L);
        Map<String, Object> statement = ((List<Map<String, Object>>) analysis.get("statements")).get(0);
        assertThat(statement)
                .containsEntry("version", "2")
                .containsEntry("number", 1L)
                .containsEntry("sql", "ALTER TABLE orders ALTER COLUMN amount TYPE bigint")
                .containsEntry("status", "RAN")
                .containsEntry("ruleId", "TM-L006")
                .containsKey("timeMs");
        assertThat((String) statement.get("sentence"))
                .startsWith("statement 1 of version 2 takes ACCESS EXCLUSIVE on orders");
        Map<String, Object> lock = ((List<Map<String, Object>>) statement.get("locks")).get(0);
        assertThat(lock)
                .containsEntry("table", "orders")
                .containsEntry("mode", "ACCESS EXCLUSIVE")
                .containsEntry("rewritten", true)
                .containsEntry("created", false)
                .containsEntry("rows", 200_000L);
        assertThat((Long) lock.get("bytes")).isGreaterThan(1L << 20);

        assertThat(ResultFormat.toText(result))
                .startsWith(result.report())
                .contains("\nLock analysis of schema public: what each statement would do to the tables while migrate"
                        + " runs it.\n  Statement 1 of version 2 takes ACCESS EXCLUSIVE on orders");
    }

    @Test
    void addColumn_withAConstantDefaultDoesNotRewrite_withAVolatileOneDoes(TestDatabase db) {
        migrateOrders(db);
        List<Object> before = state(db);

        RehearsalResult result = configure(
                        db,
                        sql(
                                "2",
                                "add status and weight",
                                "ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'new';\n"
                                        + "ALTER TABLE orders ADD COLUMN weight double precision DEFAULT random()"))
                .load()
                .rehearse();

        List<StatementAnalysis> statements = result.analysis().statements();
        assertThat(statements).hasSize(2);
        TableLock constant = statements.get(0).locks().get(0);
        assertThat(constant.mode()).isEqualTo("ACCESS EXCLUSIVE");
        assertThat(constant.rewritten()).isFalse();
        assertThat(statements.get(0).sentence())
                .startsWith("statement 1 of version 2 takes ACCESS EXCLUSIVE on orders (≈200,000 rows, ")
                .endsWith(" MB); reads and writes of orders wait until it commits");
        assertThat(statements.get(0).ruleId()).isNull();
        // The second statement needs the lock the first one took: the rewrite is seen all the same.
        TableLock volatileDefault = statements.get(1).locks().get(0);
        assertThat(volatileDefault.rewritten()).isTrue();
        assertThat(statements.get(1).sentence())
                .startsWith("statement 2 of version 2 rewrites orders (≈200,000 rows, ")
                .endsWith(" under the ACCESS EXCLUSIVE lock statement 1 of version 2 took; reads and writes of"
                        + " orders wait until it commits");
        assertThat(statements.get(1).ruleId()).isEqualTo("TM-L005");
        assertThat(state(db)).isEqualTo(before);
    }

    @Test
    void createIndex_takesAShareLock_andConcurrentlyIsAnalysedFromTheCatalog(TestDatabase db) {
        migrateOrders(db);
        List<Object> before = state(db);

        RehearsalResult result = configure(
                        db,
                        sql("2", "index amount", "CREATE INDEX orders_amount_idx ON orders (amount)"),
                        nonTransactional(
                                "3", "index notes", "CREATE INDEX CONCURRENTLY orders_note_idx ON orders (note)"),
                        sql("4", "create customers", "CREATE TABLE customers (id bigint PRIMARY KEY)"))
                .load()
                .rehearse();

        List<StatementAnalysis> statements = result.analysis().statements();
        assertThat(statements)
                .extracting(StatementAnalysis::status)
                .containsExactly(Status.RAN, Status.NOT_RUN, Status.RAN);
        StatementAnalysis index = statements.get(0);
        assertThat(index.locks()).extracting(TableLock::mode).containsExactly("SHARE");
        assertThat(index.locks().get(0).rewritten()).isFalse();
        assertThat(index.sentence())
                .startsWith("statement 1 of version 2 takes SHARE on orders (≈200,000 rows, ")
                .endsWith("; writes of orders wait until it commits; reads go on");
        assertThat(index.ruleId()).isEqualTo("TM-L001");

        StatementAnalysis concurrent = statements.get(1);
        assertThat(concurrent.locks())
                .extracting(TableLock::table, TableLock::mode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("orders", "SHARE UPDATE EXCLUSIVE"));
        assertThat(concurrent.sentence())
                .startsWith("statement 1 of version 3 was not run (non-transactional): CREATE INDEX CONCURRENTLY"
                        + " would take SHARE UPDATE EXCLUSIVE on orders (≈200,000 rows, ")
                .endsWith("; reads and writes of orders go on; other schema changes of it, VACUUM and ANALYZE wait,"
                        + " for as long as it runs");
        assertThat(concurrent.ruleId()).isNull();

        StatementAnalysis created = statements.get(2);
        assertThat(created.locks())
                .extracting(TableLock::table, TableLock::created)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("customers", true));
        assertThat(created.sentence())
                .isEqualTo("statement 1 of version 4 takes ACCESS EXCLUSIVE on customers, which is new in this"
                        + " rehearsal: no other session waits for it");
        assertThat(created.blocksReads()).isFalse();
        assertThat(result.analysis().text())
                .endsWith(
                        "No statement takes ACCESS EXCLUSIVE on a table other sessions use or on one of its indexes.\n");
        assertThat(state(db)).isEqualTo(before);
        assertThat(db.tableExists("public", "customers")).isFalse();
    }

    /** An index on orders' amount and a sequence owned by orders.id, applied before each rehearsal. */
    static final MigrationEntry INDEX_AND_SEQUENCE = sql(
            "2",
            "index and sequence",
            "CREATE INDEX orders_amount_idx ON orders (amount);\n"
                    + "CREATE SEQUENCE orders_id_seq OWNED BY orders.id;\n"
                    + "ANALYZE orders");

    /** Migrates orders, its index and sequence, then rehearses {@code pending} after them. */
    private static RehearsalResult rehearseAfterIndexAndSequence(TestDatabase db, MigrationEntry... pending) {
        configure(db, INDEX_AND_SEQUENCE).load().migrate();
        MigrationEntry[] all = new MigrationEntry[pending.length + 1];
        all[0] = INDEX_AND_SEQUENCE;
        System.arraycopy(pending, 0, all, 1, pending.length);
        return configure(db, all).load().rehearse();
    }

    private static StatementAnalysis rehearseAfterIndexAndSequence(TestDatabase db, String sql) {
        RehearsalResult result = rehearseAfterIndexAndSequence(db, sql("3", "pending", sql));
        assertThat(result.succeeded()).isTrue();
        assertThat(result.analysis().statements()).hasSize(1);
        return result.analysis().statements().get(0);
    }

    @Test
    void reindex_takesAccessExclusiveOnTheIndex_andShareOnItsTable(TestDatabase db) {
        StatementAnalysis reindex = rehearseAfterIndexAndSequence(db, "REINDEX INDEX orders_amount_idx");

        assertThat(reindex.locks())
                .extracting(
                        TableLock::kind, TableLock::table, TableLock::ofTable, TableLock::mode, TableLock::rewritten)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "index", "orders_amount_idx", "orders", "ACCESS EXCLUSIVE", true),
                        org.assertj.core.groups.Tuple.tuple("table", "orders", null, "SHARE", false));
        assertThat(reindex.locks().get(0).rows()).isEqualTo(200_000);
        assertThat(reindex.locks().get(0).bytes()).isGreaterThan(1L << 20);
        assertThat(reindex.sentence())
                .startsWith("statement 1 of version 3 takes ACCESS EXCLUSIVE on index orders_amount_idx of orders"
                        + " (≈200,000 rows, ")
                .contains(" MB) and rewrites it; queries of orders wait until it commits (the planner locks every"
                        + " index of a table it plans for); and takes SHARE on orders (≈200,000 rows, ")
                .endsWith("; writes of orders wait until it commits; reads go on");
        assertThat(reindex.blocksReads()).isTrue();
    }

    @Test
    void dropIndex_takesAccessExclusiveOnItsTable_andDropsTheIndex(TestDatabase db) {
        StatementAnalysis drop = rehearseAfterIndexAndSequence(db, "DROP INDEX orders_amount_idx");

        assertThat(drop.locks())
                .extracting(TableLock::kind, TableLock::table, TableLock::ofTable, TableLock::mode, TableLock::dropped)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("table", "orders", null, "ACCESS EXCLUSIVE", false),
                        org.assertj.core.groups.Tuple.tuple(
                                "index", "orders_amount_idx", "orders", "ACCESS EXCLUSIVE", true));
        assertThat(drop.sentence())
                .startsWith("statement 1 of version 3 takes ACCESS EXCLUSIVE on orders (≈200,000 rows, ")
                .contains("; reads and writes of orders wait until it commits; and takes ACCESS EXCLUSIVE on index"
                        + " orders_amount_idx of orders (≈200,000 rows, ")
                .contains(" and drops it; queries of orders wait until it commits");
        assertThat(drop.ruleId()).isEqualTo("TM-L003");
        assertThat(db.query("SELECT indexname FROM pg_indexes WHERE indexname = 'orders_amount_idx'"))
                .isNotEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void alterSequence_namesTheSequenceAndItsTable_inTheSentenceTheMarkdownAndTheJson(TestDatabase db) {
        RehearsalResult result = rehearseAfterIndexAndSequence(
                db,
                sql("3", "restart ids", "ALTER SEQUENCE orders_id_seq RESTART WITH 500000"),
                sql("4", "next id", "SELECT nextval('orders_id_seq')"));

        StatementAnalysis restart = result.analysis().statements().get(0);
        assertThat(restart.locks())
                .extracting(TableLock::kind, TableLock::table, TableLock::ofTable, TableLock::mode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "sequence", "orders_id_seq", "orders", "SHARE ROW EXCLUSIVE"));
        assertThat(restart.sentence())
                .startsWith("statement 1 of version 3 takes SHARE ROW EXCLUSIVE on sequence orders_id_seq of orders")
                .endsWith("; nextval on it waits until it commits, and with it the inserts into orders that take"
                        + " their ids from it");
        // nextval's ROW EXCLUSIVE blocks no one's nextval: not listed.
        assertThat(result.analysis().statements().get(1).locks()).isEmpty();
        assertThat(result.analysis().markdown())
                .contains(" | SHARE ROW EXCLUSIVE | sequence orders_id_seq of orders | ");
        Map<String, Object> analysis = (Map<String, Object>)
                JsonReader.object(ResultFormat.toJson(result)).get("analysis");
        Map<String, Object> statement = ((List<Map<String, Object>>) analysis.get("statements")).get(0);
        assertThat(((List<Map<String, Object>>) statement.get("locks")).get(0))
                .containsEntry("kind", "sequence")
                .containsEntry("table", "orders_id_seq")
                .containsEntry("ofTable", "orders");
    }

    @Test
    void aLockTheRehearsalAlreadyHolds_isNamedWithTheStatementThatTookIt(TestDatabase db) {
        migrateOrders(db);

        RehearsalResult result = configure(
                        db,
                        sql(
                                "2",
                                "add columns",
                                "ALTER TABLE orders ADD COLUMN a integer;\nALTER TABLE orders ADD COLUMN b integer"),
                        sql("3", "widen amount", "ALTER TABLE orders ALTER COLUMN amount TYPE bigint"),
                        sql("4", "add c", "ALTER TABLE orders ADD COLUMN c integer"))
                .load()
                .rehearse();

        List<StatementAnalysis> statements = result.analysis().statements();
        assertThat(statements).hasSize(4);
        assertThat(statements.get(0).locks()).extracting(TableLock::mode).containsExactly("ACCESS EXCLUSIVE");
        // Within one migration, the later statement runs under the lock the first one took.
        assertThat(statements.get(1).locks()).isEmpty();
        assertThat(statements.get(1).sentence())
                .startsWith("statement 2 of version 2 works on orders (≈200,000 rows, ")
                .endsWith(" MB) under the ACCESS EXCLUSIVE lock statement 1 of version 2 took; reads and writes of"
                        + " orders wait until it commits");
        // Across migrations the rehearsal's one transaction hides the lock; the rewrite is seen all the same.
        assertThat(statements.get(2).locks())
                .extracting(TableLock::mode, TableLock::rewritten)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ACCESS EXCLUSIVE", true));
        assertThat(statements.get(2).sentence())
                .startsWith("statement 1 of version 3 rewrites orders (≈200,000 rows, ")
                .endsWith(" MB) under ACCESS EXCLUSIVE, which the rehearsal has held since statement 1 of version 2"
                        + " and migrate takes again for this migration; reads and writes of orders wait until it"
                        + " commits");
        assertThat(statements.get(3).locks()).isEmpty();
        assertThat(statements.get(3).sentence())
                .startsWith("statement 1 of version 4 works on orders (≈200,000 rows, ")
                .endsWith(" MB), which the rehearsal has held ACCESS EXCLUSIVE on since statement 1 of version 2, so"
                        + " the lock it takes itself is not seen here; it shows once the earlier migrations are"
                        + " applied");
    }

    @Test
    void dropTable_saysItDropsTheTable_andAMigrationThatReadsCannotBeListedWithoutRunning(TestDatabase db) {
        migrateOrders(db);
        List<Object> before = state(db);
        MigrationEntry reading = TestManifest.java("3", "reads first", context -> {
            context.query("SELECT count(*) FROM orders", row -> row.getLong(1));
        });
        MigrationEntry readingNonTransactional = new MigrationEntry(
                reading.version(),
                reading.description(),
                reading.className(),
                reading.checksum(),
                false,
                false,
                reading.factory(),
                null);

        RehearsalResult result = configure(db, sql("2", "drop orders", "DROP TABLE orders"), readingNonTransactional)
                .load()
                .rehearse();

        List<StatementAnalysis> statements = result.analysis().statements();
        assertThat(statements).hasSize(2);
        assertThat(statements.get(0).locks())
                .extracting(TableLock::table, TableLock::mode, TableLock::dropped)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("orders", "ACCESS EXCLUSIVE", true));
        assertThat(statements.get(0).sentence())
                .startsWith("statement 1 of version 2 takes ACCESS EXCLUSIVE on orders (≈200,000 rows, ")
                .endsWith(" and drops it; reads and writes of orders wait until it commits");
        assertThat(statements.get(0).ruleId()).isEqualTo("TM-L011");
        assertThat(statements.get(1).status()).isEqualTo(Status.NOT_RUN);
        assertThat(statements.get(1).sentence())
                .isEqualTo("version 3 was not run (non-transactional), and its statements could not be listed"
                        + " without running it: it reads the database (SELECT count(*) FROM orders)");
        assertThat(state(db)).isEqualTo(before);
    }

    @Test
    void aLockHeldByAnotherSession_isReportedNotWaitedFor(TestDatabase db) throws Exception {
        migrateOrders(db);
        List<Object> before = state(db);
        try (Connection traffic = db.getConnection();
                Statement statement = traffic.createStatement()) {
            traffic.setAutoCommit(false);
            statement.execute("SELECT count(*) FROM orders");

            RehearsalResult result = configure(db, WIDEN_AMOUNT)
                    .rehearsalLockTimeout(Duration.ofMillis(200))
                    .load()
                    .rehearse();

            assertThat(result.failure().orElseThrow().outcome()).isEqualTo(Outcome.LOCK_UNAVAILABLE);
            StatementAnalysis blocked = result.analysis().statements().get(0);
            assertThat(blocked.status()).isEqualTo(Status.LOCK_UNAVAILABLE);
            assertThat(blocked.sql()).isEqualTo("ALTER TABLE orders ALTER COLUMN amount TYPE bigint");
            assertThat(blocked.sentence())
                    .isEqualTo("statement 1 of version 2 could not get its lock within the rehearsal's lock_timeout"
                            + " (200 ms) and did not wait: another session holds a lock on a table it needs; migrate"
                            + " would queue behind that session, and every query on the table behind migrate");
            assertThat(blocked.ruleId()).isEqualTo("TM-L006");
            assertThat(result.analysis().markdown()).contains(" | **not available** |");
            // The other session's transaction is untouched: it still reads.
            statement.execute("SELECT count(*) FROM orders");
            traffic.rollback();
        }
        assertThat(state(db)).isEqualTo(before);
    }

    @Test
    void failOnExclusiveLockAbove_failsNamingStatementTableAndSize(TestDatabase db, @TempDir Path dir)
            throws Exception {
        migrateOrders(db);
        List<Object> before = state(db);
        Path report = dir.resolve("rehearsal.md");

        RehearsalResult result = configure(db, WIDEN_AMOUNT)
                .failOnExclusiveLockAbove("1MB")
                .rehearsalReport(report)
                .load()
                .rehearse();

        assertThat(result.failure()).isEmpty();
        assertThat(result.succeeded()).isFalse();
        assertThat(result.analysis().exceedingLimit()).isPresent();
        TidemarkException failure = catchThrowableOfType(TidemarkException.class, result::assertSucceeded);
        assertThat(failure.code()).isEqualTo(ErrorCode.REHEARSAL_EXCLUSIVE_LOCK_TOO_LARGE);
        assertThat(failure.getMessage())
                .startsWith("[TM-R422] Statement 1 of version 2 would hold ACCESS EXCLUSIVE on orders (≈200,000 rows, ")
                .contains(" MB), above the limit of 1MB:\n  ALTER TABLE orders ALTER COLUMN amount TYPE bigint\n")
                .contains("\nThe database is unchanged at version 1: the rehearsal's transaction was rolled back.\n")
                .endsWith(
                        "Change the migration (TM-L006: add a new column, write both from the application, backfill,"
                                + " then switch to it), or raise failOnExclusiveLockAbove(String) if the table may be locked that long.");
        assertThat(Files.readString(report))
                .contains("## Lock analysis of schema `public`")
                .contains("Statement 1 of version 2 would hold ACCESS EXCLUSIVE on orders");

        TidemarkException byRows = catchThrowableOfType(
                TidemarkException.class,
                () -> configure(db, WIDEN_AMOUNT)
                        .rehearse(true)
                        .failOnExclusiveLockAbove("100000rows")
                        .load()
                        .migrate());
        assertThat(byRows.code()).isEqualTo(ErrorCode.REHEARSAL_EXCLUSIVE_LOCK_TOO_LARGE);
        assertThat(byRows.getMessage()).contains("above the limit of 100000rows");

        RehearsalResult below = configure(db, WIDEN_AMOUNT)
                .failOnExclusiveLockAbove("1GB")
                .load()
                .rehearse();
        assertThat(below.assertSucceeded()).isSameAs(below);
        assertThat(below.analysis().text()).endsWith(" None holds it on a table above 1GB.\n");
        assertThat(state(db)).isEqualTo(before);
    }

    @Test
    void failOnExclusiveLockAbove_thatIsNotASize_isRefusedBeforeConnecting() {
        ConfigurationException failure = catchThrowableOfType(
                ConfigurationException.class,
                () -> Tidemark.configure()
                        .url("jdbc:postgresql://127.0.0.1:1/none")
                        .failOnExclusiveLockAbove("big")
                        .manifests(TestManifest.of(ORDERS))
                        .load());
        assertThat(failure.getMessage())
                .isEqualTo("[TM-R001] failOnExclusiveLockAbove(String) is 'big': not a size.\nGive a size such as 1GB,"
                        + " 500MB or 64kB, or a number of rows such as 1000000rows.");
    }
}
