package dev.tidemark.maven;

import dev.tidemark.DiffResult;
import dev.tidemark.ResultFormat;
import dev.tidemark.Tidemark;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Compares the live schema with the snapshot recorded by the last migrate or baseline and prints
 * every difference (objects added, removed or changed by hand) as a sentence; writes the same report
 * as JSON for CI systems. Changes nothing and does not fail on drift: {@code validate} does that.
 * With {@code accept}, also accepts the live schema as the new reference for drift checks, recorded
 * with who accepted which differences.
 *
 * <p>{@code mvn compile schema:diff}, {@code mvn compile schema:diff -Dschema.accept}
 */
@Mojo(name = "diff", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class DiffMojo extends AbstractTidemarkMojo {

    /** Where to write the report as JSON. */
    @Parameter(property = "schema.diffReport", defaultValue = "${project.build.directory}/tidemark-diff.json")
    private File diffReport;

    /**
     * Whether to accept the live schema as the new reference for drift checks once the differences
     * are printed: records it in the snapshot table beside the history, with who accepted
     * ({@code installedBy}, else the database user), when, and each difference accepted. Later
     * checks compare with it. An index left invalid by a failed {@code CREATE INDEX CONCURRENTLY} is
     * never accepted.
     */
    @Parameter(property = "schema.accept", defaultValue = "false")
    private boolean accept;

    @Override
    void applyCommandLine(CommandLineProperties commandLine) {
        super.applyCommandLine(commandLine);
        diffReport = commandLine.file("diffReport", diffReport, basedir());
        accept = commandLine.bool("accept", accept);
    }

    @Override
    String goalName() {
        return "diff";
    }

    @Override
    void run(Tidemark tidemark, Output output) {
        DiffResult result = tidemark.diff();
        print(result, output);
        try {
            Files.createDirectories(diffReport.toPath().toAbsolutePath().getParent());
            Files.writeString(diffReport.toPath(), ResultFormat.toJson(result), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + diffReport, e);
        }
        output.info("Wrote the report to " + diffReport);
        if (accept) {
            print(tidemark.acceptDrift(), output);
        }
    }
}
