package dev.tidemark.spi.sql;

import java.sql.SQLException;

/**
 * A statement of a SQL migration file failed: the server's (or the splitter's) exception, with the
 * file and the line the statement starts on. Message, SQLSTATE and vendor code are the cause's, so
 * whatever reads those sees the same failure.
 */
public final class SqlFileException extends SQLException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;

    public SqlFileException(String file, int line, SQLException cause) {
        super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
        this.file = file;
        this.line = line;
    }

    /** The file's path in its migration folder. */
    public String file() {
        return file;
    }

    /** The line of the file (from 1) the failed statement starts on; 0 when the whole file was refused. */
    public int line() {
        return line;
    }

    @Override
    public synchronized SQLException getCause() {
        return (SQLException) super.getCause();
    }
}
