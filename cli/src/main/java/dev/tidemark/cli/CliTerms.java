package dev.tidemark.cli;

import dev.tidemark.Action;
import dev.tidemark.CallerTerms;
import dev.tidemark.Setting;
import java.util.Locale;

/**
 * The command line's words for the settings and actions a runtime message names: the option
 * ({@code --lock-wait=PT2M}) and the command to run ({@code tidemark repair --repair-as=removed}).
 */
final class CliTerms implements CallerTerms {

    static final CliTerms INSTANCE = new CliTerms();

    private CliTerms() {}

    @Override
    public String setting(Setting setting, String value) {
        String option = SettingOptions.optionName(setting);
        if (value == null) {
            return option + " (" + setting.environmentName() + ")";
        }
        return option + "=" + value;
    }

    @Override
    public String action(Action action, Setting option, String value) {
        String command = "tidemark " + command(action);
        if (action == Action.BASELINE && option == null) {
            return command + " " + (value == null ? "<version>" : value);
        }
        if (option == null) {
            return command;
        }
        return command + " " + SettingOptions.optionName(option) + (value == null ? "" : "=" + value);
    }

    /** The subcommand that runs {@code action}, with the switch it needs. */
    static String command(Action action) {
        return switch (action) {
            case ROUND_TRIP_TEST -> "test";
            case ACCEPT_DRIFT -> "diff --accept";
            case ADOPT -> "adopt --from=<tool>";
            default -> action.name().toLowerCase(Locale.ROOT).replace('_', '-');
        };
    }
}
