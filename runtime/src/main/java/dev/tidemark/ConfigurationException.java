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
}
