package dev.tidemark.maven;

/** Where the plugin writes for people: Maven's log in a build, a list in a test. */
interface Output {

    void info(String line);

    void warn(String line);

    void debug(String line);
}
