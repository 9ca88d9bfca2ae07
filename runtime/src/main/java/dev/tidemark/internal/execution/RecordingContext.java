package dev.tidemark.internal.execution;

import dev.tidemark.MigrationContext;
import dev.tidemark.MigrationDescriptor;
import dev.tidemark.TidemarkEvent;
import dev.tidemark.TidemarkListener;
import dev.tidemark.internal.analysis.StatementProbe;
import dev.tidemark.spi.sql.ScriptException;
import dev.tidemark.spi.sql.ScriptSplitter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@link MigrationContext} a migration runs with. It records every statement: those that ran,
 * and the one running when a failure came, so that the error can quote it exactly.
 */
public final class RecordingContext implements MigrationContext {

    private static final Set<String> TRANSACTION_CONTROL = Set.of("COMMIT", "END", "ABORT", "BEGIN", "START");

    private final Connection connection;
    private final Connection guarded;
    private final String schema;
    private final MigrationDescriptor migration;
    private final TidemarkListener listener;
    private final StatementWatch watch;
    private final List<String> executed = new ArrayList<>();
    private final List<Duration> times = new ArrayList<>();
    private String running;
    private long runningSince;
    private StatementGate gate = StatementGate.ALL;
    private StatementProbe probe = StatementProbe.NONE;
    private int number;

    public RecordingContext(
            Connection connection, String schema, MigrationDescriptor migration, TidemarkListener listener) {
        this(connection, schema, migration, listener, StatementWatch.NONE);
    }

    /** A context whose statements {@code watch} reports while they run long. */
    RecordingContext(
            Connection connection,
            String schema,
            MigrationDescriptor migration,
            TidemarkListener listener,
            StatementWatch watch) {
        this.connection = connection;
        this.watch = watch;
        this.guarded = GuardedConnection.guard(connection, migration);
        this.schema = schema;
        this.migration = migration;
        this.listener = listener;
    }

    /** Asks {@code gate} before each statement whether it runs (see {@link StatementGate}). */
    public RecordingContext gated(StatementGate gate) {
        this.gate = gate;
        return this;
    }

    /** Tells {@code probe} before and after each statement (see {@link StatementProbe}). */
    public RecordingContext probed(StatementProbe probe) {
        this.probe = probe;
        return this;
    }

    @Override
    public Connection connection() {
        return guarded;
    }

    @Override
    public void execute(String sql) throws SQLException {
        List<String> statements;
        try {
            statements = ScriptSplitter.split(sql);
        } catch (ScriptException e) {
            running = e.statement();
            throw e;
        }
        if (migration.transactional()) {
            for (String text : statements) {
                refuseTransactionControl(text);
            }
        }
        try (Statement statement = connection.createStatement()) {
            for (int i = 0; i < statements.size(); i++) {
                String text = statements.get(i);
                if (!runs(text, statements.size() - i - 1)) {
                    continue;
                }
                start(text);
                try {
                    statement.execute(text);
                } finally {
                    watch.ended();
                }
                finish();
            }
        }
    }

    @Override
    public int update(String sql, Object... parameters) throws SQLException {
        if (!runs(sql, 0)) {
            return 0;
        }
        start(sql);
        try (PreparedStatement statement = prepare(sql, parameters)) {
            int count = statement.executeUpdate();
            finish();
            return count;
        } finally {
            watch.ended();
        }
    }

    @Override
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... parameters) throws SQLException {
        // A query the gate would skip runs all the same: reading again changes nothing, and the
        // migration needs its rows.
        if (!runs(sql, 0)) {
            executed.remove(executed.size() - 1);
            times.remove(times.size() - 1);
        }
        start(sql);
        try (PreparedStatement statement = prepare(sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(mapper.map(rows));
            }
            finish();
            return result;
        } finally {
            watch.ended();
        }
    }

    private PreparedStatement prepare(String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }

    /**
     * A transactional migration runs in one transaction with its history row (and a rehearsal runs
     * every migration in one transaction that must be rolled back): SQL that ends or starts a
     * transaction would commit the migration's changes without their row.
     */
    private void refuseTransactionControl(String statement) throws ScriptException {
        String[] words = leadingWords(statement);
        String first = words[0];
        boolean control = TRANSACTION_CONTROL.contains(first)
                || first.equals("ROLLBACK") && !words[1].equals("TO")
                || first.equals("PREPARE") && words[1].equals("TRANSACTION");
        if (control) {
            running = statement;
            throw new ScriptException(
                    "a transactional migration must not start or end a transaction in its SQL (" + first
                            + "): Tidemark commits its changes together with its history row. Remove the statement"
                            + " (use SAVEPOINT and ROLLBACK TO SAVEPOINT for partial rollback), or mark the migration"
                            + " @Migration(transactional = false)",
                    statement);
        }
    }

    /** The first two words of a statement, upper case, after leading comments; empty strings when absent. */
    private static String[] leadingWords(String statement) {
        String text = statement;
        while (true) {
            text = text.stripLeading();
            if (text.startsWith("--")) {
                int end = text.indexOf('\n');
                text = end < 0 ? "" : text.substring(end + 1);
            } else if (text.startsWith("/*")) {
                int end = text.indexOf("*/");
                text = end < 0 ? "" : text.substring(end + 2);
            } else {
                break;
            }
        }
        // Scanned, not split with a regular expression: every statement of every migration passes here.
        String[] words = {"", ""};
        int at = 0;
        for (int i = 0; i < words.length; i++) {
            while (at < text.length() && isSeparator(text.charAt(at))) {
                at++;
            }
            int start = at;
            while (at < text.length() && !isSeparator(text.charAt(at))) {
                at++;
            }
            words[i] = text.substring(start, at).toUpperCase(Locale.ROOT);
        }
        return words;
    }

    private static boolean isSeparator(char c) {
        return c == ';' || Character.isWhitespace(c);
    }

    /**
     * Numbers the next statement and asks the gate whether it runs; one it skips (completed by an
     * earlier run) counts as executed. {@code more} statements of the same script follow it.
     */
    private boolean runs(String sql, int more) throws SQLException {
        number++;
        if (gate.runs(number, sql, more)) {
            return true;
        }
        executed.add(sql);
        times.add(Duration.ZERO);
        return false;
    }

    private void start(String sql) throws SQLException {
        probe.before(executed.size() + 1, sql);
        running = sql;
        runningSince = System.nanoTime();
        listener.on(new TidemarkEvent.StatementStarted(migration, executed.size() + 1, sql));
        watch.started(migration, executed.size() + 1, sql);
    }

    private void finish() throws SQLException {
        Duration time = Duration.ofNanos(System.nanoTime() - runningSince);
        executed.add(running);
        times.add(time);
        String sql = running;
        running = null;
        probe.after(executed.size(), sql, time);
    }

    /** How long each statement of {@link #executed()} took, in the same order. */
    public List<Duration> times() {
        return times;
    }

    /** How long the statement running when the migration failed had run. */
    public Duration runningFor() {
        return Duration.ofNanos(System.nanoTime() - runningSince);
    }

    @Override
    public String schema() {
        return schema;
    }

    @Override
    public MigrationDescriptor migration() {
        return migration;
    }

    /** The statements that completed, in order. */
    public List<String> executed() {
        return executed;
    }

    /** The statement that was running when the migration failed, or null. */
    public String running() {
        return running;
    }
}
