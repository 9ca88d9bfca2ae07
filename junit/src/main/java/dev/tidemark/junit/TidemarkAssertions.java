package dev.tidemark.junit;

import dev.tidemark.RoundTripResult;
import dev.tidemark.Tidemark;
import dev.tidemark.TidemarkException;
import org.opentest4j.AssertionFailedError;

/**
 * Assertions for migration tests.
 *
 * <pre>{@code
 * @Test
 * void everyDownUndoesItsUp() {
 *     TidemarkAssertions.assertRoundTrip();
 * }
 * }</pre>
 */
public final class TidemarkAssertions {

    private TidemarkAssertions() {}

    /**
     * The round-trip test of every migration on the test class path ({@code up}, {@code down},
     * {@code up} again, comparing the schema each time), on a temporary database of the test server
     * (as {@link MigratedDatabase} finds it, with the system property or the environment), dropped
     * afterwards.
     *
     * @throws AssertionFailedError listing every migration whose {@code down} does not restore the
     *     schema or that fails
     */
    public static RoundTripResult assertRoundTrip() {
        Server server = MigratedDatabases.configure().serverForAssertions();
        return assertRoundTrip(Tidemark.configure()
                .url(server.url())
                .classLoader(Thread.currentThread().getContextClassLoader())
                .load());
    }

    /** The round-trip test of these migrations, configured as given (its URL names the server). */
    public static RoundTripResult assertRoundTrip(Tidemark tidemark) {
        RoundTripResult result = tidemark.roundTrip();
        try {
            return result.assertClean();
        } catch (TidemarkException e) {
            throw new AssertionFailedError(e.getMessage(), e);
        }
    }
}
