package dev.tidemark.spring;

import dev.tidemark.Configuration;
import dev.tidemark.Setting;
import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

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

    /**
     * Copies every setting but the connection ones ({@code url}, {@code user}, {@code password}, which
     * choose the migration connection) through the catalog, which checks each value.
     */
    static void apply(TidemarkProperties properties, Configuration configuration) {
        for (Setting setting : Setting.values()) {
            if (setting == Setting.URL || setting == Setting.USER || setting == Setting.PASSWORD) {
                continue;
            }
            Object value = value(properties, setting);
            if (value instanceof Map<?, ?> map) {
                // A map's text form (name=value,…) cannot carry a comma in a value; the API's can.
                Map<String, String> entries = new LinkedHashMap<>();
                map.forEach((name, text) -> entries.put(String.valueOf(name), String.valueOf(text)));
                configuration.placeholders(entries);
            } else if (value != null) {
                configuration.set(setting, text(value));
            }
        }
    }

    /** A property's value as the catalog reads text: ISO-8601 durations, choices by name. */
    static String text(Object value) {
        if (value instanceof Enum<?> choice) {
            return choice.name().toLowerCase(Locale.ROOT);
        }
        return String.valueOf(value);
    }
}
