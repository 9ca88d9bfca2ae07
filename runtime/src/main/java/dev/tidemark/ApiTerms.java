package dev.tidemark;

/**
 * The API's words for settings and actions: the {@link Configuration} method that sets a setting
 * ({@code lockWait(Duration)}), the {@link Tidemark} method that runs an action ({@code repair()}).
 */
final class ApiTerms implements CallerTerms {

    @Override
    public String setting(Setting setting, String value) {
        if (value == null) {
            return setting.camelName() + "(" + type(setting) + ")";
        }
        return setting.camelName() + "(" + literal(setting, value) + ")";
    }

    @Override
    public String action(Action action, Setting option, String value) {
        String argument = option == null && value != null ? "\"" + value + "\"" : "";
        String call = switch (action) {
            case MIGRATE -> "migrate()";
            case VALIDATE -> "validate()";
            case INFO -> "info()";
            case BASELINE -> "baseline(" + (argument.isEmpty() ? "version" : argument) + ")";
            case ADOPT -> "adopt(from, dryRun)";
            case REPAIR -> "repair()";
            case DIFF -> "diff()";
            case ACCEPT_DRIFT -> "acceptDrift()";
            case UNDO -> option == Setting.UNDO_TO ? (value == null ? "undo()" : "undo(\"" + value + "\")") : "undo()";
            case ROUND_TRIP_TEST -> "roundTrip()";
            case REHEARSE -> "rehearse()";
        };
        if (option == null || option == Setting.UNDO_TO) {
            return call;
        }
        return call + " with " + setting(option, value);
    }

    private static String type(Setting setting) {
        return switch (setting.kind()) {
            case TEXT, NAME, SECRET -> "String";
            case BOOLEAN -> "boolean";
            case INTEGER -> "int";
            case DURATION -> "Duration";
            case PATH -> "Path";
            case CHOICE -> choiceType(setting);
            case MAP -> "Map<String, String>";
        };
    }

    private static String literal(Setting setting, String value) {
        return switch (setting.kind()) {
            case TEXT, NAME, SECRET -> "\"" + value + "\"";
            case BOOLEAN, INTEGER -> value;
            case DURATION -> "Duration.parse(\"" + value + "\")";
            case PATH -> "Path.of(\"" + value + "\")";
            case CHOICE -> choiceType(setting) + "." + value.toUpperCase(java.util.Locale.ROOT);
            case MAP -> "Map.of(" + value + ")";
        };
    }

    /** The enum a choice is given as: {@code DriftMode}, {@code RepairAs}. */
    private static String choiceType(Setting setting) {
        return switch (setting) {
            case DRIFT -> DriftMode.class.getSimpleName();
            case REPAIR_AS -> RepairAs.class.getSimpleName();
            default -> "String";
        };
    }
}
