package dev.tidemark.maven;

import dev.tidemark.MigrateResult;
import dev.tidemark.Tidemark;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Applies the pending migrations of the project's manifest, each in its own transaction together
 * with its history row, up to {@code target}. Prints one line per migration as it is applied, then a
 * summary. Validates first unless {@code validateOnMigrate} is false.
 *
 * <p>{@code mvn compile schema:migrate}
 */
@Mojo(name = "migrate", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class MigrateMojo extends AbstractTidemarkMojo {

    @Override
    String goalName() {
        return "migrate";
    }

    @Override
    void run(Tidemark tidemark, Output output) {
        MigrateResult result = tidemark.migrate();
        Reports.migrate(result).forEach(output::info);
    }
}
