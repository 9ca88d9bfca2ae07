package dev.tidemark;

import java.time.Duration;

/**
 * Reads back what a {@link Configuration} holds, so that the plugin's tests can check the
 * translation of parameters without the runtime connecting anywhere.
 */
public final class ConfigurationProbe {

    private final Configuration configuration;

    public ConfigurationProbe(Configuration configuration) {
        this.configuration = configuration;
    }

    public String url() {
        return configuration.url;
    }

    public String user() {
        return configuration.user;
    }

    public String password() {
        return configuration.password;
    }

    public String schema() {
        return configuration.schema;
    }

    public String table() {
        return configuration.table;
    }

    public String target() {
        return configuration.target;
    }

    public boolean outOfOrder() {
        return configuration.outOfOrder;
    }

    public boolean validateOnMigrate() {
        return configuration.validateOnMigrate;
    }

    public boolean failOnPending() {
        return configuration.failOnPending;
    }

    public boolean createSchema() {
        return configuration.createSchema;
    }

    public Duration lockWait() {
        return configuration.lockWait;
    }

    public Duration lockTimeout() {
        return configuration.lockTimeout;
    }

    public Duration statementTimeout() {
        return configuration.statementTimeout;
    }

    public int connectRetries() {
        return configuration.connectRetries;
    }

    public Duration connectRetryInterval() {
        return configuration.connectRetryInterval;
    }

    public String applicationName() {
        return configuration.applicationName;
    }

    public String installedBy() {
        return configuration.installedBy;
    }

    public DriftMode drift() {
        return configuration.drift;
    }

    public boolean undoNonTransactional() {
        return configuration.undoNonTransactional;
    }

    public boolean rehearse() {
        return configuration.rehearse;
    }

    public Duration rehearsalLockTimeout() {
        return configuration.rehearsalLockTimeout;
    }

    public java.nio.file.Path rehearsalReport() {
        return configuration.rehearsalReport;
    }

    public String shadowUrl() {
        return configuration.shadowUrl;
    }

    public boolean resume() {
        return configuration.resume;
    }

    public RepairAs repairAs() {
        return configuration.repairAs;
    }
}
