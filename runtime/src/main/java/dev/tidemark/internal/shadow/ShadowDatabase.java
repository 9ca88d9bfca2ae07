package dev.tidemark.internal.shadow;

import dev.tidemark.internal.sql.Identifier;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.function.Function;

/**
 * A shadow database: a scratch database made for one piece of work (replaying migrations to find a
 * baseline, a round-trip test) on the {@link ShadowServer}, and dropped afterwards, also when the
 * work fails. Messages call it the temporary database. Creating and dropping run on the server's
 * connection, which must be in auto-commit: PostgreSQL creates and drops databases only outside a
 * transaction.
 */
public final class ShadowDatabase {

    /** Runs on the temporary database, given its name. */
    @FunctionalInterface
    public interface Work<T> {
        T run(String database) throws SQLException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private ShadowDatabase() {}

    /** {@code prefix} followed by 16 random hex digits. */
    public static String newName(String prefix) {
        return prefix + Long.toHexString(RANDOM.nextLong()).toLowerCase(Locale.ROOT);
    }

    /**
     * Creates the database {@code name}, runs {@code work} on it and drops it, whatever the work's
     * outcome (a failure to drop is added to the work's failure as suppressed).
     *
     * @param cannotCreate the exception to throw when the database cannot be created
     */
    public static <T> T using(
            Connection live, String name, Function<SQLException, RuntimeException> cannotCreate, Work<T> work)
            throws SQLException {
        try {
            create(live, name);
        } catch (SQLException e) {
            throw cannotCreate.apply(e);
        }
        T result;
        try {
            result = work.run(name);
        } catch (RuntimeException | SQLException | Error e) {
            try {
                drop(live, name);
            } catch (SQLException dropFailure) {
                e.addSuppressed(dropFailure);
            }
            throw e;
        }
        drop(live, name);
        return result;
    }

    /** Creates an empty database {@code name}. */
    public static void create(Connection live, String name) throws SQLException {
        try (Statement statement = live.createStatement()) {
            statement.execute("CREATE DATABASE " + Identifier.quote(name));
        }
    }

    /** Drops the database, ending any session still connected to it. */
    public static void drop(Connection live, String name) throws SQLException {
        try (Statement statement = live.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + Identifier.quote(name) + " WITH (FORCE)");
        }
    }
}
