package dev.tidemark.spring;

import dev.tidemark.Configuration;
import dev.tidemark.DriftMode;
import dev.tidemark.RepairAs;
import dev.tidemark.Setting;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Copies the {@code tidemark.*} properties onto a {@link Configuration}, setting by setting of the
 * catalog: the property of a setting is the field of {@link TidemarkProperties} with the setting's
 * camel-case name.
 */
final class SettingValues {

    private SettingValues() {}

    /** The property's value for the setting; {@code null} when it has none. */
    static Object value(TidemarkProperties properties, Setting setting) {
        try {
            Field field = TidemarkProperties.class.getDeclaredField(setting.camelName());
            field.setAccessible(true);
            return field.get(properties);
        } catch (NoSuchFieldException | IllegalAccessException e) {
            throw new IllegalStateException("TidemarkProperties has no property for the setting " + setting, e);
        }
    }

    /** Copies every setting but the connection ones ({@code url}, {@code user}, {@code password}). */
    static void apply(TidemarkProperties properties, Configuration configuration) {
        for (Setting setting : Setting.values()) {
            Object value = value(properties, setting);
            if (value != null) {
                apply(configuration, setting, value);
            }
        }
    }

    private static void apply(Configuration configuration, Setting setting, Object value) {
        switch (setting) {
            case URL, USER, PASSWORD -> {
                // The migration DataSource's, chosen by the auto-configuration.
            }
            case SCHEMA -> configuration.schema((String) value);
            case CREATE_SCHEMA -> configuration.createSchema((Boolean) value);
            case TABLE -> configuration.table((String) value);
            case TARGET -> configuration.target((String) value);
            case UNDO_TO -> {
                // Read by undo only, which an application never runs at start-up.
            }
            case OUT_OF_ORDER -> configuration.outOfOrder((Boolean) value);
            case VALIDATE_ON_MIGRATE -> configuration.validateOnMigrate((Boolean) value);
            case FAIL_ON_PENDING -> configuration.failOnPending((Boolean) value);
            case LOCK_WAIT -> configuration.lockWait((Duration) value);
            case LOCK_TIMEOUT -> configuration.lockTimeout((Duration) value);
            case STATEMENT_TIMEOUT -> configuration.statementTimeout((Duration) value);
            case PROGRESS_INTERVAL -> configuration.progressInterval((Duration) value);
            case CONNECT_RETRIES -> configuration.connectRetries((Integer) value);
            case CONNECT_RETRY_INTERVAL -> configuration.connectRetryInterval((Duration) value);
            case APPLICATION_NAME -> configuration.applicationName((String) value);
            case INSTALLED_BY -> configuration.installedBy((String) value);
            case DRIFT -> configuration.drift((DriftMode) value);
            case UNDO_NON_TRANSACTIONAL -> configuration.undoNonTransactional((Boolean) value);
            case REHEARSE -> configuration.rehearse((Boolean) value);
            case REHEARSAL_LOCK_TIMEOUT -> configuration.rehearsalLockTimeout((Duration) value);
            case REHEARSAL_REPORT -> configuration.rehearsalReport(Path.of((String) value));
            case SHADOW_URL -> configuration.shadowUrl((String) value);
            case CONNECT_EARLY -> configuration.connectEarly((Boolean) value);
            case RESUME -> configuration.resume((Boolean) value);
            case REPAIR_AS -> configuration.repairAs((RepairAs) value);
        }
    }
}
