package dev.tidemark.maven;

import dev.tidemark.Tidemark;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Repairs the history table, never the schema: marks a non-transactional migration that failed or
 * never finished applied (after you finished its changes by hand; the row is kept and recorded as
 * repaired) or removes its row (after you undid them; it runs again), as {@code repairAs} says;
 * removes failed undo rows; realigns recorded checksums and descriptions with the code. Prints each
 * change.
 *
 * <p>{@code mvn compile schema:repair -Dschema.repairAs=applied}
 */
@Mojo(name = "repair", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class RepairMojo extends AbstractTidemarkMojo {

    /**
     * What to do with the history row of a non-transactional migration that failed or never
     * finished: {@code applied} marks it applied (its changes were finished by hand; the row is kept,
     * recorded as repaired, by whom and when) or {@code removed} deletes it (its changes were undone
     * by hand; it runs again from its first statement). Required when there is such a row: repair
     * refuses without it and changes nothing.
     */
    @Parameter(property = "schema.repairAs")
    private String repairAs;

    @Override
    String goalName() {
        return "repair";
    }

    @Override
    void run(Tidemark tidemark, Output output) {
        print(tidemark.repair(), output);
    }
}
