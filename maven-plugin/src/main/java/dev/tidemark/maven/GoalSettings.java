package dev.tidemark.maven;

import dev.tidemark.Configuration;
import dev.tidemark.ConfigurationException;
import dev.tidemark.DriftMode;
import dev.tidemark.RepairAs;
import java.io.File;
import java.time.Duration;

/**
 * The plugin's parameters as the user wrote them, checked and turned into a runtime {@link
 * Configuration}. Knows nothing of Maven, so every rule about parameters is tested on its own.
 * A null value leaves the runtime's default in place.
 */
final class GoalSettings {

    String schema;
    String table;
    String target;
    Boolean outOfOrder;
    Boolean validateOnMigrate;
    Boolean failOnPending;
    Boolean createSchema;
    String lockWait;
    String lockTimeout;
    String statementTimeout;
    Integer connectRetries;
    String connectRetryInterval;
    String applicationName;
    String installedBy;
    String drift;
    Boolean undoNonTransactional;
    Boolean rehearse;
    String rehearsalLockTimeout;
    File rehearsalReport;
    String failOnExclusiveLockAbove;
    String shadowUrl;
    Boolean resume;
    String repairAs;

    /**
     * Checks every setting and copies the ones given onto {@code configuration}.
     *
     * @throws ConfigurationException naming the POM element and the property of the first invalid
     *     setting
     */
    Configuration applyTo(Configuration configuration, DatabaseTarget database) {
        Duration lockWaitDuration = Durations.parse("lockWait", lockWait);
        Duration lockTimeoutDuration = Durations.parse("lockTimeout", lockTimeout);
        Duration statementTimeoutDuration = Durations.parse("statementTimeout", statementTimeout);
        Duration retryInterval = Durations.parse("connectRetryInterval", connectRetryInterval);
        Duration rehearsalLock = Durations.parse("rehearsalLockTimeout", rehearsalLockTimeout);
        DriftMode driftMode = driftMode();
        RepairAs repairChoice = repairAs();
        if (connectRetries != null && connectRetries < 0) {
            throw new ConfigurationException(Parameters.describe("connectRetries") + " is " + connectRetries
                    + ", which is negative: give how many times to retry, 0 for none.");
        }
        configuration.url(database.url());
        if (database.user() != null) {
            configuration.user(database.user());
        }
        if (database.password() != null) {
            configuration.password(database.password());
        }
        if (present(schema)) {
            configuration.schema(schema.trim());
        }
        if (present(table)) {
            configuration.table(table.trim());
        }
        if (present(target)) {
            configuration.target(target.trim());
        }
        if (outOfOrder != null) {
            configuration.outOfOrder(outOfOrder);
        }
        if (validateOnMigrate != null) {
            configuration.validateOnMigrate(validateOnMigrate);
        }
        if (failOnPending != null) {
            configuration.failOnPending(failOnPending);
        }
        if (createSchema != null) {
            configuration.createSchema(createSchema);
        }
        if (lockWaitDuration != null) {
            configuration.lockWait(lockWaitDuration);
        }
        if (lockTimeoutDuration != null) {
            configuration.lockTimeout(lockTimeoutDuration);
        }
        if (statementTimeoutDuration != null) {
            configuration.statementTimeout(statementTimeoutDuration);
        }
        if (connectRetries != null) {
            configuration.connectRetries(connectRetries);
        }
        if (retryInterval != null) {
            configuration.connectRetryInterval(retryInterval);
        }
        if (present(applicationName)) {
            configuration.applicationName(applicationName.trim());
        }
        if (present(installedBy)) {
            configuration.installedBy(installedBy.trim());
        }
        if (driftMode != null) {
            configuration.drift(driftMode);
        }
        if (undoNonTransactional != null) {
            configuration.undoNonTransactional(undoNonTransactional);
        }
        if (rehearse != null) {
            configuration.rehearse(rehearse);
        }
        if (rehearsalLock != null) {
            configuration.rehearsalLockTimeout(rehearsalLock);
        }
        if (rehearsalReport != null) {
            configuration.rehearsalReport(rehearsalReport.toPath());
        }
        if (present(failOnExclusiveLockAbove)) {
            configuration.failOnExclusiveLockAbove(failOnExclusiveLockAbove.trim());
        }
        if (present(shadowUrl)) {
            configuration.shadowUrl(shadowUrl.trim());
        }
        if (resume != null) {
            configuration.resume(resume);
        }
        if (repairChoice != null) {
            configuration.repairAs(repairChoice);
        }
        return configuration;
    }

    private DriftMode driftMode() {
        return choice("drift", drift, DriftMode.values(), "fail, warn or ignore");
    }

    private RepairAs repairAs() {
        return choice("repairAs", repairAs, RepairAs.values(), "applied or removed");
    }

    /** The constant named by {@code value} in any case, or null when it is not given. */
    private static <E extends Enum<E>> E choice(String parameter, String value, E[] constants, String allowed) {
        if (!present(value)) {
            return null;
        }
        for (E constant : constants) {
            if (constant.name().equalsIgnoreCase(value.trim())) {
                return constant;
            }
        }
        throw new ConfigurationException(
                Parameters.describe(parameter) + " is '" + value + "', which is not one of " + allowed + ".");
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }
}
