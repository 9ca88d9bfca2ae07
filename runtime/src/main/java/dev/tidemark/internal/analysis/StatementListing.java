package dev.tidemark.internal.analysis;

import dev.tidemark.JavaMigration;
import dev.tidemark.MigrationContext;
import dev.tidemark.MigrationDescriptor;
import dev.tidemark.spi.sql.ScriptException;
import dev.tidemark.spi.sql.ScriptSplitter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Lists the statements a non-transactional migration would run, without running any: its {@code
 * up} runs against a context that records what it is given. A migration that reads the database or
 * uses the connection itself cannot be listed this way; {@link #unlisted} says why.
 */
public final class StatementListing implements MigrationContext {

    private final String schema;
    private final MigrationDescriptor migration;
    private final List<String> statements = new ArrayList<>();
    private String unlisted;

    private StatementListing(String schema, MigrationDescriptor migration) {
        this.schema = schema;
        this.migration = migration;
    }

    /** The statements {@code code} would run, or the reason they cannot be listed ({@link #unlisted}). */
    public static StatementListing of(String schema, MigrationDescriptor migration, Supplier<JavaMigration> code) {
        StatementListing listing = new StatementListing(schema, migration);
        try {
            code.get().up(listing);
        } catch (SQLException | RuntimeException | LinkageError e) {
            listing.unlisted = "it " + (e instanceof Unlistable ? e.getMessage() : "failed while listing: " + e);
        }
        return listing;
    }

    public List<String> statements() {
        return statements;
    }

    /** Why the statements could not be listed, or null. */
    public String unlisted() {
        return unlisted;
    }

    @Override
    public Connection connection() {
        throw new Unlistable("uses the connection itself");
    }

    @Override
    public void execute(String sql) throws SQLException {
        try {
            statements.addAll(ScriptSplitter.split(sql));
        } catch (ScriptException e) {
            throw new Unlistable("runs SQL that cannot be split into statements (" + e.getMessage() + ")");
        }
    }

    @Override
    public int update(String sql, Object... parameters) {
        statements.add(sql);
        return 0;
    }

    @Override
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... parameters) {
        throw new Unlistable("reads the database (" + sql + ")");
    }

    @Override
    public String schema() {
        return schema;
    }

    @Override
    public MigrationDescriptor migration() {
        return migration;
    }

    private static final class Unlistable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unlistable(String message) {
            super(message, null, false, false);
        }
    }
}
