package dev.tidemark.maven;

import dev.tidemark.InfoResult;
import dev.tidemark.Tidemark;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Prints every migration known to the code or the history as a table: version, description, type,
 * state (applied, pending, failed, missing from code …), when it was installed, how long it took, and
 * whether its checksum still matches the code. Changes nothing.
 *
 * <p>{@code mvn compile schema:info}
 */
@Mojo(name = "info", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class InfoMojo extends AbstractTidemarkMojo {

    @Override
    String goalName() {
        return "info";
    }

    @Override
    void run(Tidemark tidemark, Output output) {
        InfoResult info = tidemark.info();
        print(info, output);
        info.migrations().stream()
                .filter(migration -> migration.progress() != null)
                .forEach(migration -> output.warn(migration.progress()));
    }
}
