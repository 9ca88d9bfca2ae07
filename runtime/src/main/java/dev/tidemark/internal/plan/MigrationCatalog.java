package dev.tidemark.internal.plan;

import dev.tidemark.ConfigurationException;
import dev.tidemark.ErrorCode;
import dev.tidemark.JavaMigration;
import dev.tidemark.LintAllowance;
import dev.tidemark.MigrationDescriptor;
import dev.tidemark.MigrationVersion;
import dev.tidemark.internal.history.HistoryRow;
import dev.tidemark.spi.AllowedLintListing;
import dev.tidemark.spi.MigrationEntry;
import dev.tidemark.spi.MigrationManifest;
import dev.tidemark.spi.sql.SqlFileMigration;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The migrations of the code: every manifest merged into one list in version order. Checked when
 * loaded, so a broken set fails before any connection.
 */
public final class MigrationCatalog {

    static final String SERVICE_FILE = "META-INF/services/" + MigrationManifest.class.getName();

    private final List<MigrationDescriptor> descriptors;
    private final Map<MigrationVersion, Listed> byVersion;
    private final Map<String, String> placeholders;
    /** The repeatable migrations, by description (the order they run in). */
    private final RepeatableMigrations repeatables;
    /** What each manifest's listing allows, read when {@code info} first asks. */
    private final Map<MigrationManifest, Map<MigrationVersion, List<LintAllowance>>> allowedLint =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** The lint rules each repeatable migration allows, by description, read per manifest when info asks. */
    private final Map<MigrationManifest, Map<String, List<LintAllowance>>> allowedRepeatableLint =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** A migration as its manifest lists it. */
    private record Listed(MigrationDescriptor descriptor, MigrationEntry entry, MigrationManifest manifest) {}

    private MigrationCatalog(
            List<MigrationDescriptor> descriptors,
            Map<MigrationVersion, Listed> byVersion,
            Map<String, String> placeholders,
            RepeatableMigrations repeatables) {
        this.descriptors = List.copyOf(descriptors);
        this.byVersion = byVersion;
        this.placeholders = placeholders;
        this.repeatables = repeatables;
    }

    /** {@link #load(List, ClassLoader, Map)} with no placeholder values. */
    public static MigrationCatalog load(List<MigrationManifest> manifests, ClassLoader classLoader) {
        return load(manifests, classLoader, Map.of());
    }

    /**
     * Merges {@code manifests}, or when none are given, those {@link ServiceLoader} finds through
     * {@code classLoader} (the context class loader when null).
     *
     * @param placeholders the values of the {@code ${name}} placeholders of SQL migrations
     * @throws ConfigurationException with {@link ErrorCode#INVALID_MANIFEST}, or with {@link
     *     ErrorCode#INVALID_CONFIGURATION} when a SQL migration uses a placeholder that has no value
     */
    public static MigrationCatalog load(
            List<MigrationManifest> manifests, ClassLoader classLoader, Map<String, String> placeholders) {
        List<MigrationManifest> found = new ArrayList<>(manifests);
        if (found.isEmpty()) {
            ClassLoader loader =
                    classLoader != null ? classLoader : Thread.currentThread().getContextClassLoader();
            if (loader == null) {
                loader = MigrationCatalog.class.getClassLoader();
            }
            try {
                ServiceLoader.load(MigrationManifest.class, loader).forEach(found::add);
            } catch (java.util.ServiceConfigurationError e) {
                throw new ConfigurationException(
                        ErrorCode.INVALID_MANIFEST,
                        "A migration manifest listed in " + SERVICE_FILE + " cannot be loaded: " + e.getMessage()
                                + ".\nRebuild the project so the manifest and its classes are compiled together.");
            }
            if (found.isEmpty()) {
                throw new ConfigurationException(
                        ErrorCode.INVALID_MANIFEST,
                        "No migration manifest found: no " + SERVICE_FILE + " on the class path, so Tidemark"
                                + " does not know any migration.\nAdd dev.tidemark:tidemark-processor to the"
                                + " maven-compiler-plugin's <annotationProcessorPaths> so that compiling the"
                                + " @Migration classes writes the manifest, and rebuild.");
            }
        }
        List<MigrationDescriptor> descriptors = new ArrayList<>();
        Map<MigrationVersion, Listed> byVersion = new HashMap<>();
        RepeatableMigrations repeatables = new RepeatableMigrations();
        for (MigrationManifest manifest : found) {
            String manifestName = manifest.getClass().getName();
            if (manifest.formatVersion() > MigrationManifest.FORMAT_VERSION) {
                throw new ConfigurationException(
                        ErrorCode.INVALID_MANIFEST,
                        "The manifest " + manifestName + " has format " + manifest.formatVersion()
                                + ", newer than the format " + MigrationManifest.FORMAT_VERSION
                                + " this Tidemark runtime reads.\nUse a tidemark-runtime (or plugin) of the same"
                                + " version as the tidemark-processor that compiled the migrations.");
            }
            List<MigrationEntry> entries;
            try {
                entries = manifest.migrations();
            } catch (IllegalStateException | java.io.UncheckedIOException e) {
                throw new ConfigurationException(
                        ErrorCode.INVALID_MANIFEST,
                        "The manifest " + manifestName + " cannot list its migrations: " + e.getMessage()
                                + ".\nRebuild the project so the manifest and its listing are written together.");
            }
            // Thousands of entries on every run: nothing here builds a string unless it fails.
            for (MigrationEntry entry : entries) {
                if (entry.repeatable()) {
                    checkPlaceholders(entry, placeholders);
                    repeatables.add(entry, manifest, placeholders);
                    continue;
                }
                MigrationVersion version;
                try {
                    version = MigrationVersion.parse(entry.version());
                } catch (IllegalArgumentException e) {
                    throw new ConfigurationException(
                            ErrorCode.INVALID_MANIFEST,
                            "The manifest " + manifestName + " lists " + entry.className() + " with an invalid"
                                    + " version: " + e.getMessage() + ".\nFix the version in its @Migration and"
                                    + " rebuild.");
                }
                MigrationDescriptor descriptor = new MigrationDescriptor(
                        version,
                        entry.description(),
                        entry.className(),
                        entry.checksum(),
                        entry.transactional(),
                        entry.undoable());
                Listed previous = byVersion.putIfAbsent(version, new Listed(descriptor, entry, manifest));
                if (previous != null) {
                    throw new ConfigurationException(
                            ErrorCode.INVALID_MANIFEST,
                            "Two migrations have version " + version + ": "
                                    + previous.entry().className()
                                    + " (in " + previous.manifest().getClass().getName() + ") and "
                                    + entry.className() + " (in " + manifestName + ").\nGive one of them another"
                                    + " version; every version identifies exactly one migration.");
                }
                descriptors.add(descriptor);
                checkPlaceholders(entry, placeholders);
            }
        }
        descriptors.sort(Comparator.comparing(MigrationDescriptor::version));
        return new MigrationCatalog(descriptors, byVersion, Map.copyOf(placeholders), repeatables);
    }

    private static void checkPlaceholders(MigrationEntry entry, Map<String, String> placeholders) {
        if (entry.sql() != null
                && !placeholders.keySet().containsAll(entry.sql().placeholders())) {
            unknownPlaceholders(entry, placeholders);
        }
    }

    private static void unknownPlaceholders(MigrationEntry entry, Map<String, String> placeholders) {
        List<String> unknown = entry.sql().placeholders().stream()
                .filter(name -> !placeholders.containsKey(name))
                .sorted()
                .toList();
        throw new ConfigurationException(
                ErrorCode.INVALID_CONFIGURATION,
                "The SQL migration " + entry.className()
                        + (entry.repeatable() ? " (repeatable)" : " (version " + entry.version() + ")")
                        + " uses the placeholder"
                        + (unknown.size() == 1 ? " " : "s ")
                        + String.join(
                                ", ",
                                unknown.stream().map(name -> "${" + name + "}").toList())
                        + ", which " + (unknown.size() == 1 ? "has" : "have") + " no value; nothing was run."
                        + "\nGive " + (unknown.size() == 1 ? "it a value" : "them values")
                        + " in the setting placeholders (configured: "
                        + (placeholders.isEmpty()
                                ? "none"
                                : String.join(", ", new java.util.TreeSet<>(placeholders.keySet())))
                        + "), or write the value into the file.");
    }

    /** Every migration, in version order. */
    public List<MigrationDescriptor> migrations() {
        return descriptors;
    }

    /** The migration of that version, or null. */
    public MigrationDescriptor get(MigrationVersion version) {
        Listed listed = byVersion.get(version);
        return listed == null ? null : listed.descriptor();
    }

    /**
     * The history type of the migration of {@code version}: {@link HistoryRow#SQL} for one that
     * comes from a SQL file, {@link HistoryRow#JAVA} for a class (and for a version not in the code).
     */
    public String historyType(MigrationVersion version) {
        Listed listed = byVersion.get(version);
        return listed != null && listed.entry().sql() != null ? HistoryRow.SQL : HistoryRow.JAVA;
    }

    /** The repeatable migrations, in the order they run: by description. */
    public List<RepeatableMigration> repeatables() {
        return repeatables.all();
    }

    /** A new instance of the repeatable migration, its placeholders replaced. */
    public JavaMigration instantiate(RepeatableMigration migration) {
        return withPlaceholders(repeatables.entry(migration).factory().get());
    }

    /**
     * The lint rules the migration of {@code version} allows, as its manifest's {@link
     * AllowedLintListing} says; empty when it allows none, when the version is not in the code, or
     * when the manifest has no readable listing (one compiled before allowances were kept).
     */
    public List<LintAllowance> allowedLint(MigrationVersion version) {
        Listed listed = byVersion.get(version);
        if (listed == null) {
            return List.of();
        }
        Map<MigrationVersion, List<LintAllowance>> allowed =
                allowedLint.computeIfAbsent(listed.manifest(), MigrationCatalog::readAllowedLint);
        return allowed.getOrDefault(version, List.of());
    }

    /**
     * The lint rules the repeatable migration of {@code description} allows, as its manifest's
     * {@link AllowedLintListing} says; empty when it allows none, when the code has no repeatable
     * migration of that description, or when the manifest has no readable listing.
     */
    public List<LintAllowance> allowedLint(String description) {
        MigrationManifest manifest = repeatables.manifest(description);
        if (manifest == null) {
            return List.of();
        }
        Map<String, List<LintAllowance>> allowed = allowedRepeatableLint.computeIfAbsent(manifest, listed -> {
            Map<String, List<LintAllowance>> byDescription = new HashMap<>();
            for (AllowedLintListing.RepeatableLine line : AllowedLintListing.parseRepeatables(readListing(listed))) {
                byDescription
                        .computeIfAbsent(line.description(), d -> new ArrayList<>())
                        .add(new LintAllowance(line.rule(), line.reason()));
            }
            return byDescription;
        });
        return allowed.getOrDefault(description, List.of());
    }

    private static Map<MigrationVersion, List<LintAllowance>> readAllowedLint(MigrationManifest manifest) {
        Map<MigrationVersion, List<LintAllowance>> allowed = new HashMap<>();
        try {
            for (AllowedLintListing.Line line : AllowedLintListing.parse(readListing(manifest))) {
                allowed.computeIfAbsent(MigrationVersion.parse(line.version()), v -> new ArrayList<>())
                        .add(new LintAllowance(line.rule(), line.reason()));
            }
        } catch (IllegalArgumentException e) {
            // What the lint allowed is shown by info, never needed to run: an unreadable listing shows none.
            allowed.clear();
        }
        return allowed;
    }

    /** The text of {@code manifest}'s lint-allowed listing; empty when it has none or it cannot be read. */
    private static String readListing(MigrationManifest manifest) {
        Class<?> type = manifest.getClass();
        ClassLoader loader = type.getClassLoader() != null ? type.getClassLoader() : ClassLoader.getSystemClassLoader();
        try (InputStream in = loader.getResourceAsStream(AllowedLintListing.path(type.getName()))) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** A new instance of the migration. */
    public JavaMigration instantiate(MigrationDescriptor migration) {
        return withPlaceholders(
                byVersion.get(migration.version()).entry().factory().get());
    }

    private JavaMigration withPlaceholders(JavaMigration created) {
        return created instanceof SqlFileMigration sql && !placeholders.isEmpty()
                ? sql.withPlaceholders(placeholders)
                : created;
    }
}
