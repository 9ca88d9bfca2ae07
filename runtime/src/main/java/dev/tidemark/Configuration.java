package dev.tidemark;

import dev.tidemark.spi.MigrationManifest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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
    ClassLoader classLoader;
    final List<MigrationManifest> manifests = new ArrayList<>();
    TidemarkListener listener = TidemarkListener.NONE;

    /** Every setting's value as the API takes it, starting from the catalog's defaults. */
    private final Map<Setting, Object> values = new EnumMap<>(Setting.class);

    Configuration() {
        for (Setting setting : Setting.values()) {
            values.put(setting, setting.parsedDefault());
        }
    }

    /**
     * Values of the {@code ${name}} placeholders in SQL migration files, replaced before a file runs
     * (not part of its checksum). A file that uses a placeholder without a value is refused when
     * loading, before anything runs.
     */
    public Configuration placeholders(Map<String, String> placeholders) {
        return put(Setting.PLACEHOLDERS, Map.copyOf(placeholders));
    }

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
        return put(Setting.URL, url);
    }

    /** The database user; overrides a user given in the URL. */
    public Configuration user(String user) {
        return put(Setting.USER, user);
    }

    /** The database password; overrides one given in the URL. Never logged. */
    public Configuration password(String password) {
        return put(Setting.PASSWORD, password);
    }

    /** The schema to migrate and to keep the history table in. Default {@code public}. */
    public Configuration schema(String schema) {
        return put(Setting.SCHEMA, schema);
    }

    /** Whether to create the schema when it does not exist. Default {@code true}. */
    public Configuration createSchema(boolean createSchema) {
        return put(Setting.CREATE_SCHEMA, createSchema);
    }

    /** The history table name. Default {@value #DEFAULT_TABLE}. */
    public Configuration table(String table) {
        return put(Setting.TABLE, table);
    }

    /**
     * How far {@code migrate} goes: {@code latest} (the default), {@code current} (apply nothing
     * new), or a version of the code.
     */
    public Configuration target(String target) {
        return put(Setting.TARGET, target);
    }

    /**
     * The version {@link Tidemark#undo()} goes back to: every applied migration above it is undone,
     * its own stays applied. Default: none, and undo reverts only the newest.
     */
    public Configuration undoTo(String undoTo) {
        return put(Setting.UNDO_TO, undoTo);
    }

    /** Whether pending migrations older than the newest applied one may run. Default {@code false}. */
    public Configuration outOfOrder(boolean outOfOrder) {
        return put(Setting.OUT_OF_ORDER, outOfOrder);
    }

    /** Whether {@code migrate} validates before applying anything. Default {@code true}. */
    public Configuration validateOnMigrate(boolean validateOnMigrate) {
        return put(Setting.VALIDATE_ON_MIGRATE, validateOnMigrate);
    }

    /** Whether {@code validate} fails when migrations are pending. Default {@code false}. */
    public Configuration failOnPending(boolean failOnPending) {
        return put(Setting.FAIL_ON_PENDING, failOnPending);
    }

    /** How long to wait for another session's migration lock before failing. Default 60 s. */
    public Configuration lockWait(Duration lockWait) {
        return put(Setting.LOCK_WAIT, lockWait);
    }

    /**
     * PostgreSQL's {@code lock_timeout} for migration statements: how long a statement may wait
     * for a table lock before it fails, so that a migration stuck behind a busy table does not
     * stall production traffic queued behind it. Default 10 s; zero disables it.
     */
    public Configuration lockTimeout(Duration lockTimeout) {
        return put(Setting.LOCK_TIMEOUT, lockTimeout);
    }

    /** PostgreSQL's {@code statement_timeout} for migration statements. Default zero: none. */
    public Configuration statementTimeout(Duration statementTimeout) {
        return put(Setting.STATEMENT_TIMEOUT, statementTimeout);
    }

    /**
     * How often to report a migration statement that is still running: after this long, and again
     * after each further interval, the listener hears how long it has run and what it waits on (for
     * a lock, which sessions hold it), read from {@code pg_stat_activity} on a session of its own,
     * opened only when a statement runs that long. Default 10 s; zero reports nothing.
     */
    public Configuration progressInterval(Duration progressInterval) {
        return put(Setting.PROGRESS_INTERVAL, progressInterval);
    }

    /** How many times to retry connecting to a database that is still starting. Default 0. */
    public Configuration connectRetries(int connectRetries) {
        return put(Setting.CONNECT_RETRIES, connectRetries);
    }

    /** The first wait between connection attempts; it doubles on each retry, up to 30 s. Default 1 s. */
    public Configuration connectRetryInterval(Duration connectRetryInterval) {
        return put(Setting.CONNECT_RETRY_INTERVAL, connectRetryInterval);
    }

    /** The {@code application_name} Tidemark's sessions show. Default {@code tidemark}. */
    public Configuration applicationName(String applicationName) {
        return put(Setting.APPLICATION_NAME, applicationName);
    }

    /** Who is recorded as having applied migrations. Default: the database user. */
    public Configuration installedBy(String installedBy) {
        return put(Setting.INSTALLED_BY, installedBy);
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
        return put(Setting.DRIFT, Objects.requireNonNull(drift, "drift"));
    }

    /**
     * Has no effect, whatever the value: {@link #load()} never connects, and each call ({@code
     * migrate()}, {@code validate()}, …) opens its sessions on the caller's thread. Kept so that code
     * which sets it still compiles; it once opened the first session on a second thread while {@code
     * load()} read the manifests.
     *
     * @deprecated has no effect; remove the call
     */
    @Deprecated
    public Configuration connectEarly(boolean connectEarly) {
        return this;
    }

    /**
     * Whether {@link Tidemark#undo} may run the {@code down} of a non-transactional migration. Such
     * a down runs outside a transaction: when it fails part way, the database is left partly
     * reverted (a failed undo row records it). Default {@code false}: undo refuses before touching
     * anything.
     */
    public Configuration undoNonTransactional(boolean undoNonTransactional) {
        return put(Setting.UNDO_NON_TRANSACTIONAL, undoNonTransactional);
    }

    /**
     * Whether {@link Tidemark#migrate()} only rehearses: runs the pending transactional migrations
     * in one transaction that is always rolled back, applies nothing, and fails when one of them
     * fails (see {@link Tidemark#rehearse()}). Default {@code false}.
     */
    public Configuration rehearse(boolean rehearse) {
        return put(Setting.REHEARSE, rehearse);
    }

    /**
     * PostgreSQL's {@code lock_timeout} during a rehearsal: how long a statement may wait for a
     * table lock before the rehearsal gives up on it and says which lock it could not get, so that a
     * rehearsal against a busy production database never queues traffic behind it. Default 2 s;
     * zero leaves the server's setting.
     */
    public Configuration rehearsalLockTimeout(Duration rehearsalLockTimeout) {
        return put(Setting.REHEARSAL_LOCK_TIMEOUT, rehearsalLockTimeout);
    }

    /**
     * A file to write the rehearsal report to, for review: Markdown when the name ends in {@code
     * .md}, plain text otherwise. Default: none (the report is in the result and the listener).
     */
    public Configuration rehearsalReport(Path rehearsalReport) {
        return put(Setting.REHEARSAL_REPORT, rehearsalReport);
    }

    /**
     * Makes a rehearsal fail when one of its statements would hold ACCESS EXCLUSIVE (no reads, no
     * writes) on an existing table larger than this: a size such as {@code 1GB}, {@code 500MB}
     * (1024-based) or a number of rows such as {@code 1000000rows} (the planner's estimate). The
     * failure names the statement, the table and its size. Default: no limit.
     */
    public Configuration failOnExclusiveLockAbove(String failOnExclusiveLockAbove) {
        return put(Setting.FAIL_ON_EXCLUSIVE_LOCK_ABOVE, failOnExclusiveLockAbove);
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
        return put(Setting.SHADOW_URL, shadowUrl);
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
        return put(Setting.RESUME, resume);
    }

    /**
     * What {@link Tidemark#repair()} does with the row of a non-transactional migration that failed
     * or never finished: {@link RepairAs#APPLIED} marks it applied (kept, recorded as repaired),
     * {@link RepairAs#REMOVED} deletes it (the migration runs again from its first statement).
     * Default: none, and repair refuses when there is such a row, naming both.
     */
    public Configuration repairAs(RepairAs repairAs) {
        return put(Setting.REPAIR_AS, repairAs);
    }

    /**
     * Several schemas to run on with {@link #loadFleet()}, each with its own history table (named by
     * {@link #table}) and its own lock; {@link #schema} is then not used. May be combined with {@link
     * #schemaPattern} and {@link #schemaQuery}: the run takes every schema any of them names, once.
     */
    public Configuration schemas(String... schemas) {
        return put(Setting.SCHEMAS, schemas.length == 0 ? null : String.join(",", schemas));
    }

    /**
     * Run {@link #loadFleet()} on every existing schema of each database whose name matches this SQL
     * {@code LIKE} pattern ({@code tenant_%}), read when the run starts.
     */
    public Configuration schemaPattern(String schemaPattern) {
        return put(Setting.SCHEMA_PATTERN, schemaPattern);
    }

    /**
     * Run {@link #loadFleet()} on the schemas this query lists in its first column, read from each
     * database when the run starts: {@code SELECT schema_name FROM tenants WHERE active}.
     */
    public Configuration schemaQuery(String schemaQuery) {
        return put(Setting.SCHEMA_QUERY, schemaQuery);
    }

    /**
     * Several databases (shards) to run on with {@link #loadFleet()}, instead of {@link #url}: each
     * a {@code jdbc:postgresql://} or {@code postgres://} URL; {@link #user} and {@link #password}
     * apply to each. Combined with the schema settings, every selected schema of every database is
     * a target. Never logged with a password.
     */
    public Configuration urls(String... urls) {
        return put(Setting.URLS, urls.length == 0 ? null : String.join(",", urls));
    }

    /**
     * How many targets of a {@link #loadFleet()} run at once, each on its own sessions. Default 1:
     * one after another, so that a run never puts more load on a server than a single migration
     * does unless asked to; raise it up to the cores of the database server.
     */
    public Configuration parallelism(int parallelism) {
        return put(Setting.PARALLELISM, parallelism);
    }

    /**
     * What a {@link #loadFleet()} run does when a target fails: {@link OnTargetFailure#STOP} (the
     * default) starts no further target, {@link OnTargetFailure#CONTINUE} goes on with the others.
     * Either way the run fails at the end.
     */
    public Configuration onTargetFailure(OnTargetFailure onTargetFailure) {
        return put(Setting.ON_TARGET_FAILURE, Objects.requireNonNull(onTargetFailure, "onTargetFailure"));
    }

    /**
     * Sets {@code setting} from text as a command line, an environment variable or a properties
     * file hands it over (see {@link Setting#parse}): {@code set(Setting.LOCK_WAIT, "30s")} does
     * what {@code lockWait(Duration.ofSeconds(30))} does. Null or blank text leaves the setting as
     * it is.
     *
     * @throws ConfigurationException naming the setting when the text is not of its kind
     */
    public Configuration set(Setting setting, String text) {
        Object value = setting.parse(text);
        return value == null ? this : put(setting, value);
    }

    private Configuration put(Setting setting, Object value) {
        values.put(setting, value);
        return this;
    }

    /**
     * Every setting's value, each {@linkplain Setting#check checked} against the catalog.
     *
     * @throws ConfigurationException naming the first invalid setting
     */
    Map<Setting, Object> checkedValues() {
        for (Map.Entry<Setting, Object> entry : values.entrySet()) {
            entry.getKey().check(entry.getValue());
        }
        return Collections.unmodifiableMap(new EnumMap<>(values));
    }

    /**
     * Checks the settings, loads the manifests and returns a {@link Tidemark}. Does not connect.
     *
     * @throws ConfigurationException naming the first invalid setting
     */
    public Tidemark load() {
        Fleet.refuseTargets(values);
        return Tidemark.load(this);
    }

    /**
     * Checks the settings, loads the manifests and returns a {@link Fleet}: {@code migrate},
     * {@code validate}, {@code info} and {@code baseline} on every target that {@link #schemas},
     * {@link #schemaPattern}, {@link #schemaQuery} and {@link #urls} select, or on the one
     * database and schema configured when none is set. Does not connect.
     *
     * @throws ConfigurationException naming the first invalid setting
     */
    public Fleet loadFleet() {
        return Fleet.load(this, checkedValues());
    }

    /**
     * Whether {@link #schemas}, {@link #schemaPattern}, {@link #schemaQuery} or {@link #urls} is
     * set: then {@link #loadFleet()} is the call that runs, and {@link #load()} refuses.
     */
    public boolean selectsSeveralTargets() {
        return Fleet.selects(values);
    }
}
