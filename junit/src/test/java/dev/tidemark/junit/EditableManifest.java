package dev.tidemark.junit;

import dev.tidemark.JavaMigration;
import dev.tidemark.spi.MigrationEntry;
import dev.tidemark.spi.MigrationManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The test migrations' generated manifest, as it would read after an edit: one migration's
 * checksum changed, or a migration added. Always the same class, so that the edited and the
 * unedited manifest belong to the same project, as an edit in a real project does.
 */
final class EditableManifest implements MigrationManifest {

    private final List<MigrationEntry> migrations;

    private EditableManifest(List<MigrationEntry> migrations) {
        this.migrations = List.copyOf(migrations);
    }

    /** The migrations as compiled. */
    static EditableManifest asCompiled() {
        return new EditableManifest(compiled());
    }

    /** The migrations with {@code version}'s checksum changed, as an edit of its SQL changes it. */
    static EditableManifest withEdited(String version) {
        List<MigrationEntry> entries = new ArrayList<>();
        for (MigrationEntry entry : compiled()) {
            entries.add(
                    entry.version().equals(version)
                            ? new MigrationEntry(
                                    entry.version(),
                                    entry.description(),
                                    entry.className(),
                                    "v1:" + "0".repeat(64),
                                    entry.transactional(),
                                    entry.undoable(),
                                    entry.factory())
                            : entry);
        }
        return new EditableManifest(entries);
    }

    /** The migrations and one more, {@code version}, which runs {@code migration} (which has a down or not). */
    static EditableManifest withAdded(String version, boolean undoable, Supplier<? extends JavaMigration> migration) {
        List<MigrationEntry> entries = new ArrayList<>(compiled());
        entries.add(new MigrationEntry(
                version,
                "added by the test",
                "dev.tidemark.junit.Added" + version.replace('.', '_'),
                "v1:" + "1".repeat(64),
                true,
                undoable,
                migration));
        return new EditableManifest(entries);
    }

    private static List<MigrationEntry> compiled() {
        List<MigrationEntry> entries = new ArrayList<>();
        MigratedDatabaseExtension.manifests(EditableManifest.class.getClassLoader())
                .forEach(manifest -> entries.addAll(manifest.migrations()));
        if (entries.isEmpty()) {
            throw new IllegalStateException("the test migrations' manifest is missing: was the processor run?");
        }
        return entries;
    }

    @Override
    public List<MigrationEntry> migrations() {
        return migrations;
    }
}
