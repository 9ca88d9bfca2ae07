package dev.tidemark.cli;

import dev.tidemark.Configuration;
import dev.tidemark.Setting;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * One option for every setting of the catalog, derived from {@link Setting#values()}: a setting added
 * to the catalog is an option of every command without a change here. Where a value comes from, first
 * found wins: the option ({@code --lock-wait}), its environment variable ({@code TIDEMARK_LOCK_WAIT}),
 * for the URL only {@code DATABASE_URL}, then the catalog's default.
 */
final class SettingOptions {

    /** The environment variable most platforms (Heroku, Fly.io, Render) give the database URL in. */
    static final String DATABASE_URL = "DATABASE_URL";

    private SettingOptions() {}

    /** The option of {@code setting}: {@code --lock-wait}. */
    static String optionName(Setting setting) {
        return "--" + setting.kebabName();
    }

    /** Adds an option for every setting to {@code command}. */
    static void addTo(CommandSpec command) {
        for (Setting setting : Setting.values()) {
            OptionSpec.Builder option = OptionSpec.builder(optionName(setting))
                    .paramLabel(label(setting))
                    .type(String.class)
                    .description(description(setting));
            if (setting.kind() == Setting.Kind.BOOLEAN) {
                option.arity("0..1").fallbackValue("true");
            } else {
                option.arity("1");
            }
            command.addOption(option.build());
        }
    }

    /**
     * Sets every setting given on the command line or in {@code environment} on {@code configuration}.
     *
     * @throws dev.tidemark.ConfigurationException naming the setting when a value is not of its kind
     */
    static void apply(ParseResult command, Map<String, String> environment, Configuration configuration) {
        for (Setting setting : Setting.values()) {
            String value = value(command, environment, setting);
            if (value != null) {
                configuration.set(setting, value);
            }
        }
    }

    /** The text given for {@code setting}, or null when none was given anywhere. */
    static String value(ParseResult command, Map<String, String> environment, Setting setting) {
        OptionSpec option = command.matchedOption(optionName(setting));
        if (option != null) {
            return option.getValue();
        }
        String fromEnvironment = environment.get(setting.environmentName());
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        if (setting == Setting.URL) {
            String databaseUrl = environment.get(DATABASE_URL);
            if (databaseUrl != null && !databaseUrl.isBlank()) {
                return databaseUrl;
            }
        }
        return null;
    }

    private static String label(Setting setting) {
        return switch (setting.kind()) {
            case BOOLEAN -> "<true|false>";
            case INTEGER -> "<count>";
            case DURATION -> "<duration>";
            case PATH -> "<file>";
            case NAME -> "<name>";
            case SECRET -> "<secret>";
            case CHOICE -> "<" + String.join("|", setting.choiceWords()) + ">";
            case TEXT -> "<" + setting.kebabName() + ">";
            case MAP -> "<name=value,...>";
        };
    }

    private static String[] description(Setting setting) {
        String source = "Environment: " + setting.environmentName()
                + (setting == Setting.URL ? ", then " + DATABASE_URL : "")
                + (setting.defaultValue() == null ? "." : ". Default: " + setting.defaultValue() + ".");
        return new String[] {setting.description(), source};
    }
}
