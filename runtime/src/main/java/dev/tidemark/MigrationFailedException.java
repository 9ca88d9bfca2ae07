package dev.tidemark;

/**
 * A migration failed. The message names the migration and its class, the exact statement,
 * PostgreSQL's SQLSTATE, message and position, the version the database is at now, and what to do.
 */
public class MigrationFailedException extends TidemarkException {

    private static final long serialVersionUID = 1L;

    private final transient MigrationDescriptor migration;
    private final String statement;
    private final String sqlState;
    private final transient MigrationVersion currentVersion;

    public MigrationFailedException(
            ErrorCode code,
            String message,
            MigrationDescriptor migration,
            String statement,
            String sqlState,
            MigrationVersion currentVersion,
            Throwable cause) {
        super(code, message, cause);
        this.migration = migration;
        this.statement = statement;
        this.sqlState = sqlState;
        this.currentVersion = currentVersion;
    }

    /** A failure in three parts, as {@link TidemarkException} takes them. */
    public MigrationFailedException(
            ErrorCode code,
            Phrase what,
            Phrase state,
            Phrase remedy,
            MigrationDescriptor migration,
            String statement,
            String sqlState,
            MigrationVersion currentVersion,
            Throwable cause) {
        super(code, what, state, remedy, cause);
        this.migration = migration;
        this.statement = statement;
        this.sqlState = sqlState;
        this.currentVersion = currentVersion;
    }

    /** The migration that failed. */
    public MigrationDescriptor migration() {
        return migration;
    }

    /** The statement that failed, or null when the failure was not in a statement. */
    public String statement() {
        return statement;
    }

    /** PostgreSQL's SQLSTATE, or null. */
    public String sqlState() {
        return sqlState;
    }

    /** The version the database is at now, or null when no migration is applied. */
    public MigrationVersion currentVersion() {
        return currentVersion;
    }
}
