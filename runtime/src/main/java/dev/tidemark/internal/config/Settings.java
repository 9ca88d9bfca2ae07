package dev.tidemark.internal.config;

import dev.tidemark.ConfigurationException;
import dev.tidemark.RepairAs;
import dev.tidemark.Setting;
import dev.tidemark.TidemarkListener;
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
        identifier(Setting.SCHEMA, schema);
        identifier(Setting.TABLE, table);
        notNegative(Setting.LOCK_WAIT, lockWait);
        notNegative(Setting.LOCK_TIMEOUT, lockTimeout);
        notNegative(Setting.STATEMENT_TIMEOUT, statementTimeout);
        notNegative(Setting.PROGRESS_INTERVAL, progressInterval);
        notNegative(Setting.REHEARSAL_LOCK_TIMEOUT, rehearsalLockTimeout);
        notNegative(Setting.CONNECT_RETRY_INTERVAL, connectRetryInterval);
        if (connectRetries < 0) {
            throw ConfigurationException.of(
                    Setting.CONNECT_RETRIES,
                    " is " + connectRetries + ", a negative number.",
                    "Set it to 0 (no retry) or to how many times to retry.");
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

    private static void identifier(Setting setting, String value) {
        if (value == null || value.isEmpty()) {
            throw ConfigurationException.of(
                    setting, " is empty.", "Set it to a name, or leave it out to use the default.");
        }
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_IDENTIFIER_BYTES) {
            throw ConfigurationException.of(
                    setting,
                    " '" + value + "' is " + bytes + " bytes long; PostgreSQL names have at most "
                            + MAX_IDENTIFIER_BYTES + " bytes and longer ones are silently truncated.",
                    "Choose a shorter name.");
        }
        if (value.indexOf('\0') >= 0) {
            throw ConfigurationException.of(setting, " contains a NUL character.", "Choose another name.");
        }
    }

    private static void notNegative(Setting setting, Duration value) {
        if (value == null) {
            throw ConfigurationException.of(setting, " is not set.", "Give a duration such as PT10S, or zero.");
        }
        if (value.isNegative()) {
            throw ConfigurationException.of(
                    setting, " is " + value + ", a negative duration.", "Give zero or a positive duration.");
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
