package dev.tidemark.maven;

import dev.tidemark.Action;
import dev.tidemark.CallerTerms;
import dev.tidemark.Setting;

/**
 * The plugin's words for the settings and actions a runtime message names: the POM element and its
 * {@code -Dschema.x} property ({@code <lockWait> (-Dschema.lockWait)}), and the goal to run ({@code
 * mvn schema:repair -Dschema.repairAs=removed}).
 */
final class MavenTerms implements CallerTerms {

    static final MavenTerms INSTANCE = new MavenTerms();

    private MavenTerms() {}

    @Override
    public String setting(Setting setting, String value) {
        String name = parameter(setting);
        if (value == null) {
            return Parameters.describe(name);
        }
        return "<" + name + ">" + value + "</" + name + "> (-D" + Parameters.PROPERTY_PREFIX + name + "=" + value + ")";
    }

    @Override
    public String action(Action action, Setting option, String value) {
        String command = switch (action) {
            case MIGRATE -> "mvn schema:migrate";
            case VALIDATE -> "mvn schema:validate";
            case INFO -> "mvn schema:info";
            case BASELINE ->
                "mvn schema:baseline -D" + Parameters.PROPERTY_PREFIX + "baselineVersion="
                        + (option == null && value != null ? value : "<version>");
            case ADOPT -> "mvn compile schema:adopt -D" + Parameters.PROPERTY_PREFIX + "from=<tool>";
            case REPAIR -> "mvn schema:repair";
            case DIFF -> "mvn compile schema:diff";
            case ACCEPT_DRIFT -> "mvn compile schema:diff -D" + Parameters.PROPERTY_PREFIX + "accept";
            case UNDO -> "mvn compile schema:undo";
            case ROUND_TRIP_TEST -> "mvn compile schema:test";
            case REHEARSE -> "mvn compile schema:migrate -D" + Parameters.PROPERTY_PREFIX + "rehearse=true";
        };
        if (option == null) {
            return command;
        }
        return command + " -D" + Parameters.PROPERTY_PREFIX + parameter(option) + (value == null ? "" : "=" + value);
    }

    /** The plugin parameter that carries {@code setting}: every setting is a parameter of its own name. */
    static String parameter(Setting setting) {
        return setting.camelName();
    }
}
