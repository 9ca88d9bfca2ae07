package dev.tidemark;

/** A setting is missing or invalid. Thrown before any connection is made. */
public class ConfigurationException extends TidemarkException {

    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(ErrorCode.INVALID_CONFIGURATION, message);
    }

    public ConfigurationException(ErrorCode code, String message) {
        super(code, message);
    }

    /** An invalid setting: {@code what} is wrong with it, {@code remedy} what to do. */
    public ConfigurationException(Phrase what, Phrase remedy) {
        super(ErrorCode.INVALID_CONFIGURATION, what, null, remedy, null);
    }

    /** {@code setting} followed by {@code problem} ({@code " is empty."}), then {@code remedy}. */
    public static ConfigurationException of(Setting setting, String problem, String remedy) {
        return new ConfigurationException(
                Phrase.builder().setting(setting).append(problem).build(), Phrase.of(remedy));
    }
}
