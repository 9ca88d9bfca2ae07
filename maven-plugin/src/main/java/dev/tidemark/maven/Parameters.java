package dev.tidemark.maven;

/** How the plugin's parameters are named to users: the POM element and the command-line property. */
final class Parameters {

    /** Every parameter's property is this prefix followed by the parameter's name. */
    static final String PROPERTY_PREFIX = "schema.";

    private Parameters() {}

    /** {@code <lockWait> (-Dschema.lockWait)}: what a user can change to fix a setting. */
    static String describe(String parameter) {
        return "<" + parameter + "> (-D" + PROPERTY_PREFIX + parameter + ")";
    }
}
