package dev.tidemark;

/**
 * A setting is missing or invalid. Thrown before any connection is made.
 *
 * <p>When the failure is about one {@link Setting}, {@link #setting()} names it and the text comes
 * in two parts: {@link #problem()}, which continues a sentence starting with the setting's name, and
 * {@link #remedy()}. The setting is a symbolic reference in {@link #what()}, so each caller names it
 * in its own terms through {@link #message(CallerTerms)}: {@code [TM-R001] lockWait(Duration) is
 * PT-1S: a duration must not be negative.} for the API, {@code <lockWait> (-Dschema.lockWait) is
 * PT-1S: …} for the Maven plugin.
 */
public class ConfigurationException extends TidemarkException {

    private static final long serialVersionUID = 1L;

    private final Setting setting;
    private final String problem;

    public ConfigurationException(String message) {
        this(ErrorCode.INVALID_CONFIGURATION, message);
    }

    public ConfigurationException(ErrorCode code, String message) {
        super(code, message);
        this.setting = null;
        this.problem = null;
    }

    /** An invalid setting: {@code what} is wrong with it, {@code remedy} what to do. */
    public ConfigurationException(Phrase what, Phrase remedy) {
        super(ErrorCode.INVALID_CONFIGURATION, what, null, remedy, null);
        this.setting = null;
        this.problem = null;
    }

    /**
     * A failure about {@code setting}: {@code problem} continues the sentence after its name ({@code
     * is PT-1S: a duration must not be negative.}); {@code remedy} says what to give instead without
     * naming the setting. Build it with {@link Setting#invalid}.
     */
    ConfigurationException(Setting setting, String problem, String remedy) {
        super(
                ErrorCode.INVALID_CONFIGURATION,
                Phrase.builder().setting(setting).append(" " + problem).build(),
                null,
                Phrase.of(remedy),
                null);
        this.setting = setting;
        this.problem = problem;
    }

    /** {@code setting} followed by {@code problem} ({@code "is empty."}), then {@code remedy}. */
    public static ConfigurationException of(Setting setting, String problem, String remedy) {
        return new ConfigurationException(setting, problem.strip(), remedy);
    }

    /** The setting the failure is about, or null when it is about no single setting. */
    public Setting setting() {
        return setting;
    }

    /** What is wrong, continuing a sentence that starts with the setting's name; null without a setting. */
    public String problem() {
        return problem;
    }
}
