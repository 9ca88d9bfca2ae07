package dev.tidemark.spring;

import dev.tidemark.DriftMode;
import dev.tidemark.OnTargetFailure;
import dev.tidemark.RepairAs;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code tidemark.*} properties: one for every {@link dev.tidemark.Setting} of the catalog, in
 * Spring's spelling ({@code tidemark.lock-wait}, {@code TIDEMARK_LOCK_WAIT}), with the catalog's
 * defaults, and the starter's own switches ({@code enabled}, {@code mode}, {@code health.*}).
 *
 * <p>{@code url}, {@code user} and {@code password} name a database for the migrations other than
 * the application's {@code DataSource}: a user with DDL rights while the application's has none.
 */
@ConfigurationProperties(prefix = "tidemark")
public class TidemarkProperties {

    /** What to do at start-up. */
    public enum Mode {
        /** Apply the pending migrations (the default). */
        MIGRATE,
        /** Apply nothing; refuse to start when migrations are pending, failed, edited or the schema drifted. */
        VALIDATE,
        /** Do nothing at start-up. */
        NONE
    }

    /** Whether Tidemark runs at all. */
    private boolean enabled = true;

    /**
     * What to do at start-up: migrate (apply pending migrations), validate (apply nothing, refuse to
     * start on pending, failed, edited or drifted state) or none.
     */
    private Mode mode = Mode.MIGRATE;

    private final Health health = new Health();

    /** The database: a jdbc:postgresql:// URL or a postgres://user:password@host:port/database URL. */
    private String url;

    /** The database user; overrides a user given in the URL. */
    private String user;

    /** The database password; overrides one given in the URL. Never printed. */
    private String password;

    /** The schema to migrate and to keep the history table in. */
    private String schema = "public";

    /** Whether to create the schema when it does not exist. */
    private boolean createSchema = true;

    /** The history table's name. */
    private String table = "tidemark_history";

    /** How far migrate goes: latest, current (apply nothing new), or a version of the code. */
    private String target = "latest";

    /** The version undo goes back to; its migration stays applied. Default: undo only the newest. */
    private String undoTo;

    /** Whether pending migrations older than the newest applied one may run. */
    private boolean outOfOrder = false;

    /** Whether migrate validates before applying anything. */
    private boolean validateOnMigrate = true;

    /** Whether validate fails when migrations are pending. */
    private boolean failOnPending = false;

    /** How long to wait for another session's migration lock before failing. */
    private Duration lockWait = Duration.ofSeconds(60);

    /** PostgreSQL's lock_timeout for migration statements; zero disables it. */
    private Duration lockTimeout = Duration.ofSeconds(10);

    /** PostgreSQL's statement_timeout for migration statements; zero: none. */
    private Duration statementTimeout = Duration.ofSeconds(0);

    /** How often to report a statement that is still running; zero reports nothing. */
    private Duration progressInterval = Duration.ofSeconds(10);

    /** How many times to retry connecting to a database that is still starting. */
    private int connectRetries = 0;

    /** The first wait between connection attempts; it doubles on each retry, up to 30 s. */
    private Duration connectRetryInterval = Duration.ofSeconds(1);

    /** The application_name Tidemark's sessions show. */
    private String applicationName = "tidemark";

    /** Who is recorded as having applied migrations. Default: the database user. */
    private String installedBy;

    /** What a schema changed since the last migrate does: fail, warn or ignore. */
    private DriftMode drift = DriftMode.FAIL;

    /** Whether undo may run the down of a non-transactional migration. */
    private boolean undoNonTransactional = false;

    /** Whether migrate only rehearses: runs the pending migrations in a transaction that is rolled back. */
    private boolean rehearse = false;

    /** PostgreSQL's lock_timeout during a rehearsal; zero leaves the server's setting. */
    private Duration rehearsalLockTimeout = Duration.ofSeconds(2);

    /** A file to write the rehearsal report to: Markdown when it ends in .md, text otherwise. */
    private String rehearsalReport;

    /** A server on which Tidemark may create and drop temporary databases. Default: the migrated database's server. */
    private String shadowUrl;

    /** Whether migrate resumes a stopped non-transactional migration after its completed statements. */
    private boolean resume = false;

    /** What repair does with a stopped non-transactional migration: applied or removed. */
    private RepairAs repairAs;

    /** Values of the ${name} placeholders in SQL migration files; not part of their checksums. */
    private Map<String, String> placeholders;

    /** Fail a rehearsal whose statement would hold ACCESS EXCLUSIVE on a table above this size (1GB) or row count (1000000rows). */
    private String failOnExclusiveLockAbove;

    /** Several schemas to run on, separated by commas, each with its own history table and lock. */
    private String schemas;

    /** Run on every existing schema whose name matches this LIKE pattern, such as tenant_%. */
    private String schemaPattern;

    /** Run on the schemas this SQL query lists in its first column, such as a table of tenants. */
    private String schemaQuery;

    /** Several databases to run on (shards), their URLs separated by commas, instead of url; user and password apply to each. */
    private String urls;

    /** How many targets of a run on several schemas or databases run at once. */
    private int parallelism = 1;

    /** What a run on several targets does when one fails: stop (start no further target) or continue. */
    private OnTargetFailure onTargetFailure = OnTargetFailure.STOP;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Mode getMode() {
        return mode;
    }

    public void setMode(Mode mode) {
        this.mode = mode;
    }

    public Health getHealth() {
        return health;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getSchema() {
        return schema;
    }

    public void setSchema(String schema) {
        this.schema = schema;
    }

    public boolean isCreateSchema() {
        return createSchema;
    }

    public void setCreateSchema(boolean createSchema) {
        this.createSchema = createSchema;
    }

    public String getTable() {
        return table;
    }

    public void setTable(String table) {
        this.table = table;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    public String getUndoTo() {
        return undoTo;
    }

    public void setUndoTo(String undoTo) {
        this.undoTo = undoTo;
    }

    public boolean isOutOfOrder() {
        return outOfOrder;
    }

    public void setOutOfOrder(boolean outOfOrder) {
        this.outOfOrder = outOfOrder;
    }

    public boolean isValidateOnMigrate() {
        return validateOnMigrate;
    }

    public void setValidateOnMigrate(boolean validateOnMigrate) {
        this.validateOnMigrate = validateOnMigrate;
    }

    public boolean isFailOnPending() {
        return failOnPending;
    }

    public void setFailOnPending(boolean failOnPending) {
        this.failOnPending = failOnPending;
    }

    public Duration getLockWait() {
        return lockWait;
    }

    public void setLockWait(Duration lockWait) {
        this.lockWait = lockWait;
    }

    public Duration getLockTimeout() {
        return lockTimeout;
    }

    public void setLockTimeout(Duration lockTimeout) {
        this.lockTimeout = lockTimeout;
    }

    public Duration getStatementTimeout() {
        return statementTimeout;
    }

    public void setStatementTimeout(Duration statementTimeout) {
        this.statementTimeout = statementTimeout;
    }

    public Duration getProgressInterval() {
        return progressInterval;
    }

    public void setProgressInterval(Duration progressInterval) {
        this.progressInterval = progressInterval;
    }

    public int getConnectRetries() {
        return connectRetries;
    }

    public void setConnectRetries(int connectRetries) {
        this.connectRetries = connectRetries;
    }

    public Duration getConnectRetryInterval() {
        return connectRetryInterval;
    }

    public void setConnectRetryInterval(Duration connectRetryInterval) {
        this.connectRetryInterval = connectRetryInterval;
    }

    public String getApplicationName() {
        return applicationName;
    }

    public void setApplicationName(String applicationName) {
        this.applicationName = applicationName;
    }

    public String getInstalledBy() {
        return installedBy;
    }

    public void setInstalledBy(String installedBy) {
        this.installedBy = installedBy;
    }

    public DriftMode getDrift() {
        return drift;
    }

    public void setDrift(DriftMode drift) {
        this.drift = drift;
    }

    public boolean isUndoNonTransactional() {
        return undoNonTransactional;
    }

    public void setUndoNonTransactional(boolean undoNonTransactional) {
        this.undoNonTransactional = undoNonTransactional;
    }

    public boolean isRehearse() {
        return rehearse;
    }

    public void setRehearse(boolean rehearse) {
        this.rehearse = rehearse;
    }

    public Duration getRehearsalLockTimeout() {
        return rehearsalLockTimeout;
    }

    public void setRehearsalLockTimeout(Duration rehearsalLockTimeout) {
        this.rehearsalLockTimeout = rehearsalLockTimeout;
    }

    public String getRehearsalReport() {
        return rehearsalReport;
    }

    public void setRehearsalReport(String rehearsalReport) {
        this.rehearsalReport = rehearsalReport;
    }

    public String getShadowUrl() {
        return shadowUrl;
    }

    public void setShadowUrl(String shadowUrl) {
        this.shadowUrl = shadowUrl;
    }

    public boolean isResume() {
        return resume;
    }

    public void setResume(boolean resume) {
        this.resume = resume;
    }

    public RepairAs getRepairAs() {
        return repairAs;
    }

    public void setRepairAs(RepairAs repairAs) {
        this.repairAs = repairAs;
    }

    public Map<String, String> getPlaceholders() {
        return placeholders;
    }

    public void setPlaceholders(Map<String, String> placeholders) {
        this.placeholders = placeholders;
    }

    public String getFailOnExclusiveLockAbove() {
        return failOnExclusiveLockAbove;
    }

    public void setFailOnExclusiveLockAbove(String failOnExclusiveLockAbove) {
        this.failOnExclusiveLockAbove = failOnExclusiveLockAbove;
    }

    public String getSchemas() {
        return schemas;
    }

    public void setSchemas(String schemas) {
        this.schemas = schemas;
    }

    public String getSchemaPattern() {
        return schemaPattern;
    }

    public void setSchemaPattern(String schemaPattern) {
        this.schemaPattern = schemaPattern;
    }

    public String getSchemaQuery() {
        return schemaQuery;
    }

    public void setSchemaQuery(String schemaQuery) {
        this.schemaQuery = schemaQuery;
    }

    public String getUrls() {
        return urls;
    }

    public void setUrls(String urls) {
        this.urls = urls;
    }

    public int getParallelism() {
        return parallelism;
    }

    public void setParallelism(int parallelism) {
        this.parallelism = parallelism;
    }

    public OnTargetFailure getOnTargetFailure() {
        return onTargetFailure;
    }

    public void setOnTargetFailure(OnTargetFailure onTargetFailure) {
        this.onTargetFailure = onTargetFailure;
    }

    /** The Actuator health indicator's settings. */
    public static class Health {

        /** Whether pending migrations make the health indicator report DOWN rather than UP. */
        private boolean pendingIsDown = false;

        public boolean isPendingIsDown() {
            return pendingIsDown;
        }

        public void setPendingIsDown(boolean pendingIsDown) {
            this.pendingIsDown = pendingIsDown;
        }
    }
}
