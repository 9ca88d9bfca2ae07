package dev.tidemark;

/**
 * Reads back what a {@link Configuration} holds, so that the plugin's tests can check the
 * translation of parameters without the runtime connecting anywhere.
 */
public final class ConfigurationProbe {

    private final Configuration configuration;

    public ConfigurationProbe(Configuration configuration) {
        this.configuration = configuration;
    }

    /** The setting's value as the API takes it, checked as {@code load()} checks it. */
    public Object get(Setting setting) {
        return configuration.checkedValues().get(setting);
    }
}
