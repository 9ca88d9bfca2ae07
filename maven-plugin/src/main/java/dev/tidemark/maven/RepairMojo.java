package dev.tidemark.maven;

import dev.tidemark.Tidemark;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Repairs the history table, never the schema: removes the rows of failed non-transactional
 * migrations (after you have cleaned up what they left) and realigns recorded checksums and
 * descriptions with the code. Prints each change.
 *
 * <p>{@code mvn compile schema:repair}
 */
@Mojo(name = "repair", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class RepairMojo extends AbstractTidemarkMojo {

    @Override
    String goalName() {
        return "repair";
    }

    @Override
    void run(Tidemark tidemark, Output output) {
        Reports.repair(schemaName(), tidemark.repair()).forEach(output::info);
    }
}
