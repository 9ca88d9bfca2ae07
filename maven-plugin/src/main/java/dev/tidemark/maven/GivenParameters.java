package dev.tidemark.maven;

import dev.tidemark.Configuration;
import dev.tidemark.ConfigurationException;
import dev.tidemark.Setting;
import java.io.File;
import java.lang.reflect.Field;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The runtime settings one goal was given, as the text the user wrote, read from the goal's
 * parameters: every {@link Setting} of the catalog is a parameter field of the same name (Maven
 * needs the annotated fields; everything after them is derived here). Turned into a runtime {@link
 * Configuration} by the catalog's own parsing, so a value is read and refused with the same words
 * as in any other caller. Knows nothing of Maven, so every rule about parameters is tested on its
 * own. A setting not given leaves the runtime's default in place.
 */
final class GivenParameters {

    /** Set from the {@link DatabaseTarget}, which also reads a settings.xml server and the environment. */
    private static final Set<Setting> DATABASE = Set.of(Setting.URL, Setting.USER, Setting.PASSWORD);

    private final Map<Setting, String> given = new EnumMap<>(Setting.class);
    private final Map<Setting, Map<String, String>> maps = new EnumMap<>(Setting.class);

    /** The catalog settings among {@code parameters}' fields (its class's and its superclasses'), with their values. */
    static GivenParameters of(Object parameters) {
        GivenParameters result = new GivenParameters();
        for (Map.Entry<Setting, Field> entry : fields(parameters.getClass()).entrySet()) {
            result.put(entry.getKey(), read(entry.getValue(), parameters));
        }
        return result;
    }

    /** The fields of {@code type} and its superclasses named as a setting of the catalog. */
    static Map<Setting, Field> fields(Class<?> type) {
        Map<Setting, Field> fields = new EnumMap<>(Setting.class);
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                Setting setting = Setting.named(field.getName());
                if (setting != null && !fields.containsKey(setting)) {
                    field.setAccessible(true);
                    fields.put(setting, field);
                }
            }
        }
        return fields;
    }

    static Object read(Field field, Object owner) {
        try {
            return field.get(owner);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read the parameter " + field.getName(), e);
        }
    }

    /** Records {@code value} (text, a boolean, a number or a file) as given for {@code setting}; null: not given. */
    GivenParameters put(Setting setting, Object value) {
        if (value instanceof Map<?, ?> map) {
            // <name></name> arrives as null: an empty value
            Map<String, String> values = new LinkedHashMap<>();
            map.forEach((name, text) -> values.put(String.valueOf(name), text == null ? "" : text.toString()));
            maps.put(setting, values);
            return this;
        }
        String text = value instanceof File file ? file.getPath() : value == null ? null : value.toString();
        if (text == null || text.isBlank()) {
            given.remove(setting);
        } else {
            given.put(setting, text);
        }
        return this;
    }

    /** The settings given, with their text. */
    Map<Setting, String> given() {
        return Collections.unmodifiableMap(given);
    }

    /**
     * Copies the database and every setting given onto {@code configuration}.
     *
     * @throws ConfigurationException naming the setting of the first value that is not of its kind
     */
    Configuration applyTo(Configuration configuration, DatabaseTarget database) {
        configuration.url(database.url());
        if (database.user() != null) {
            configuration.user(database.user());
        }
        if (database.password() != null) {
            configuration.password(database.password());
        }
        for (Map.Entry<Setting, String> entry : given.entrySet()) {
            if (!DATABASE.contains(entry.getKey())) {
                configuration.set(entry.getKey(), entry.getValue());
            }
        }
        Map<String, String> placeholders = maps.get(Setting.PLACEHOLDERS);
        if (placeholders != null) {
            configuration.placeholders(placeholders);
        }
        return configuration;
    }
}
