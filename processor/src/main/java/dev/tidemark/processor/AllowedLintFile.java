package dev.tidemark.processor;

import dev.tidemark.spi.AllowedLintListing;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.Filer;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Reads and writes the lint rules each migration allows and why, kept beside the generated manifest
 * in the format of {@link AllowedLintListing} so the reasons travel with the jar and {@code info}
 * (or a reviewer) can list them. An incremental compilation keeps the lines of the migrations it
 * did not compile again.
 */
final class AllowedLintFile {

    static final String HEADER = AllowedLintListing.HEADER;

    private AllowedLintFile() {}

    static String path(String manifestClass) {
        return AllowedLintListing.path(manifestClass);
    }

    /** The previous compilation's lines for the classes in {@code kept}; none when there was no file. */
    static List<AllowedLintListing.Line> previous(Filer filer, String manifestClass, Set<String> kept) {
        try (InputStream in = filer.getResource(StandardLocation.CLASS_OUTPUT, "", path(manifestClass))
                .openInputStream()) {
            return AllowedLintListing.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)).stream()
                    .filter(line -> kept.contains(line.binaryName()))
                    .toList();
        } catch (FileNotFoundException | NoSuchFileException e) {
            return List.of();
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            return List.of();
        }
    }

    static void write(
            Filer filer,
            String manifestClass,
            List<AllowedLintListing.Line> lines,
            List<AllowedLintListing.RepeatableLine> repeatables)
            throws IOException {
        FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", path(manifestClass));
        try (Writer writer = file.openWriter()) {
            writer.write(AllowedLintListing.format(lines, repeatables));
        }
    }
}
