package dev.tidemark;

/**
 * How one caller of Tidemark spells settings and actions in the messages it shows. The runtime
 * names them symbolically in a {@link Phrase}; each caller renders them in its own words: the API
 * says {@code lockWait(Duration)} and {@code repair()}, the Maven plugin {@code <lockWait>
 * (-Dschema.lockWait)} and {@code mvn schema:repair}, a command line {@code --lock-wait}.
 *
 * <p>{@link TidemarkException#getMessage()} uses {@link #API}; a caller with other words uses
 * {@link TidemarkException#message(CallerTerms)}.
 */
public interface CallerTerms {

    /** The API's words: {@code Configuration} methods and {@code Tidemark} methods. */
    CallerTerms API = new ApiTerms();

    /**
     * How to name {@code setting} so that a user can change it.
     *
     * @param value the value to set it to, as {@link Setting} documents it ({@code PT2M}, {@code
     *     true}, {@code removed}), or null to name the setting only
     */
    String setting(Setting setting, String value);

    /**
     * How to tell a user to run {@code action}.
     *
     * @param option a setting the action needs for this remedy (repair's {@link Setting#REPAIR_AS},
     *     migrate's {@link Setting#RESUME}, undo's {@link Setting#UNDO_TO}), or null
     * @param value the option's value; without an option, the action's own argument (baseline's
     *     version), or null for none
     */
    String action(Action action, Setting option, String value);
}
