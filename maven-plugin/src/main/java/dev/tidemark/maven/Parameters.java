package dev.tidemark.maven;

import dev.tidemark.Setting;
import dev.tidemark.TidemarkException;

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

    /** A failure's message in the plugin's words: settings and actions rendered by {@link MavenTerms}. */
    static String message(Exception failure) {
        return failure instanceof TidemarkException tidemark
                ? tidemark.message(MavenTerms.INSTANCE)
                : failure.getMessage();
    }
}
