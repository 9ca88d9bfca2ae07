package dev.tidemark.maven;

/**
 * The PostgreSQL driver the plugin brings, registered with {@link java.sql.DriverManager} on the
 * goal's own thread before the runtime connects.
 *
 * <p>{@code DriverManager} hands the runtime only a driver that the runtime's class loader can see,
 * and the driver registers itself when its class initialises, so the class is initialised here
 * explicitly. It happens on the calling thread, never on one of its own: a background thread that
 * outlived a goal failing early printed its own {@code NoClassDefFoundError} once Maven had closed
 * the plugin's class realm.
 */
final class PluginDriver {

    static final String DRIVER_CLASS = "org.postgresql.Driver";

    private PluginDriver() {}

    /**
     * Registers the driver when it is on the plugin's class path. When it was left out through
     * {@code <plugin><dependencies>} exclusions, does nothing: the runtime's connection attempt then
     * says what is missing.
     */
    static void register() {
        try {
            Class.forName(DRIVER_CLASS, true, PluginDriver.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            // Reported by the runtime when it connects.
        }
    }
}
