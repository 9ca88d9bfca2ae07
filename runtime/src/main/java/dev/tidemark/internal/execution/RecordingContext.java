package dev.tidemark.internal.execution;

import dev.tidemark.MigrationContext;
import dev.tidemark.MigrationDescriptor;
import dev.tidemark.TidemarkListener;
import dev.tidemark.internal.sql.ScriptException;
import dev.tidemark.internal.sql.ScriptSplitter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link MigrationContext} a migration runs with. It records every statement: those that ran,
 * and the one running when a failure came, so that the error can quote it exactly.
 */
final class RecordingContext implements MigrationContext {

    private final Connection connection;
    private final Connection guarded;
    private final String schema;
    private final MigrationDescriptor migration;
    private final TidemarkListener listener;
    private final List<String> executed = new ArrayList<>();
    private String running;

    RecordingContext(Connection connection, String schema, MigrationDescriptor migration, TidemarkListener listener) {
        this.connection = connection;
        this.guarded = GuardedConnection.guard(connection, migration);
        this.schema = schema;
        this.migration = migration;
        this.listener = listener;
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
        try (Statement statement = connection.createStatement()) {
            for (String text : statements) {
                start(text);
                statement.execute(text);
                finish();
            }
        }
    }

    @Override
    public int update(String sql, Object... parameters) throws SQLException {
        start(sql);
        try (PreparedStatement statement = prepare(sql, parameters)) {
            int count = statement.executeUpdate();
            finish();
            return count;
        }
    }

    @Override
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... parameters) throws SQLException {
        start(sql);
        try (PreparedStatement statement = prepare(sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(mapper.map(rows));
            }
            finish();
            return result;
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

    private void start(String sql) {
        running = sql;
        listener.debug("Migration " + migration.version() + ": " + sql);
    }

    private void finish() {
        executed.add(running);
        running = null;
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
    List<String> executed() {
        return executed;
    }

    /** The statement that was running when the migration failed, or null. */
    String running() {
        return running;
    }
}
