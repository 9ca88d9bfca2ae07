package bench.fleet;

import dev.tidemark.FleetResult;
import dev.tidemark.Tidemark;
import dev.tidemark.spi.MigrationEntry;
import dev.tidemark.spi.MigrationManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.flywaydb.core.Flyway;

/**
 * {@code FleetBench SERVER_URL DATABASE SCHEMAS MIGRATIONS RUNS [MODES]}: migrates SCHEMAS empty
 * tenant schemas with MIGRATIONS migrations each, three ways, RUNS times each in turn, on a
 * database dropped and created before every run: Tidemark's fleet with parallelism 2
 * ({@code tidemark-p2}), the same with parallelism 1, one schema after another ({@code
 * tidemark-p1}), and a loop that runs Flyway once per schema ({@code flyway-loop}); MODES, separated
 * by commas, runs only some of them. All in one JVM, so that the figures compare the work and not
 * JVM start-up; every mode first runs once untimed on 20 schemas, so that no mode pays for the JIT's
 * warm-up, which is a few seconds of two-core time in runs of half a minute.
 * Checks after every run that every schema has all its tables. Prints each run, each mode's median,
 * and the ratios between the modes that ran (parallel to sequential also round by round).
 */
public final class FleetBench {

    /** Flyway logs each migration of each schema; kept here so the level is not collected away. */
    private static final Logger FLYWAY_LOG = Logger.getLogger("org.flywaydb");

    static {
        FLYWAY_LOG.setLevel(Level.WARNING);
    }

    public static void main(String[] args) throws Exception {
        String server = args[0];
        String database = args[1];
        int schemas = Integer.parseInt(args[2]);
        int migrations = Integer.parseInt(args[3]);
        int runs = Integer.parseInt(args[4]);
        String url = withDatabase(server, database);
        List<String> sql = new ArrayList<>();
        for (int i = 1; i <= migrations; i++) {
            sql.add(i % 5 == 0
                    ? "CREATE INDEX t" + (i - 1) + "_name ON t" + (i - 1) + " (name); CREATE TABLE t" + i
                            + " (id bigint PRIMARY KEY, name text)"
                    : "CREATE TABLE t" + i + " (id bigint PRIMARY KEY, name text, created timestamptz DEFAULT now())");
        }
        Path flywayDir = Files.createTempDirectory("fleet-bench-flyway");
        for (int i = 0; i < sql.size(); i++) {
            Files.writeString(flywayDir.resolve("V" + (i + 1) + "__step_" + (i + 1) + ".sql"), sql.get(i) + ";\n");
        }
        MigrationManifest manifest = manifest(sql);
        String[] modes = args.length > 5
                ? args[5].split(",")
                : new String[] {"tidemark-p2", "tidemark-p1", "flyway-loop"};
        int warmUp = Math.min(schemas, 20);
        for (String mode : modes) {
            fresh(server, database, warmUp);
            run(mode, url, manifest, flywayDir, warmUp);
        }
        double[][] seconds = new double[modes.length][runs];
        for (int run = 0; run < runs; run++) {
            for (int k = 0; k < modes.length; k++) {
                // Alternate the order, so that no mode always runs on the freshest server.
                int m = run % 2 == 0 ? k : modes.length - 1 - k;
                fresh(server, database, schemas);
                long start = System.nanoTime();
                run(modes[m], url, manifest, flywayDir, schemas);
                double elapsed = (System.nanoTime() - start) / 1e9;
                check(url, schemas, migrations);
                System.out.printf(
                        Locale.ROOT, "%s %s: %.2f s%n", "run " + (run + 1), modes[m], elapsed);
                seconds[m][run] = elapsed;
            }
        }
        drop(server, database);
        System.out.printf(Locale.ROOT, "medians of %d runs, %d schemas x %d migrations:%n", runs, schemas, migrations);
        for (int m = 0; m < modes.length; m++) {
            System.out.printf(Locale.ROOT, "  %s: %.2f s%n", modes[m], median(seconds[m]));
        }
        int p2 = Arrays.asList(modes).indexOf("tidemark-p2");
        int p1 = Arrays.asList(modes).indexOf("tidemark-p1");
        int flyway = Arrays.asList(modes).indexOf("flyway-loop");
        if (p2 >= 0 && p1 >= 0) {
            // The runs of one round ran back to back, so each round's own ratio is shown too.
            StringBuilder rounds = new StringBuilder();
            for (int run = 0; run < runs; run++) {
                rounds.append(String.format(Locale.ROOT, " %.2f", seconds[p2][run] / seconds[p1][run]));
            }
            System.out.printf(
                    Locale.ROOT,
                    "  parallel / sequential: %.2f (each round:%s)%n",
                    median(seconds[p2]) / median(seconds[p1]),
                    rounds);
        }
        if (p2 >= 0 && flyway >= 0) {
            System.out.printf(
                    Locale.ROOT, "  parallel / Flyway loop: %.2f%n", median(seconds[p2]) / median(seconds[flyway]));
        }
        if (p1 >= 0 && flyway >= 0) {
            System.out.printf(
                    Locale.ROOT, "  sequential / Flyway loop: %.2f%n", median(seconds[p1]) / median(seconds[flyway]));
        }
    }

    static void run(String mode, String url, MigrationManifest manifest, Path flywayDir, int schemas)
            throws SQLException {
        switch (mode) {
            case "tidemark-p2" -> tidemark(url, manifest, 2);
            case "tidemark-p1" -> tidemark(url, manifest, 1);
            case "flyway-loop" -> flywayLoop(url, flywayDir, schemas);
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
    }

    static void tidemark(String url, MigrationManifest manifest, int parallelism) {
        FleetResult result = Tidemark.configure()
                .url(url)
                .manifests(manifest)
                .schemaPattern("tenant_%")
                .parallelism(parallelism)
                .loadFleet()
                .migrate();
        if (!result.ok()) {
            throw new IllegalStateException("not every target migrated");
        }
    }

    static void flywayLoop(String url, Path dir, int schemas) throws SQLException {
        for (String schema : tenants(url)) {
            Flyway.configure()
                    .dataSource(url, null, null)
                    .schemas(schema)
                    .locations("filesystem:" + dir)
                    .load()
                    .migrate();
        }
    }

    static MigrationManifest manifest(List<String> sql) {
        List<MigrationEntry> entries = new ArrayList<>();
        for (int i = 0; i < sql.size(); i++) {
            String script = sql.get(i);
            entries.add(new MigrationEntry(
                    String.valueOf(i + 1),
                    "step " + (i + 1),
                    "bench.V" + (i + 1),
                    "v1:" + Integer.toHexString(script.hashCode()),
                    true,
                    false,
                    () -> db -> db.execute(script)));
        }
        return () -> entries;
    }

    static List<String> tenants(String url) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet rows =
                        s.executeQuery("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tenant\\_%' ORDER BY 1")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    static void check(String url, int schemas, int migrations) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname LIKE 'tenant\\_%'"
                        + " AND tablename ~ '^t[0-9]+$'")) {
            rows.next();
            if (rows.getInt(1) != schemas * migrations) {
                throw new IllegalStateException(rows.getInt(1) + " tables, expected " + schemas * migrations);
            }
        }
    }

    static void fresh(String server, String database, int schemas) throws SQLException {
        drop(server, database);
        try (Connection c = DriverManager.getConnection(server);
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        try (Connection c = DriverManager.getConnection(withDatabase(server, database));
                Statement s = c.createStatement()) {
            StringBuilder create = new StringBuilder();
            for (int i = 0; i < schemas; i++) {
                create.append(String.format(Locale.ROOT, "CREATE SCHEMA tenant_%03d;", i));
            }
            s.execute(create.toString());
            s.execute("CHECKPOINT");
        }
    }

    static void drop(String server, String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(server);
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static String withDatabase(String url, String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String parameters = query < 0 ? "" : url.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + parameters;
    }
}
