package dev.tidemark.spi.sql;

import java.sql.SQLException;

/** A script that cannot be run through JDBC as written (psql commands, {@code COPY … FROM STDIN}). */
public final class ScriptException extends SQLException {

    private static final long serialVersionUID = 1L;

    private final String statement;

    public ScriptException(String message, String statement) {
        super(message);
        this.statement = statement;
    }

    /** The statement or line that was refused. */
    public String statement() {
        return statement;
    }
}
