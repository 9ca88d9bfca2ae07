package dev.tidemark.internal.jdbc;

import java.io.IOException;
import java.sql.SQLException;

/**
 * A failure of the connection or the server rather than of the SQL sent: SQLSTATE class 08
 * (connection exception), 57P01-57P03 (the server shut down, crashed or is starting), or an I/O
 * error under the driver's exception. After such a failure the session is gone, and what the
 * server did with the statement in flight (a {@code COMMIT} among them) can only be read back on a
 * new session.
 */
public enum ConnectionFault {
    /** The connection broke: a network cut, a reset, a proxy that closed it. */
    LOST,
    /** The server ended the session: an administrator's shutdown or {@code pg_terminate_backend} (57P01). */
    TERMINATED,
    /** The server crashed, or shut down without waiting, and ended every session (57P02). */
    CRASHED,
    /** The server is starting or shutting down and takes no connections (57P03). */
    UNAVAILABLE;

    /** The fault {@code failure} (or one of its causes) reports, or null for a failure of the SQL itself. */
    public static ConnectionFault of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException e) {
                ConnectionFault fault = ofState(e.getSQLState());
                if (fault != null) {
                    return fault;
                }
            }
            if (cause instanceof IOException) {
                return LOST;
            }
        }
        return null;
    }

    private static ConnectionFault ofState(String state) {
        if (state == null) {
            return null;
        }
        return switch (state) {
            case "57P01" -> TERMINATED;
            case "57P02" -> CRASHED;
            case "57P03" -> UNAVAILABLE;
            default -> state.startsWith("08") ? LOST : null;
        };
    }

    /** What happened, as the subject of a sentence: {@code the connection to the server was lost}. */
    public String happened() {
        return switch (this) {
            case LOST -> "the connection to the server was lost";
            case TERMINATED -> "the server ended the session (an administrator's shutdown or pg_terminate_backend)";
            case CRASHED -> "the server crashed or shut down immediately, ending every session";
            case UNAVAILABLE -> "the server is starting up or shutting down";
        };
    }
}
