package dev.tidemark.maven;

import dev.tidemark.ConfigurationException;
import dev.tidemark.Setting;
import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * The {@code -Dschema.…} properties given on the command line, which win over the plugin's {@code
 * <configuration>}.
 *
 * <p>Maven itself does it the other way round: a parameter written in {@code <configuration>}
 * ignores its property, so {@code -Dschema.url=…} against a POM with a {@code <url>} would migrate
 * the POM's database without a word. Each goal therefore passes every parameter through here: a
 * property given as {@code -D} (a Maven user property) replaces the value Maven injected. Knows
 * nothing of Maven, so the rule is tested on its own.
 */
final class CommandLineProperties {

    private final Map<String, String> properties;
    private final List<String> overridden = new ArrayList<>();

    /** Reads the {@code schema.*} entries of Maven's user properties ({@code -D} on the command line). */
    CommandLineProperties(Properties userProperties) {
        this.properties = new HashMap<>();
        if (userProperties != null) {
            for (String name : userProperties.stringPropertyNames()) {
                if (name.startsWith(Parameters.PROPERTY_PREFIX)) {
                    properties.put(name, userProperties.getProperty(name));
                }
            }
        }
    }

    /** The command line's value of {@code parameter} when given, else {@code configured}. */
    String string(String parameter, String configured) {
        String given = given(parameter);
        if (given == null) {
            return configured;
        }
        noteOverride(parameter, configured, given);
        return given;
    }

    /**
     * The command line's value of the parameter field of type {@code type} when given, else {@code
     * configured}: text, a boolean, a whole number or a file.
     */
    Object value(String parameter, Class<?> type, Object configured, File basedir) {
        if (type == Boolean.class || type == boolean.class) {
            return bool(parameter, (Boolean) configured);
        }
        if (type == Integer.class) {
            return integer(parameter, (Integer) configured);
        }
        if (type == File.class) {
            return file(parameter, (File) configured, basedir);
        }
        if (type == String.class) {
            return string(parameter, (String) configured);
        }
        if (type == Map.class) {
            return map(parameter, (Map<?, ?>) configured);
        }
        throw new IllegalArgumentException("a parameter of type " + type.getName() + ": " + parameter);
    }

    /** The command line's {@code name=value,other=value} when given, in place of the POM's map. */
    Object map(String parameter, Map<?, ?> configured) {
        String given = given(parameter);
        if (given == null) {
            return configured;
        }
        Object value = Setting.named(parameter).parse(given);
        noteOverride(parameter, configured, value);
        return value;
    }

    /** The command line's {@code true} or {@code false} when given (bare {@code -Dschema.x} is true). */
    Boolean bool(String parameter, Boolean configured) {
        String given = given(parameter);
        if (given == null) {
            return configured;
        }
        Boolean value = parseBoolean(parameter, given);
        noteOverride(parameter, configured, value);
        return value;
    }

    /** Like {@link #bool(String, Boolean)}, for a parameter with a default. */
    boolean bool(String parameter, boolean configured) {
        return bool(parameter, Boolean.valueOf(configured));
    }

    /** The command line's whole number when given. */
    Integer integer(String parameter, Integer configured) {
        String given = given(parameter);
        if (given == null) {
            return configured;
        }
        Integer value = parseInteger(parameter, given);
        noteOverride(parameter, configured, value);
        return value;
    }

    /** The command line's file when given, relative to {@code basedir} unless absolute. */
    File file(String parameter, File configured, File basedir) {
        String given = given(parameter);
        if (given == null) {
            return configured;
        }
        File value = new File(given.trim());
        if (!value.isAbsolute() && basedir != null) {
            value = new File(basedir, given.trim());
        }
        noteOverride(parameter, configured, value);
        return value;
    }

    /**
     * The parameters whose {@code <configuration>} value the command line replaced with a different
     * one, in the order they were read.
     */
    List<String> overridden() {
        return List.copyOf(overridden);
    }

    /**
     * {@code ; the command line's -Dschema.url overrides <url> of the POM}, for the goal's first line,
     * or nothing when no property replaced a value.
     */
    String overrideNote() {
        if (overridden.isEmpty()) {
            return "";
        }
        StringBuilder properties = new StringBuilder();
        StringBuilder elements = new StringBuilder();
        for (String parameter : overridden) {
            if (properties.length() > 0) {
                properties.append(", ");
                elements.append(", ");
            }
            properties.append("-D").append(Parameters.PROPERTY_PREFIX).append(parameter);
            elements.append('<').append(parameter).append('>');
        }
        return "; the command line's " + properties + (overridden.size() == 1 ? " overrides " : " override ") + elements
                + " of the POM";
    }

    /** The command line's text of {@code parameter}, or null when it is not given. */
    String given(String parameter) {
        return properties.get(Parameters.PROPERTY_PREFIX + parameter);
    }

    private void noteOverride(String parameter, Object configured, Object given) {
        if (configured != null && !Objects.equals(configured, given) && !overridden.contains(parameter)) {
            overridden.add(parameter);
        }
    }

    /** Read as the catalog reads a boolean; bare {@code -Dschema.x} is true. */
    private static Boolean parseBoolean(String parameter, String given) {
        String text = given.strip();
        if (text.isEmpty()) {
            return Boolean.TRUE;
        }
        Setting setting = Setting.named(parameter);
        if (setting != null) {
            return (Boolean) setting.parse(text);
        }
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.valueOf(text);
        }
        throw ownRefused(parameter, text, "not true or false.", "Give true or false.");
    }

    /** Read as the catalog reads a whole number. */
    private static Integer parseInteger(String parameter, String given) {
        Setting setting = Setting.named(parameter);
        if (setting != null) {
            return (Integer) setting.parse(given);
        }
        try {
            return Integer.valueOf(given.strip());
        } catch (NumberFormatException e) {
            throw ownRefused(parameter, given.strip(), "not a whole number.", "Give a whole number, such as 3.");
        }
    }

    /** A parameter of the plugin's own (not a runtime setting) refused in the catalog's words. */
    private static ConfigurationException ownRefused(String parameter, String given, String problem, String remedy) {
        return new ConfigurationException(
                Parameters.describe(parameter) + " is '" + given + "': " + problem + "\n" + remedy);
    }
}
