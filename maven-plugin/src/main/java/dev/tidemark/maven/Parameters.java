package dev.tidemark.maven;

import dev.tidemark.ConfigurationException;
import dev.tidemark.Setting;

/**
 * How the plugin's parameters are named to users: the POM element and the command-line property.
 * Each {@link Setting} of the runtime's catalog is a parameter of the same name, whose property is
 * {@code schema.} followed by that name.
 */
final class Parameters {

    /** Every parameter's property is this prefix followed by the parameter's name. */
    static final String PROPERTY_PREFIX = "schema.";

    private Parameters() {}

    /** {@code <lockWait> (-Dschema.lockWait)}: what a user can change to fix a setting. */
    static String describe(String parameter) {
        return "<" + parameter + "> (-D" + PROPERTY_PREFIX + parameter + ")";
    }

    /** {@code <lockWait> (-Dschema.lockWait)} for a setting of the catalog. */
    static String describe(Setting setting) {
        return describe(setting.camelName());
    }

    /** The property of a parameter: {@code schema.lockWait}. */
    static String property(String parameter) {
        return PROPERTY_PREFIX + parameter;
    }

    /**
     * A failure's message in the plugin's words: a setting the runtime names as the API spells it
     * ({@code lockWait}) is named as the POM element and the property ({@code <lockWait>
     * (-Dschema.lockWait)}).
     */
    static String message(Exception failure) {
        if (failure instanceof ConfigurationException configuration && configuration.setting() != null) {
            return "[" + configuration.code().id() + "] " + configuration.describe(describe(configuration.setting()));
        }
        return failure.getMessage();
    }
}
