package bench.junit;

import dev.tidemark.Tidemark;
import dev.tidemark.junit.MigratedDatabases;
import dev.tidemark.junit.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The time to a fresh migrated database per test: cloned from the template (what
 * {@code @MigratedDatabase} does, through the same public API it uses) against created empty and
 * migrated from scratch. Prints one line per figure, milliseconds.
 *
 * <p>Arguments: server URL, schema, clones, migrations from scratch.
 */
public final class JunitBench {

    public static void main(String[] args) throws Exception {
        String server = args[0];
        String schema = args[1];
        int clones = Integer.parseInt(args[2]);
        int scratches = Integer.parseInt(args[3]);
        Set<String> before = templates(server);

        // A schema of its own makes a template nobody has built: this is a first run's cost.
        long start = System.nanoTime();
        TestDatabase first = MigratedDatabases.configure().server(server).schema(schema).create();
        double firstRun = millis(start);
        String tables = first.queryForString(
                "select count(*) from pg_tables where schemaname = ?", schema);
        String relations = first.queryForString("select count(*) from pg_class");
        first.close();
        System.out.printf("first run: template built and first clone in %.0f ms (%s tables, %s relations)%n",
                firstRun, tables, relations);

        List<Double> create = new ArrayList<>();
        List<Double> total = new ArrayList<>();
        for (int i = 0; i < clones; i++) {
            long t0 = System.nanoTime();
            TestDatabase database = MigratedDatabases.configure().server(server).schema(schema).create();
            double created = millis(t0);
            database.close();
            create.add(created);
            total.add(millis(t0));
        }
        System.out.printf("clone from template: create %s ms, create+drop %s ms (median of %d; all: %s)%n",
                median(create), median(total), clones, rounded(total));

        // Where a clone's time goes: the connection, CREATE DATABASE with each of PostgreSQL 15's
        // strategies, DROP DATABASE (and the checkpoints each requests), in alternating order; then
        // the same with a copy of the template whose catalogs were compacted with VACUUM FULL.
        Set<String> built = templates(server);
        built.removeAll(before);
        if (!built.isEmpty()) {
            String template = built.iterator().next();
            breakdown(server, template, "template as built", clones);
            String compact = "tidemark_bench_compact";
            execute(server, "CREATE DATABASE " + compact + " TEMPLATE \"" + template + "\"");
            long t0 = System.nanoTime();
            execute(withDatabase(server, compact), "VACUUM FULL");
            System.out.printf("VACUUM FULL of a copy of the template: %.0f ms%n", millis(t0));
            execute(server, "ALTER DATABASE " + compact + " ALLOW_CONNECTIONS false");
            breakdown(server, compact, "template after VACUUM FULL", clones);
            execute(server, "DROP DATABASE " + compact);
        }

        List<Double> migrate = new ArrayList<>();
        List<Double> scratchTotal = new ArrayList<>();
        for (int i = 0; i < scratches; i++) {
            String name = "tidemark_bench_scratch_" + i;
            long t0 = System.nanoTime();
            execute(server, "CREATE DATABASE " + name);
            Tidemark.configure()
                    .url(withDatabase(server, name))
                    .schema(schema)
                    .load()
                    .migrate();
            double migrated = millis(t0);
            execute(server, "DROP DATABASE " + name + " WITH (FORCE)");
            migrate.add(migrated);
            scratchTotal.add(millis(t0));
        }
        if (scratches > 0) System.out.printf("migrate from scratch: create+migrate %s ms, +drop %s ms (median of %d; all: %s)%n",
                median(migrate), median(scratchTotal), scratches, rounded(scratchTotal));

        for (String template : templates(server)) {
            if (!before.contains(template)) {
                execute(server, "DROP DATABASE \"" + template + "\"");
            }
        }
    }

    /** Times the steps of a clone of {@code template} in {@code rounds} rounds, strategies alternating. */
    private static void breakdown(String server, String template, String label, int rounds) throws SQLException {
        System.out.printf("%s: %s%n", label, query(server,
                "select pg_size_pretty(pg_database_size('" + template + "'))"));
        List<Double> connect = new ArrayList<>();
        List<Double> walLog = new ArrayList<>();
        List<Double> fileCopy = new ArrayList<>();
        List<Double> dropAfterWalLog = new ArrayList<>();
        List<Double> dropAfterFileCopy = new ArrayList<>();
        List<Double> checkpoint = new ArrayList<>();
        long checkpointsBefore = Long.parseLong(query(server, "select checkpoints_req from pg_stat_bgwriter"));
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            try (Connection connection = DriverManager.getConnection(server)) {
                connect.add(millis(t0));
                for (String strategy : i % 2 == 0 ? List.of("WAL_LOG", "FILE_COPY") : List.of("FILE_COPY", "WAL_LOG")) {
                    long t1 = System.nanoTime();
                    run(connection, "CREATE DATABASE tidemark_bench_clone TEMPLATE \"" + template + "\" STRATEGY " + strategy);
                    (strategy.equals("WAL_LOG") ? walLog : fileCopy).add(millis(t1));
                    long t2 = System.nanoTime();
                    run(connection, "DROP DATABASE tidemark_bench_clone");
                    (strategy.equals("WAL_LOG") ? dropAfterWalLog : dropAfterFileCopy).add(millis(t2));
                }
                long t3 = System.nanoTime();
                run(connection, "CHECKPOINT");
                checkpoint.add(millis(t3));
            }
        }
        long checkpoints = Long.parseLong(query(server, "select checkpoints_req from pg_stat_bgwriter")) - checkpointsBefore;
        System.out.printf("  connect %s ms; create WAL_LOG %s ms (all: %s), FILE_COPY %s ms (all: %s)%n",
                median(connect), median(walLog), rounded(walLog), median(fileCopy), rounded(fileCopy));
        System.out.printf("  drop after WAL_LOG %s ms (all: %s), after FILE_COPY %s ms; CHECKPOINT alone %s ms"
                        + " (all: %s); %d requested checkpoints in %d rounds (medians of %d)%n",
                median(dropAfterWalLog), rounded(dropAfterWalLog), median(dropAfterFileCopy), median(checkpoint),
                rounded(checkpoint), checkpoints, rounds, rounds);
    }

    private static String query(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static void run(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Set<String> templates(String server) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Connection connection = DriverManager.getConnection(server);
                Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery("select datname from pg_database where datname like 'tidemark\\_tpl\\_%'")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private static void execute(String server, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String withDatabase(String url, String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + (query < 0 ? "" : url.substring(query));
    }

    private static double millis(long since) {
        return (System.nanoTime() - since) / 1e6;
    }

    private static String median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return String.format("%.0f", median);
    }

    private static String rounded(List<Double> values) {
        return values.stream().map(v -> String.format("%.0f", v)).toList().toString();
    }
}
