package dev.tidemark.maven;

import dev.tidemark.RoundTripResult;
import dev.tidemark.Tidemark;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * The round-trip test of every migration's {@code down()}, for CI: in a temporary database on the
 * same server (the user must be allowed to create one; it is always dropped), runs each migration's
 * up, down and up again, and compares the schema after down with the schema before up. Prints one
 * line per migration and one per difference, and fails the build when a down does not restore the
 * schema exactly or an up or down fails. Migrations without {@code down()} are listed as not
 * checked. The configured database's schema is not touched.
 *
 * <p>{@code mvn compile schema:test}
 *
 * <p>Named after what the goal runs, the API's {@link Tidemark#roundTrip()}, rather than the goal's
 * name {@code test}: a {@code TestMojo} would read as a test of the plugin, and this is the one
 * class beside {@code RoundTripResult} and {@code RoundTripCommand}.
 */
@Mojo(name = "test", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class RoundTripMojo extends AbstractTidemarkMojo {

    @Override
    String goalName() {
        return "test";
    }

    @Override
    void run(Tidemark tidemark, Output output) {
        RoundTripResult result = tidemark.roundTrip();
        print(result, output);
        result.assertClean();
    }
}
