package dev.tidemark.maven;

import dev.tidemark.Tidemark;
import dev.tidemark.ValidateResult;
import dev.tidemark.ValidationException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Compares the project's migrations with the database's history without running anything, and fails
 * the build on an edited migration (checksum), a migration applied but missing from the code, a
 * failed migration, or a pending migration older than the newest applied one. Lists pending
 * migrations, and fails on them too when {@code failOnPending} is true. Meant as a CI gate.
 *
 * <p>{@code mvn compile schema:validate}
 */
@Mojo(name = "validate", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class ValidateMojo extends AbstractTidemarkMojo {

    @Override
    String goalName() {
        return "validate";
    }

    @Override
    void run(Tidemark tidemark, Output output) {
        ValidateResult result;
        try {
            result = tidemark.validate();
        } catch (ValidationException e) {
            // The exception's message lists every problem; the pending migrations are shown here.
            if (e.result() != null) {
                print(e.result().inSchema(schemaName()), output);
            }
            throw e;
        }
        print(result, output);
    }
}
