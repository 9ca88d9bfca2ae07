package dev.tidemark;

/**
 * A setting is missing or invalid. Thrown before any connection is made.
 *
 * <p>When the failure is about one {@link Setting}, {@link #setting()} names it and the text comes
 * in two parts a caller can reword with its own spelling of the setting ({@code <lockWait>
 * (-Dschema.lockWait)}, {@code --lock-wait}): {@link #problem()}, which continues a sentence
 * starting with the setting's name, and {@link #remedy()}. {@link #getMessage()} names the setting
 * as the API spells it: {@code [TM-R001] lockWait is PT-1S: a duration must not be negative.} then,
 * on the next line, {@code Give a duration such as PT10S, or zero.}
 */
public class ConfigurationException extends TidemarkException {

    private static final long serialVersionUID = 1L;

    private final Setting setting;
    private final String problem;
    private final String remedy;

    public ConfigurationException(String message) {
        this(ErrorCode.INVALID_CONFIGURATION, message);
    }

    public ConfigurationException(ErrorCode code, String message) {
        super(code, message);
        this.setting = null;
        this.problem = null;
        this.remedy = null;
    }

    /**
     * A failure about {@code setting}: {@code problem} continues the sentence after its name ({@code
     * is PT-1S: a duration must not be negative.}); {@code remedy} says what to give instead without
     * naming the setting. Build it with {@link Setting#invalid}.
     */
    ConfigurationException(Setting setting, String problem, String remedy) {
        super(ErrorCode.INVALID_CONFIGURATION, describe(setting.camelName(), problem, remedy));
        this.setting = setting;
        this.problem = problem;
        this.remedy = remedy;
    }

    /** The setting the failure is about, or null when it is about no single setting. */
    public Setting setting() {
        return setting;
    }

    /** What is wrong, continuing a sentence that starts with the setting's name; null without a setting. */
    public String problem() {
        return problem;
    }

    /** What to give instead, not naming the setting; null without a setting. */
    public String remedy() {
        return remedy;
    }

    /**
     * The message without its code, naming the setting as {@code settingName}: {@code <lockWait>
     * (-Dschema.lockWait) is PT-1S: …}. Without a setting, the message as it is.
     */
    public String describe(String settingName) {
        if (setting == null) {
            String message = getMessage();
            return message.substring(message.indexOf("] ") + 2);
        }
        return describe(settingName, problem, remedy);
    }

    private static String describe(String settingName, String problem, String remedy) {
        return settingName + " " + problem + "\n" + remedy;
    }
}
