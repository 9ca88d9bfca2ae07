package bench.undo;

import dev.tidemark.Tidemark;
import dev.tidemark.UndoResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * {@code UndoBench tidemark|jdbc SERVER_URL DATABASE DOWN_DIR N}: in a fresh database, migrates
 * the N + 1 generated migrations through the API, then times one way of reverting the top N: the
 * API's {@code undo("1")}, or plain JDBC running the same down statements over one connection, each
 * down in one transaction. Prints the seconds of the timed part; checks that only t1 is left.
 */
public final class UndoBench {

    public static void main(String[] args) throws Exception {
        String way = args[0];
        String server = args[1];
        String database = args[2];
        Path downs = Path.of(args[3]);
        int n = Integer.parseInt(args[4]);
        String url = server.replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1");
        try (Connection admin = DriverManager.getConnection(server);
                Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
            s.execute("CREATE DATABASE \"" + database + "\"");
        }
        int applied = Tidemark.configure().url(url).load().migrate().applied().size();
        if (applied != n + 1) {
            throw new IllegalStateException(applied + " applied, not " + (n + 1));
        }
        try (Connection c = DriverManager.getConnection(server);
                Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        }
        long started = System.nanoTime();
        if (way.equals("tidemark")) {
            UndoResult result = Tidemark.configure().url(url).load().undo("1");
            if (result.undone().size() != n) {
                throw new IllegalStateException(result.undone().size() + " undone, not " + n);
            }
        } else {
            try (Connection c = DriverManager.getConnection(url)) {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    for (int i = n + 1; i >= 2; i--) {
                        List<String> statements = Files.readAllLines(downs.resolve(i + ".sql"));
                        for (String statement : statements) {
                            if (!statement.isBlank()) {
                                s.execute(statement);
                            }
                        }
                        c.commit();
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet left = s.executeQuery("SELECT count(*) FROM pg_class WHERE relkind = 'r'"
                        + " AND relnamespace = 'public'::regnamespace AND relname ~ '^t[0-9]+$'")) {
            left.next();
            if (left.getInt(1) != 1) {
                throw new IllegalStateException(left.getInt(1) + " tables left, not 1");
            }
        }
        System.out.printf("%s %.3f%n", way, seconds);
    }
}
