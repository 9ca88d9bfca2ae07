package dev.tidemark.maven;

import dev.tidemark.ConfigurationException;
import dev.tidemark.Tidemark;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Adopts a database whose schema was made by other means: records a baseline at {@code
 * baselineVersion}, so that the migrations up to it count as applied and only later ones run.
 * Refuses a history that already has rows and a version that no migration of the code has.
 *
 * <p>{@code mvn compile schema:baseline -Dschema.baselineVersion=4}
 */
@Mojo(name = "baseline", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class BaselineMojo extends AbstractTidemarkMojo {

    /** The version of the code that the existing schema corresponds to. Required: there is no default. */
    @Parameter(property = "schema.baselineVersion")
    private String baselineVersion;

    @Override
    String goalName() {
        return "baseline";
    }

    @Override
    void run(Tidemark tidemark, Output output) {
        if (baselineVersion == null || baselineVersion.isBlank()) {
            throw new ConfigurationException("Baseline needs the version the existing schema corresponds to: set "
                    + Parameters.describe("baselineVersion") + ", such as -Dschema.baselineVersion=4.");
        }
        output.info(Reports.baseline(schemaName(), tidemark.baseline(baselineVersion.trim())));
    }
}
