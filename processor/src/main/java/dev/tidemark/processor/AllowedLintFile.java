package dev.tidemark.processor;

import dev.tidemark.spi.ManifestListing;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.Filer;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * The lint rules each migration allows and why, kept beside the generated manifest in {@code
 * META-INF/tidemark/<manifest class>.lint-allowed} so the reasons travel with the jar and a reviewer
 * (or a tool) can list them. One line per allowance, tab-separated: version, binary class name,
 * rule id, reason (backslash, tab, line feed and carriage return escaped as in the entries file).
 * The first line names the format. An incremental compilation keeps the lines of the migrations it
 * did not compile again.
 */
final class AllowedLintFile {

    static final String HEADER = "# tidemark allowed lint rules, format 1";

    /** One allowance. */
    record Line(String version, String binaryName, String rule, String reason) {}

    private AllowedLintFile() {}

    static String path(String manifestClass) {
        return "META-INF/tidemark/" + manifestClass + ".lint-allowed";
    }

    static String write(List<Line> lines) {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (Line line : lines) {
            text.append(line.version())
                    .append('\t')
                    .append(line.binaryName())
                    .append('\t')
                    .append(line.rule())
                    .append('\t')
                    .append(ManifestListing.escape(line.reason()))
                    .append('\n');
        }
        return text.toString();
    }

    static List<Line> read(String text) {
        List<Line> lines = new ArrayList<>();
        List<String> all = text.lines().toList();
        if (all.isEmpty() || !all.get(0).equals(HEADER)) {
            return lines;
        }
        for (String line : all.subList(1, all.size())) {
            String[] fields = line.split("\t", -1);
            if (fields.length == 4) {
                lines.add(new Line(fields[0], fields[1], fields[2], ManifestListing.unescape(fields[3])));
            }
        }
        return lines;
    }

    /** The previous compilation's lines for the classes in {@code kept}; none when there was no file. */
    static List<Line> previous(Filer filer, String manifestClass, Set<String> kept) {
        try (InputStream in = filer.getResource(StandardLocation.CLASS_OUTPUT, "", path(manifestClass))
                .openInputStream()) {
            return read(new String(in.readAllBytes(), StandardCharsets.UTF_8)).stream()
                    .filter(line -> kept.contains(line.binaryName()))
                    .toList();
        } catch (FileNotFoundException | NoSuchFileException e) {
            return List.of();
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            return List.of();
        }
    }

    static void write(Filer filer, String manifestClass, List<Line> lines) throws IOException {
        FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", path(manifestClass));
        try (Writer writer = file.openWriter()) {
            writer.write(write(lines));
        }
    }
}
