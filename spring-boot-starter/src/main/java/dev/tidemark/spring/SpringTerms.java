package dev.tidemark.spring;

import dev.tidemark.Action;
import dev.tidemark.CallerTerms;
import dev.tidemark.Setting;

/**
 * Spring Boot's words for Tidemark's remedies: a setting is its property ({@code tidemark.lock-wait},
 * {@code tidemark.lock-wait=PT2M}); migrate and validate are start-up modes; the other actions are
 * the application's {@code Tidemark} bean's methods, with their options as properties. Actions read
 * as what to run, since remedies say "Run …" and "then run …": "Run the application with
 * tidemark.mode=migrate", "run repair() on the application's Tidemark bean with
 * tidemark.repair-as=removed".
 */
public final class SpringTerms implements CallerTerms {

    /** The one instance. */
    public static final SpringTerms INSTANCE = new SpringTerms();

    private static final String PREFIX = "tidemark.";

    private SpringTerms() {}

    /** The property of a setting: {@code tidemark.lock-wait}. */
    public static String property(Setting setting) {
        return PREFIX + setting.kebabName();
    }

    @Override
    public String setting(Setting setting, String value) {
        return value == null ? property(setting) : property(setting) + "=" + value;
    }

    @Override
    public String action(Action action, Setting option, String value) {
        String with = option == null ? "" : " with " + setting(option, value);
        return switch (action) {
            case MIGRATE ->
                "the application with tidemark.mode=migrate" + (option == null ? "" : " and " + setting(option, value));
            case VALIDATE -> "the application with tidemark.mode=validate";
            case INFO -> "GET /actuator/tidemark";
            default ->
                CallerTerms.API.action(action, null, option == null ? value : null)
                        + " on the application's Tidemark bean" + with;
        };
    }
}
