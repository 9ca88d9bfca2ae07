import dev.tidemark.internal.drift.Difference;
import dev.tidemark.internal.drift.SchemaDiff;
import dev.tidemark.internal.drift.SchemaSnapshot;
import dev.tidemark.internal.drift.SnapshotStore;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Measures snapshot plus compare on a schema of 500 tables (five columns, a primary key and an
 * index each) in a database of its own, and prints the figure the README quotes. It checks what the
 * comparison finds before printing. Run by bench/snapshot/run.sh; the argument is the server's JDBC
 * URL (its maintenance database); a second argument, a number of schemas, measures one schema among
 * that many instead (see {@link #measureManySchemas}).
 */
public final class SnapshotSpeed {

    private static final int TABLES = 500;
    private static final int RUNS = 7;
    private static final int SCHEMA_TABLES = 20;
    private static final int SAMPLES = 100;
    private static final Set<String> EXCLUDED = Set.of("tidemark_history", "tidemark_history_snapshot");

    public static void main(String[] args) throws Exception {
        String server = args[0];
        String name = "tidemark_bench_" + Long.toHexString(new SecureRandom().nextLong() >>> 1);
        execute(server, "CREATE DATABASE " + name);
        try {
            if (args.length > 1) {
                measureManySchemas(withDatabase(server, name), Integer.parseInt(args[1]));
            } else {
                measure(withDatabase(server, name));
            }
        } finally {
            execute(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private static void measure(String url) throws Exception {
        execute(url, """
                DO $$
                BEGIN
                    FOR i IN 1..%d LOOP
                        EXECUTE format('CREATE TABLE t_%%s (id bigint PRIMARY KEY, name text NOT NULL,'
                            || ' amount numeric(12,2) DEFAULT 0, created_at timestamptz NOT NULL DEFAULT now(),'
                            || ' note varchar(200))', i);
                        EXECUTE format('CREATE INDEX t_%%s_name_idx ON t_%%s (name)', i, i);
                    END LOOP;
                END
                $$""".formatted(TABLES));
        long[] nanos = new long[RUNS];
        SchemaSnapshot recorded;
        SchemaDiff diff = null;
        try (Connection connection = DriverManager.getConnection(url)) {
            recorded = SchemaSnapshot.take(connection, List.of("public"), EXCLUDED);
            try (Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE t_250 DROP COLUMN note");
            }
            for (int run = 0; run < RUNS; run++) {
                long start = System.nanoTime();
                SchemaSnapshot live = SchemaSnapshot.take(connection, List.of("public"), EXCLUDED);
                diff = SchemaDiff.between(recorded, live);
                nanos[run] = System.nanoTime() - start;
            }
        }
        List<String> found = diff.differences().stream().map(Difference::message).toList();
        List<String> expected = List.of("column t_250.note is missing (expected character varying(200))");
        if (recorded.objects().size() != TABLES * (1 + 5 + 1 + 1) + 1 || !found.equals(expected)) {
            throw new IllegalStateException("unexpected snapshot of " + recorded.objects().size()
                    + " objects or differences " + found);
        }
        Arrays.sort(nanos);
        System.out.printf(
                "snapshot + compare of %d tables (%d objects), %d runs on one connection: median %d ms, best %d ms%n",
                TABLES, recorded.objects().size(), RUNS, nanos[RUNS / 2] / 1_000_000, nanos[0] / 1_000_000);
    }

    /**
     * The snapshot and the digest of one tenant's schema in a database of many: what each target of a
     * fleet pays for its drift snapshot. {@code schemas} schemas of 20 tables each (a primary key and
     * a text column); on one connection, the snapshot and digest of 100 schemas spread across them,
     * three rounds, each round's means printed.
     */
    private static void measureManySchemas(String url, int schemas) throws Exception {
        execute(url, """
                DO $$
                BEGIN
                    FOR i IN 1..%d LOOP
                        EXECUTE format('CREATE SCHEMA tenant_%%s', i);
                        FOR j IN 1..%d LOOP
                            EXECUTE format('CREATE TABLE tenant_%%s.t_%%s (id bigint PRIMARY KEY, name text,'
                                || ' created timestamptz DEFAULT now())', i, j);
                        END LOOP;
                        IF i %% 50 = 0 THEN COMMIT; END IF;
                    END LOOP;
                END
                $$""".formatted(schemas, SCHEMA_TABLES));
        try (Connection connection = DriverManager.getConnection(url)) {
            for (int round = 1; round <= 3; round++) {
                long snapshots = 0;
                long digests = 0;
                for (int i = 0; i < SAMPLES; i++) {
                    String schema = "tenant_" + (1 + (long) i * schemas / SAMPLES);
                    long start = System.nanoTime();
                    SchemaSnapshot snapshot = SchemaSnapshot.take(connection, List.of(schema), EXCLUDED);
                    snapshots += System.nanoTime() - start;
                    // Each table, its three columns and its key; and plpgsql, the extension every database has.
                    if (snapshot.objects().size() != SCHEMA_TABLES * (1 + 3 + 1) + 1) {
                        throw new IllegalStateException(schema + ": " + snapshot.objects().size() + " objects");
                    }
                    start = System.nanoTime();
                    new SnapshotStore(schema, "tidemark_history").digest(connection);
                    digests += System.nanoTime() - start;
                }
                System.out.printf(
                        "round %d, one schema of %d (%d tables each): snapshot %.1f ms, digest %.1f ms (means of %d)%n",
                        round, schemas, SCHEMA_TABLES, snapshots / 1e6 / SAMPLES, digests / 1e6 / SAMPLES, SAMPLES);
            }
        }
    }

    private static void execute(String url, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String withDatabase(String url, String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String parameters = query < 0 ? "" : url.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + parameters;
    }
}
