package dev.tidemark;

import java.util.Locale;

/**
 * Every setting of Tidemark, declared once: its name, the kind of value it takes, its default and
 * one line of documentation. Each caller derives its own spelling from the name: the API's {@code
 * Configuration.lockWait(…)}, the Maven plugin's {@code <lockWait>} and {@code -Dschema.lockWait},
 * Spring Boot's {@code tidemark.lock-wait}, the command line's {@code --lock-wait} and the
 * environment's {@code TIDEMARK_LOCK_WAIT}.
 *
 * <p>Objects that only code can hand over (a {@code DataSource}, a listener, a class loader,
 * manifests) are not settings; neither are a caller's own switches (Maven's {@code skip}).
 */
public enum Setting {
    URL(
            "url",
            Kind.TEXT,
            null,
            "The database: a jdbc:postgresql:// URL or a postgres://user:password@host:port/database URL."),
    USER("user", Kind.TEXT, null, "The database user; overrides a user given in the URL."),
    PASSWORD("password", Kind.SECRET, null, "The database password; overrides one given in the URL. Never printed."),
    SCHEMA("schema", Kind.TEXT, "public", "The schema to migrate and to keep the history table in."),
    CREATE_SCHEMA("createSchema", Kind.BOOLEAN, "true", "Whether to create the schema when it does not exist."),
    TABLE("table", Kind.TEXT, "tidemark_history", "The history table's name."),
    TARGET(
            "target",
            Kind.TEXT,
            "latest",
            "How far migrate goes: latest, current (apply nothing new), or a version of the code."),
    UNDO_TO(
            "undoTo",
            Kind.TEXT,
            null,
            "The version undo goes back to; its migration stays applied. Default: undo only the newest."),
    OUT_OF_ORDER(
            "outOfOrder",
            Kind.BOOLEAN,
            "false",
            "Whether pending migrations older than the newest applied one may run."),
    VALIDATE_ON_MIGRATE(
            "validateOnMigrate", Kind.BOOLEAN, "true", "Whether migrate validates before applying anything."),
    FAIL_ON_PENDING("failOnPending", Kind.BOOLEAN, "false", "Whether validate fails when migrations are pending."),
    LOCK_WAIT(
            "lockWait",
            Kind.DURATION,
            "PT60S",
            "How long to wait for another session's migration lock before failing."),
    LOCK_TIMEOUT(
            "lockTimeout",
            Kind.DURATION,
            "PT10S",
            "PostgreSQL's lock_timeout for migration statements; zero disables it."),
    STATEMENT_TIMEOUT(
            "statementTimeout",
            Kind.DURATION,
            "PT0S",
            "PostgreSQL's statement_timeout for migration statements; zero: none."),
    PROGRESS_INTERVAL(
            "progressInterval",
            Kind.DURATION,
            "PT10S",
            "How often to report a statement that is still running; zero reports nothing."),
    CONNECT_RETRIES(
            "connectRetries",
            Kind.INTEGER,
            "0",
            "How many times to retry connecting to a database that is still starting."),
    CONNECT_RETRY_INTERVAL(
            "connectRetryInterval",
            Kind.DURATION,
            "PT1S",
            "The first wait between connection attempts; it doubles on each retry, up to 30 s."),
    APPLICATION_NAME("applicationName", Kind.TEXT, "tidemark", "The application_name Tidemark's sessions show."),
    INSTALLED_BY(
            "installedBy",
            Kind.TEXT,
            null,
            "Who is recorded as having applied migrations. Default: the database user."),
    DRIFT("drift", Kind.CHOICE, "fail", "What a schema changed since the last migrate does: fail, warn or ignore."),
    UNDO_NON_TRANSACTIONAL(
            "undoNonTransactional",
            Kind.BOOLEAN,
            "false",
            "Whether undo may run the down of a non-transactional migration."),
    REHEARSE(
            "rehearse",
            Kind.BOOLEAN,
            "false",
            "Whether migrate only rehearses: runs the pending migrations in a transaction that is rolled back."),
    REHEARSAL_LOCK_TIMEOUT(
            "rehearsalLockTimeout",
            Kind.DURATION,
            "PT2S",
            "PostgreSQL's lock_timeout during a rehearsal; zero leaves the server's setting."),
    REHEARSAL_REPORT(
            "rehearsalReport",
            Kind.PATH,
            null,
            "A file to write the rehearsal report to: Markdown when it ends in .md, text otherwise."),
    FAIL_ON_EXCLUSIVE_LOCK_ABOVE(
            "failOnExclusiveLockAbove",
            Kind.TEXT,
            null,
            "Fail a rehearsal whose statement would hold ACCESS EXCLUSIVE on a table above this size (1GB) or"
                    + " row count (1000000rows)."),
    SHADOW_URL(
            "shadowUrl",
            Kind.SECRET,
            null,
            "A server on which Tidemark may create and drop temporary databases. Default: the migrated database's server."),
    CONNECT_EARLY(
            "connectEarly",
            Kind.BOOLEAN,
            "false",
            "Whether loading starts connecting, for the first command to take the session."),
    RESUME(
            "resume",
            Kind.BOOLEAN,
            "false",
            "Whether migrate resumes a stopped non-transactional migration after its completed statements."),
    REPAIR_AS(
            "repairAs",
            Kind.CHOICE,
            null,
            "What repair does with a stopped non-transactional migration: applied or removed.");

    /** The kind of value a setting takes, which decides how callers parse and show it. */
    public enum Kind {
        TEXT,
        /** Text never printed, nor put into an exception's message. */
        SECRET,
        BOOLEAN,
        INTEGER,
        /** An ISO-8601 duration such as {@code PT10S}. */
        DURATION,
        /** A file. */
        PATH,
        /** One of a fixed set of lower-case words. */
        CHOICE
    }

    private final String name;
    private final Kind kind;
    private final String defaultValue;
    private final String description;

    Setting(String name, Kind kind, String defaultValue, String description) {
        this.name = name;
        this.kind = kind;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** The name in camel case, as the API and the Maven plugin spell it: {@code lockWait}. */
    public String camelName() {
        return name;
    }

    /** The name in lower case with hyphens, as Spring Boot and the command line spell it: {@code lock-wait}. */
    public String kebabName() {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** The environment variable: {@code TIDEMARK_LOCK_WAIT}. */
    public String environmentName() {
        return "TIDEMARK_" + kebabName().replace('-', '_').toUpperCase(Locale.ROOT);
    }

    public Kind kind() {
        return kind;
    }

    /** The default as text, or {@code null} when there is none (or it depends on other settings). */
    public String defaultValue() {
        return defaultValue;
    }

    /** One line of documentation. */
    public String description() {
        return description;
    }
}
