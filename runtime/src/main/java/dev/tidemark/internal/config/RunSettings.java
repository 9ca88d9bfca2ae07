package dev.tidemark.internal.config;

import dev.tidemark.ConfigurationException;
import dev.tidemark.DriftMode;
import dev.tidemark.RepairAs;
import dev.tidemark.Setting;
import dev.tidemark.TidemarkListener;
import dev.tidemark.internal.analysis.SizeLimit;
import dev.tidemark.internal.fleet.SessionReuse;
import dev.tidemark.internal.plan.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The settings one {@link dev.tidemark.Tidemark} runs with: the {@link dev.tidemark.Configuration}'s
 * values, already checked against the {@link Setting} catalog, read by name and resolved (the URL
 * parsed, an explicit user or password over the URL's, the target read). {@link #toString()} never
 * shows the password.
 */
public final class RunSettings {

    private final DataSource dataSource;
    private final DatabaseUrl url;
    private final String user;
    private final String password;
    private final String schema;
    private final boolean createSchema;
    private final String table;
    private final Target target;
    private final String undoTo;
    private final boolean outOfOrder;
    private final boolean validateOnMigrate;
    private final boolean failOnPending;
    private final Duration lockWait;
    private final Duration lockTimeout;
    private final Duration statementTimeout;
    private final Duration progressInterval;
    private final int connectRetries;
    private final Duration connectRetryInterval;
    private final String applicationName;
    private final String installedBy;
    private final DriftMode drift;
    private final Map<String, String> placeholders;
    private final TidemarkListener listener;
    private final boolean undoNonTransactional;
    private final boolean rehearse;
    private final Duration rehearsalLockTimeout;
    private final Path rehearsalReport;
    private final SizeLimit exclusiveLockLimit;
    private final DatabaseUrl shadowUrl;
    private final boolean resume;
    private final RepairAs repairAs;
    private final SessionReuse sessionReuse;

    /**
     * Resolves checked values: an explicit user or password overrides the one in the URL.
     *
     * @param values every setting's value as the API takes it, each already checked
     * @throws ConfigurationException when there is no database, or the URL or the target is malformed
     */
    public RunSettings(Map<Setting, Object> values, DataSource dataSource, TidemarkListener listener) {
        this(values, dataSource, listener, null);
    }

    /** As the other constructor, for one target of a fleet whose sessions {@code sessionReuse} keeps, or null. */
    public RunSettings(
            Map<Setting, Object> values, DataSource dataSource, TidemarkListener listener, SessionReuse sessionReuse) {
        this.sessionReuse = sessionReuse;
        this.dataSource = dataSource;
        this.listener = listener;
        this.url = DatabaseUrl.of(dataSource, text(values, Setting.URL));
        String givenUser = text(values, Setting.USER);
        this.user = givenUser == null && url != null ? url.user() : givenUser;
        String givenPassword = (String) values.get(Setting.PASSWORD);
        this.password = givenPassword == null && url != null ? url.password() : givenPassword;
        this.schema = (String) values.get(Setting.SCHEMA);
        this.createSchema = (Boolean) values.get(Setting.CREATE_SCHEMA);
        this.table = (String) values.get(Setting.TABLE);
        this.target = Target.parse((String) values.get(Setting.TARGET));
        this.undoTo = text(values, Setting.UNDO_TO);
        this.outOfOrder = (Boolean) values.get(Setting.OUT_OF_ORDER);
        this.validateOnMigrate = (Boolean) values.get(Setting.VALIDATE_ON_MIGRATE);
        this.failOnPending = (Boolean) values.get(Setting.FAIL_ON_PENDING);
        this.lockWait = (Duration) values.get(Setting.LOCK_WAIT);
        this.lockTimeout = (Duration) values.get(Setting.LOCK_TIMEOUT);
        this.statementTimeout = (Duration) values.get(Setting.STATEMENT_TIMEOUT);
        this.progressInterval = (Duration) values.get(Setting.PROGRESS_INTERVAL);
        this.connectRetries = (Integer) values.get(Setting.CONNECT_RETRIES);
        this.connectRetryInterval = (Duration) values.get(Setting.CONNECT_RETRY_INTERVAL);
        String givenName = text(values, Setting.APPLICATION_NAME);
        this.applicationName = givenName == null ? Setting.APPLICATION_NAME.defaultValue() : givenName;
        this.installedBy = text(values, Setting.INSTALLED_BY);
        this.drift = (DriftMode) values.get(Setting.DRIFT);
        @SuppressWarnings("unchecked")
        Map<String, String> givenPlaceholders = (Map<String, String>) values.get(Setting.PLACEHOLDERS);
        this.placeholders = givenPlaceholders == null ? Map.of() : givenPlaceholders;
        this.undoNonTransactional = (Boolean) values.get(Setting.UNDO_NON_TRANSACTIONAL);
        this.rehearse = (Boolean) values.get(Setting.REHEARSE);
        this.rehearsalLockTimeout = (Duration) values.get(Setting.REHEARSAL_LOCK_TIMEOUT);
        this.rehearsalReport = (Path) values.get(Setting.REHEARSAL_REPORT);
        this.exclusiveLockLimit = SizeLimit.parse(text(values, Setting.FAIL_ON_EXCLUSIVE_LOCK_ABOVE));
        String shadow = text(values, Setting.SHADOW_URL);
        this.shadowUrl = shadow == null ? null : DatabaseUrl.parse(shadow, Setting.SHADOW_URL);
        this.resume = (Boolean) values.get(Setting.RESUME);
        this.repairAs = (RepairAs) values.get(Setting.REPAIR_AS);
    }

    /** A text setting stripped, or null when it is not given or blank. */
    /** Values of the {@code ${name}} placeholders of SQL migrations; empty when none are given. */
    public Map<String, String> placeholders() {
        return placeholders;
    }

    private static String text(Map<Setting, Object> values, Setting setting) {
        String value = (String) values.get(setting);
        return value == null || value.isBlank() ? null : value.strip();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Where a fleet keeps the sessions of finished targets for the next ones; null outside a fleet. */
    public SessionReuse sessionReuse() {
        return sessionReuse;
    }

    public DatabaseUrl url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String schema() {
        return schema;
    }

    public boolean createSchema() {
        return createSchema;
    }

    public String table() {
        return table;
    }

    public Target target() {
        return target;
    }

    /** The version {@code undo()} goes back to as given, or null: undo only the newest. */
    public String undoTo() {
        return undoTo;
    }

    public boolean outOfOrder() {
        return outOfOrder;
    }

    public boolean validateOnMigrate() {
        return validateOnMigrate;
    }

    public boolean failOnPending() {
        return failOnPending;
    }

    public Duration lockWait() {
        return lockWait;
    }

    public Duration lockTimeout() {
        return lockTimeout;
    }

    public Duration statementTimeout() {
        return statementTimeout;
    }

    public Duration progressInterval() {
        return progressInterval;
    }

    public int connectRetries() {
        return connectRetries;
    }

    public Duration connectRetryInterval() {
        return connectRetryInterval;
    }

    public String applicationName() {
        return applicationName;
    }

    public String installedBy() {
        return installedBy;
    }

    public DriftMode drift() {
        return drift;
    }

    public TidemarkListener listener() {
        return listener;
    }

    public boolean undoNonTransactional() {
        return undoNonTransactional;
    }

    public boolean rehearse() {
        return rehearse;
    }

    public Duration rehearsalLockTimeout() {
        return rehearsalLockTimeout;
    }

    public Path rehearsalReport() {
        return rehearsalReport;
    }

    /** The size above which a rehearsed statement may not hold ACCESS EXCLUSIVE, or null: no limit. */
    public SizeLimit exclusiveLockLimit() {
        return exclusiveLockLimit;
    }

    public DatabaseUrl shadowUrl() {
        return shadowUrl;
    }

    public boolean resume() {
        return resume;
    }

    public RepairAs repairAs() {
        return repairAs;
    }

    /** Where the database is, for messages: never with a password. */
    public String describeDatabase() {
        return url == null ? "the configured DataSource" : url.describe();
    }

    @Override
    public String toString() {
        return "Settings[database=" + describeDatabase() + ", user=" + user + ", password="
                + (password == null ? "none" : "****") + ", schema=" + schema + ", table=" + table + ", target="
                + target + ", outOfOrder=" + outOfOrder + ", lockWait=" + lockWait + ", lockTimeout=" + lockTimeout
                + "]";
    }
}
