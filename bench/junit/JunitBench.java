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
        first.close();
        System.out.printf("first run: template built and first clone in %.0f ms (%s tables)%n", firstRun, tables);

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

        // The same clone with PostgreSQL 15's other strategy, which copies files instead of writing
        // every block through the WAL: not what the extension does, to see whether it should.
        Set<String> built = templates(server);
        built.removeAll(before);
        if (!built.isEmpty()) {
            String template = built.iterator().next();
            List<Double> fileCopy = new ArrayList<>();
            for (int i = 0; i < clones; i++) {
                long t0 = System.nanoTime();
                execute(server, "CREATE DATABASE tidemark_bench_file_copy TEMPLATE \"" + template + "\" STRATEGY FILE_COPY");
                fileCopy.add(millis(t0));
                execute(server, "DROP DATABASE tidemark_bench_file_copy");
            }
            System.out.printf("clone with STRATEGY FILE_COPY: create %s ms (median of %d; all: %s)%n",
                    median(fileCopy), clones, rounded(fileCopy));
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
        System.out.printf("migrate from scratch: create+migrate %s ms, +drop %s ms (median of %d; all: %s)%n",
                median(migrate), median(scratchTotal), scratches, rounded(scratchTotal));

        for (String template : templates(server)) {
            if (!before.contains(template)) {
                execute(server, "DROP DATABASE \"" + template + "\"");
            }
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
