package dev.tidemark.internal.config;

import dev.tidemark.ConfigurationException;
import dev.tidemark.RepairAs;
import dev.tidemark.TidemarkListener;
import dev.tidemark.internal.analysis.SizeLimit;
import dev.tidemark.internal.jdbc.EarlySession;
import dev.tidemark.internal.plan.Target;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Checked settings of one {@link dev.tidemark.Tidemark}. The constructor refuses invalid values
 * before any connection is made, naming the setting. {@link #toString()} never shows the password.
 * {@code earlySession}, not a setting, is the session {@code load()} started opening for the first
 * call to take, or null.
 */
public record Settings(
        DataSource dataSource,
        DatabaseUrl url,
        String user,
        String password,
        String schema,
        boolean createSchema,
        String table,
        Target target,
        boolean outOfOrder,
        boolean validateOnMigrate,
        boolean failOnPending,
        Duration lockWait,
        Duration lockTimeout,
        Duration statementTimeout,
        Duration progressInterval,
        int connectRetries,
        Duration connectRetryInterval,
        String applicationName,
        String installedBy,
        TidemarkListener listener,
        boolean undoNonTransactional,
        boolean rehearse,
        Duration rehearsalLockTimeout,
        Path rehearsalReport,
        SizeLimit exclusiveLockLimit,
        DatabaseUrl shadowUrl,
        boolean resume,
        RepairAs repairAs,
        EarlySession earlySession) {

    /** PostgreSQL truncates identifiers longer than this many bytes. */
    static final int MAX_IDENTIFIER_BYTES = 63;

    /**
     * Checks the settings as the caller gave them and resolves the credentials: an explicit user
     * or password overrides the one in the URL.
     *
     * @throws ConfigurationException naming the first invalid setting
     */
    public Settings {
        identifier("schema.schema", schema);
        identifier("schema.table", table);
        notNegative("schema.lockWait", lockWait);
        notNegative("schema.lockTimeout", lockTimeout);
        notNegative("schema.statementTimeout", statementTimeout);
        notNegative("progressInterval", progressInterval);
        notNegative("schema.rehearsalLockTimeout", rehearsalLockTimeout);
        notNegative("schema.connectRetryInterval", connectRetryInterval);
        if (connectRetries < 0) {
            throw new ConfigurationException("schema.connectRetries is " + connectRetries
                    + ", a negative number.\nSet it to 0 (no retry) or to how many times to retry.");
        }
        if ((user == null || user.isEmpty()) && url != null) {
            user = url.user();
        }
        if (password == null && url != null) {
            password = url.password();
        }
        applicationName = applicationName == null || applicationName.isBlank() ? "tidemark" : applicationName;
        installedBy = installedBy == null || installedBy.isBlank() ? null : installedBy;
    }

    private static void identifier(String setting, String value) {
        if (value == null || value.isEmpty()) {
            throw new ConfigurationException(
                    setting + " is empty.\nSet it to a name, or leave it out to use the default.");
        }
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_IDENTIFIER_BYTES) {
            throw new ConfigurationException(setting + " '" + value + "' is " + bytes
                    + " bytes long; PostgreSQL names have at most " + MAX_IDENTIFIER_BYTES
                    + " bytes and longer ones are silently truncated.\nChoose a shorter name.");
        }
        if (value.indexOf('\0') >= 0) {
            throw new ConfigurationException(setting + " contains a NUL character.\nChoose another name.");
        }
    }

    private static void notNegative(String setting, Duration value) {
        if (value == null) {
            throw new ConfigurationException(setting + " is not set.\nGive a duration such as PT10S, or zero.");
        }
        if (value.isNegative()) {
            throw new ConfigurationException(
                    setting + " is " + value + ", a negative duration.\nGive zero or a positive duration.");
        }
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
