package dev.tidemark;

/**
 * Every failure Tidemark reports. The message has three parts, each on its own line or lines:
 * what happened (migration, statement, SQLSTATE, position), the state the database is in now,
 * and what to do. It starts with the error code's id in brackets and never contains a password.
 */
public class TidemarkException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public TidemarkException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public TidemarkException(ErrorCode code, String message, Throwable cause) {
        super("[" + code.id() + "] " + message, cause);
        this.code = code;
    }

    /** What sort of failure this is. */
    public ErrorCode code() {
        return code;
    }
}
