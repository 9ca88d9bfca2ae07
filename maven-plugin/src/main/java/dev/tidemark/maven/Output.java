package dev.tidemark.maven;

/** Where the plugin writes for people: Maven's log in a build, a list in a test. */
interface Output {

    void info(String line);

    void warn(String line);

    void debug(String line);

    /**
     * Whether {@link #info} lines are shown at all ({@code mvn -q} hides them), so that a goal
     * need not build a thousand lines nobody sees.
     */
    default boolean infoEnabled() {
        return true;
    }
}
