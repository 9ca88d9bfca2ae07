package dev.tidemark.processor;

import dev.tidemark.MigrationVersion;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.StandardLocation;

/**
 * What the previous compilation into the same class output generated: its manifests' entries and
 * the other providers listed in the service file. An incremental build (an IDE compiling only the
 * changed files) processes only some migrations; the others are kept from here, so the manifest
 * does not lose them.
 *
 * <p>A previous entry is kept when its class was not compiled again now, still exists ({@link
 * Elements#getTypeElement}), still carries {@code @Migration}, and, where the compiler has a source
 * path, still has its source file: a migration whose source was deleted disappears even when a
 * stale class file of it is still on the class path.
 */
final class PreviousCompilation {

    private final List<EntriesFile.Entry> entries;
    private final List<String> otherProviders;

    private PreviousCompilation(List<EntriesFile.Entry> entries, List<String> otherProviders) {
        this.entries = entries;
        this.otherProviders = otherProviders;
    }

    /** Reads the service file and the entries files it leads to; nothing when there are none. */
    static PreviousCompilation read(Filer filer, Elements elements, Reporter reporter) {
        List<EntriesFile.Entry> entries = new ArrayList<>();
        List<String> otherProviders = new ArrayList<>();
        Optional<String> services = readResource(filer, RuntimeNames.MANIFEST_SERVICE_FILE, reporter);
        if (services.isEmpty()) {
            return new PreviousCompilation(entries, otherProviders);
        }
        for (String line : services.get().lines().toList()) {
            int comment = line.indexOf('#');
            String provider = (comment >= 0 ? line.substring(0, comment) : line).strip();
            if (provider.isEmpty()) {
                continue;
            }
            String entriesPath = EntriesFile.path(provider);
            Optional<String> text = readResource(filer, entriesPath, reporter);
            if (text.isPresent()) {
                try {
                    entries.addAll(EntriesFile.read(text.get()));
                } catch (IllegalArgumentException e) {
                    reporter.warning(ProcessorMessage.PREVIOUS_ENTRIES_UNREADABLE, entriesPath, e.getMessage());
                }
            } else if (elements.getTypeElement(provider) != null && !otherProviders.contains(provider)) {
                // Not a Tidemark manifest (or one whose entries are gone): someone else's provider.
                otherProviders.add(provider);
            }
        }
        return new PreviousCompilation(entries, otherProviders);
    }

    /** Providers in the previous service file that are not generated manifests, to list again. */
    List<String> otherProviders() {
        return otherProviders;
    }

    /**
     * The previous entries still valid now.
     *
     * @param recompiled binary names of the migrations compiled in this compilation
     * @param sources tells whether a class's source file still exists, when that can be known
     */
    List<FoundMigration> kept(Set<String> recompiled, Elements elements, SourceFiles sources) {
        List<FoundMigration> kept = new ArrayList<>();
        for (EntriesFile.Entry entry : entries) {
            if (recompiled.contains(entry.binaryName()) || !MigrationVersion.isValid(entry.version())) {
                continue;
            }
            TypeElement type = elements.getTypeElement(entry.canonicalName());
            if (type == null
                    || !elements.getBinaryName(type).contentEquals(entry.binaryName())
                    || MigrationAnalyzer.migrationAnnotation(type).isEmpty()
                    || sources.knownToBeDeleted(type)) {
                continue;
            }
            kept.add(new FoundMigration(
                    entry.version(),
                    MigrationVersion.parse(entry.version()),
                    entry.description(),
                    entry.binaryName(),
                    entry.canonicalName(),
                    entry.checksum(),
                    entry.transactional(),
                    entry.undoable(),
                    type,
                    true));
        }
        return kept;
    }

    private static Optional<String> readResource(Filer filer, String path, Reporter reporter) {
        try (InputStream in =
                filer.getResource(StandardLocation.CLASS_OUTPUT, "", path).openInputStream()) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (FileNotFoundException | NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            reporter.warning(ProcessorMessage.PREVIOUS_ENTRIES_UNREADABLE, path, e.toString());
            return Optional.empty();
        }
    }

    /**
     * Whether source files can be looked up on the compiler's source path. Calibrated on a class
     * that is being compiled now: when even its source is not found there, the source path says
     * nothing and no previous entry is dropped for want of a source.
     */
    static final class SourceFiles {
        private final Filer filer;
        private final boolean reliable;

        /** {@code compiledNow} is a class compiled now, or null when none is (then nothing is known). */
        SourceFiles(Filer filer, TypeElement compiledNow) {
            this.filer = filer;
            this.reliable = compiledNow != null && exists(filer, compiledNow);
        }

        boolean knownToBeDeleted(TypeElement type) {
            return reliable && !exists(filer, type);
        }

        private static boolean exists(Filer filer, TypeElement type) {
            Element outermost = type;
            while (outermost.getEnclosingElement() instanceof TypeElement enclosing) {
                outermost = enclosing;
            }
            if (!(outermost.getEnclosingElement() instanceof PackageElement pkg)) {
                return false;
            }
            try (InputStream in = filer.getResource(
                            StandardLocation.SOURCE_PATH, pkg.getQualifiedName(), outermost.getSimpleName() + ".java")
                    .openInputStream()) {
                return in != null;
            } catch (IOException | IllegalArgumentException | IllegalStateException e) {
                return false;
            }
        }
    }
}
