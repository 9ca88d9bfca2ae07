package dev.tidemark.maven;

import dev.tidemark.BaselineResult;
import dev.tidemark.Tidemark;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Adopts a database whose schema was made by other means: records a baseline, so that the
 * migrations up to it count as applied and only later ones run. Refuses a history that already has
 * rows. With {@code baselineVersion}, baselines at that version; without it, finds the version whose
 * schema equals the database's by replaying the migrations in a temporary database on the same
 * server (the user must be allowed to create one), and refuses, naming the nearest version and its
 * differences, when none does.
 *
 * <p>{@code mvn compile schema:baseline -Dschema.baselineVersion=4}
 */
@Mojo(name = "baseline", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class BaselineMojo extends AbstractTidemarkMojo {

    /**
     * The version of the code that the existing schema corresponds to. When not given, Tidemark
     * finds it by comparing the schema with each version's.
     */
    @Parameter(property = "schema.baselineVersion")
    private String baselineVersion;

    @Override
    void applyCommandLine(CommandLineProperties commandLine) {
        super.applyCommandLine(commandLine);
        baselineVersion = commandLine.string("baselineVersion", baselineVersion);
    }

    @Override
    String goalName() {
        return "baseline";
    }

    @Override
    void run(Tidemark tidemark, Output output) {
        BaselineResult result;
        if (baselineVersion == null || baselineVersion.isBlank()) {
            output.info("No " + Parameters.describe("baselineVersion") + " given: looking for the version whose"
                    + " schema equals this one, by replaying the migrations in a temporary database");
            result = tidemark.baseline();
        } else {
            result = tidemark.baseline(baselineVersion.trim());
        }
        print(result, output);
    }
}
