package dev.tidemark.internal.lock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Asks the lock session which server process serves it: one prepared statement that the server
 * answers without reading anything, one round trip per question, on the caller's thread.
 */
final class ServerProcessProbe implements AutoCloseable {

    /** The server process's id, or why the session could not say. */
    record Answer(int pid, SQLException failure) {}

    private final PreparedStatement query;

    ServerProcessProbe(Connection session) throws SQLException {
        this.query = session.prepareStatement("SELECT pg_backend_pid()");
    }

    /** Asks now. */
    Answer current() {
        try (ResultSet row = query.executeQuery()) {
            row.next();
            return new Answer(row.getInt(1), null);
        } catch (SQLException e) {
            return new Answer(0, e);
        }
    }

    @Override
    public void close() {
        try {
            query.close();
        } catch (SQLException e) {
            // The lock session is closed right after.
        }
    }
}
