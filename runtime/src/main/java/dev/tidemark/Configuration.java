package dev.tidemark;

import dev.tidemark.spi.MigrationManifest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Settings for a {@link Tidemark}, built fluently from {@link Tidemark#configure()} and checked
 * by {@link #load()}. Invalid settings fail in {@code load()}, before any connection, with a
 * {@link ConfigurationException} that names the setting.
 */
public final class Configuration {

    /** The default history table name. */
    public static final String DEFAULT_TABLE = "tidemark_history";

    DataSource dataSource;
    String url;
    String user;
    String password;
    String schema = "public";
    boolean createSchema = true;
    String table = DEFAULT_TABLE;
    String target = "latest";
    boolean outOfOrder;
    boolean validateOnMigrate = true;
    boolean failOnPending;
    Duration lockWait = Duration.ofSeconds(60);
    Duration lockTimeout = Duration.ofSeconds(10);
    Duration statementTimeout = Duration.ZERO;
    Duration progressInterval = Duration.ofSeconds(10);
    int connectRetries;
    Duration connectRetryInterval = Duration.ofSeconds(1);
    String applicationName = "tidemark";
    String installedBy;
    ClassLoader classLoader;
    final List<MigrationManifest> manifests = new ArrayList<>();
    TidemarkListener listener = TidemarkListener.NONE;
    DriftMode drift = DriftMode.FAIL;
    boolean undoNonTransactional;
    boolean rehearse;
    Duration rehearsalLockTimeout = Duration.ofSeconds(2);
    Path rehearsalReport;
    String failOnExclusiveLockAbove;
    String shadowUrl;
    boolean connectEarly;
    boolean resume;
    RepairAs repairAs;

    Configuration() {}

    /** Connections come from this data source. Takes precedence over {@link #url}. */
    public Configuration dataSource(DataSource dataSource) {
        this.dataSource = dataSource;
        return this;
    }

    /**
     * Connect through {@link java.sql.DriverManager} to this URL: a {@code jdbc:postgresql://}
     * URL, or a {@code postgres://user:password@host:port/database} URL as platforms hand out in
     * {@code DATABASE_URL}. The PostgreSQL JDBC driver must be on the class path.
     */
    public Configuration url(String url) {
        this.url = url;
        return this;
    }

    /** The database user; overrides a user given in the URL. */
    public Configuration user(String user) {
        this.user = user;
        return this;
    }

    /** The database password; overrides one given in the URL. Never logged. */
    public Configuration password(String password) {
        this.password = password;
        return this;
    }

    /** The schema to migrate and to keep the history table in. Default {@code public}. */
    public Configuration schema(String schema) {
        this.schema = schema;
        return this;
    }

    /** Whether to create the schema when it does not exist. Default {@code true}. */
    public Configuration createSchema(boolean createSchema) {
        this.createSchema = createSchema;
        return this;
    }

    /** The history table name. Default {@value #DEFAULT_TABLE}. */
    public Configuration table(String table) {
        this.table = table;
        return this;
    }

    /**
     * How far {@code migrate} goes: {@code latest} (the default), {@code current} (apply nothing
     * new), or a version of the code.
     */
    public Configuration target(String target) {
        this.target = target;
        return this;
    }

    /** Whether pending migrations older than the newest applied one may run. Default {@code false}. */
    public Configuration outOfOrder(boolean outOfOrder) {
        this.outOfOrder = outOfOrder;
        return this;
    }

    /** Whether {@code migrate} validates before applying anything. Default {@code true}. */
    public Configuration validateOnMigrate(boolean validateOnMigrate) {
        this.validateOnMigrate = validateOnMigrate;
        return this;
    }

    /** Whether {@code validate} fails when migrations are pending. Default {@code false}. */
    public Configuration failOnPending(boolean failOnPending) {
        this.failOnPending = failOnPending;
        return this;
    }

    /** How long to wait for another session's migration lock before failing. Default 60 s. */
    public Configuration lockWait(Duration lockWait) {
        this.lockWait = lockWait;
        return this;
    }

    /**
     * PostgreSQL's {@code lock_timeout} for migration statements: how long a statement may wait
     * for a table lock before it fails, so that a migration stuck behind a busy table does not
     * stall production traffic queued behind it. Default 10 s; zero disables it.
     */
    public Configuration lockTimeout(Duration lockTimeout) {
        this.lockTimeout = lockTimeout;
        return this;
    }

    /** PostgreSQL's {@code statement_timeout} for migration statements. Default zero: none. */
    public Configuration statementTimeout(Duration statementTimeout) {
        this.statementTimeout = statementTimeout;
        return this;
    }

    /**
     * How often to report a migration statement that is still running: after this long, and again
     * after each further interval, the listener hears how long it has run and what it waits on (for
     * a lock, which sessions hold it), read from {@code pg_stat_activity} on a session of its own,
     * opened only when a statement runs that long. Default 10 s; zero reports nothing.
     */
    public Configuration progressInterval(Duration progressInterval) {
        this.progressInterval = progressInterval;
        return this;
    }

    /** How many times to retry connecting to a database that is still starting. Default 0. */
    public Configuration connectRetries(int connectRetries) {
        this.connectRetries = connectRetries;
        return this;
    }

    /** The first wait between connection attempts; it doubles on each retry, up to 30 s. Default 1 s. */
    public Configuration connectRetryInterval(Duration connectRetryInterval) {
        this.connectRetryInterval = connectRetryInterval;
        return this;
    }

    /** The {@code application_name} Tidemark's sessions show. Default {@code tidemark}. */
    public Configuration applicationName(String applicationName) {
        this.applicationName = applicationName;
        return this;
    }

    /** Who is recorded as having applied migrations. Default: the database user. */
    public Configuration installedBy(String installedBy) {
        this.installedBy = installedBy;
        return this;
    }

    /**
     * The class loader to find generated manifests in, through {@link java.util.ServiceLoader}.
     * Default: the thread's context class loader. Ignored when {@link #manifests} are given.
     */
    public Configuration classLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
        return this;
    }

    /** Use these manifests instead of looking them up through a class loader. */
    public Configuration manifests(MigrationManifest... manifests) {
        this.manifests.clear();
        for (MigrationManifest manifest : manifests) {
            this.manifests.add(Objects.requireNonNull(manifest, "manifest"));
        }
        return this;
    }

    /** Where progress goes. Default: nowhere. */
    public Configuration listener(TidemarkListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * What happens when the live schema differs from the snapshot recorded by the last migrate or
     * baseline: {@link DriftMode#FAIL} (the default) fails validation and makes migrate refuse,
     * {@link DriftMode#WARN} reports each difference as a warning, {@link DriftMode#IGNORE} skips the
     * comparison.
     */
    public Configuration drift(DriftMode drift) {
        this.drift = Objects.requireNonNull(drift, "drift");
        return this;
    }

    /**
     * Whether {@link #load()} starts opening the first session on a second thread while it reads
     * the manifests, for the first call ({@code migrate()}, {@code validate()}, …) to take: the two
     * then overlap, which for a cold JVM saves most of the time to connect (mostly the driver
     * loading its classes). For a caller that makes a call right after {@code load()}, as the Maven
     * plugin does. A session no call takes within 10 s is closed; when {@code load()} fails it is
     * closed too. A failed attempt counts as the first call's first attempt to connect: its retries
     * and error are the same. Ignored with a {@link #dataSource}. Default {@code false}: {@code
     * load()} does not connect.
     */
    public Configuration connectEarly(boolean connectEarly) {
        this.connectEarly = connectEarly;
        return this;
    }

    /**
     * Whether {@link Tidemark#undo} may run the {@code down} of a non-transactional migration. Such
     * a down runs outside a transaction: when it fails part way, the database is left partly
     * reverted (a failed undo row records it). Default {@code false}: undo refuses before touching
     * anything.
     */
    public Configuration undoNonTransactional(boolean undoNonTransactional) {
        this.undoNonTransactional = undoNonTransactional;
        return this;
    }

    /**
     * Whether {@link Tidemark#migrate()} only rehearses: runs the pending transactional migrations
     * in one transaction that is always rolled back, applies nothing, and fails when one of them
     * fails (see {@link Tidemark#rehearse()}). Default {@code false}.
     */
    public Configuration rehearse(boolean rehearse) {
        this.rehearse = rehearse;
        return this;
    }

    /**
     * PostgreSQL's {@code lock_timeout} during a rehearsal: how long a statement may wait for a
     * table lock before the rehearsal gives up on it and says which lock it could not get, so that a
     * rehearsal against a busy production database never queues traffic behind it. Default 2 s;
     * zero leaves the server's setting.
     */
    public Configuration rehearsalLockTimeout(Duration rehearsalLockTimeout) {
        this.rehearsalLockTimeout = rehearsalLockTimeout;
        return this;
    }

    /**
     * A file to write the rehearsal report to, for review: Markdown when the name ends in {@code
     * .md}, plain text otherwise. Default: none (the report is in the result and the listener).
     */
    public Configuration rehearsalReport(Path rehearsalReport) {
        this.rehearsalReport = rehearsalReport;
        return this;
    }

    /**
     * Makes a rehearsal fail when one of its statements would hold ACCESS EXCLUSIVE (no reads, no
     * writes) on an existing table larger than this: a size such as {@code 1GB}, {@code 500MB}
     * (1024-based) or a number of rows such as {@code 1000000rows} (the planner's estimate). The
     * failure names the statement, the table and its size. Default: no limit.
     */
    public Configuration failOnExclusiveLockAbove(String failOnExclusiveLockAbove) {
        this.failOnExclusiveLockAbove = failOnExclusiveLockAbove;
        return this;
    }

    /**
     * A PostgreSQL server on which Tidemark may create and drop temporary databases, for {@link
     * Tidemark#baseline()} without a version and for {@link Tidemark#roundTrip()}: a {@code
     * jdbc:postgresql://} or {@code postgres://user:password@host:5432/postgres} URL naming any
     * database on that server (usually {@code postgres}); its user needs {@code CREATEDB}. Use it to
     * keep temporary databases off a production server, or when connections come from a {@link
     * javax.sql.DataSource}, whose password Tidemark cannot reuse. Default: the migrated database's
     * own server, with the same credentials. Never logged with its password.
     */
    public Configuration shadowUrl(String shadowUrl) {
        this.shadowUrl = shadowUrl;
        return this;
    }

    /**
     * Whether {@link Tidemark#migrate()} resumes a non-transactional migration whose run stopped
     * (failed, killed, or lost its connection): it runs the migration's {@code up} again, skipping
     * the statements the stopped run recorded as completed after checking each is the same
     * statement (the code after them may have changed, to fix the one that failed), then goes on
     * with the pending migrations. Statements the migration runs through {@link
     * MigrationContext#connection()} directly are not recorded and run again. Default {@code false}:
     * migrate refuses while such a run is recorded, naming both ways out (resume, or {@link
     * #repairAs repair}).
     */
    public Configuration resume(boolean resume) {
        this.resume = resume;
        return this;
    }

    /**
     * What {@link Tidemark#repair()} does with the row of a non-transactional migration that failed
     * or never finished: {@link RepairAs#APPLIED} marks it applied (kept, recorded as repaired),
     * {@link RepairAs#REMOVED} deletes it (the migration runs again from its first statement).
     * Default: none, and repair refuses when there is such a row, naming both.
     */
    public Configuration repairAs(RepairAs repairAs) {
        this.repairAs = repairAs;
        return this;
    }

    /**
     * Checks the settings, loads the manifests and returns a {@link Tidemark}. Does not connect.
     *
     * @throws ConfigurationException naming the first invalid setting
     */
    public Tidemark load() {
        return Tidemark.load(this);
    }
}
