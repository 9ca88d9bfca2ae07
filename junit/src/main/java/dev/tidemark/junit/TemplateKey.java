package dev.tidemark.junit;

import dev.tidemark.MigrationVersion;
import dev.tidemark.Tidemark;
import dev.tidemark.spi.MigrationEntry;
import dev.tidemark.spi.MigrationManifest;
import java.nio.charset.StandardCharsets;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a template database holds, and so its name: {@code tidemark_tpl_<project>_<code>_<target>}.
 *
 * <ul>
 *   <li>{@code project} (8 hex digits) hashes the manifests' class names, the schema and the role
 *       that owns the template: it tells one project's templates from another's on a shared server;
 *   <li>{@code code} (12) hashes every migration's version, class, checksum and transactional flag,
 *       and the runtime's version: it changes when any migration is added, removed or edited, and
 *       then the project's templates with another {@code code} are dropped;
 *   <li>{@code target} (8) hashes the version migrated to, so that tests at different versions of
 *       the same code each have their template, side by side.
 * </ul>
 */
final class TemplateKey {

    static final String PREFIX = "tidemark_tpl_";
    static final String BUILDING_SUFFIX = "_building";

    private final List<MigrationManifest> manifests;
    private final String schema;
    private final String role;
    private final String project;
    private final String code;
    private final String target;
    private final MigrationVersion version;
    private final int migrations;

    private TemplateKey(
            List<MigrationManifest> manifests,
            String schema,
            String role,
            String project,
            String code,
            String target,
            MigrationVersion version,
            int migrations) {
        this.manifests = manifests;
        this.schema = schema;
        this.role = role;
        this.project = project;
        this.code = code;
        this.target = target;
        this.version = version;
        this.migrations = migrations;
    }

    /**
     * The key of the template of these manifests migrated to {@code target} ({@code latest} or a
     * version of the code) in {@code schema}, owned by {@code role}.
     *
     * @throws IllegalArgumentException when there are no migrations, or no migration has that version
     */
    static TemplateKey of(List<MigrationManifest> manifests, String schema, String target, String role) {
        List<MigrationEntry> entries = new ArrayList<>();
        manifests.forEach(manifest -> entries.addAll(manifest.migrations()));
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("No migrations were found on the test class path (no"
                    + " META-INF/services/dev.tidemark.spi.MigrationManifest). Compile the @Migration classes with"
                    + " tidemark-processor among the compiler's annotationProcessorPaths, so that their manifest is"
                    + " generated.");
        }
        entries.sort(Comparator.comparing(entry -> MigrationVersion.parse(entry.version())));
        MigrationVersion latest =
                MigrationVersion.parse(entries.get(entries.size() - 1).version());
        MigrationVersion version;
        if ("latest".equalsIgnoreCase(target.strip())) {
            version = latest;
        } else {
            String problem = MigrationVersion.problemWith(target.strip());
            if (problem != null) {
                throw new IllegalArgumentException(
                        "@MigratedDatabase(version = \"" + target + "\") is not a version: " + problem);
            }
            version = MigrationVersion.parse(target.strip());
            if (entries.stream()
                    .noneMatch(entry -> MigrationVersion.parse(entry.version()).equals(version))) {
                throw new IllegalArgumentException("@MigratedDatabase(version = \"" + target
                        + "\") names no migration of the code; its versions are "
                        + entries.stream().map(MigrationEntry::version).collect(Collectors.joining(", "))
                        + ". Give one of them, or latest.");
            }
        }
        int upToTarget = (int) entries.stream()
                .filter(entry -> MigrationVersion.parse(entry.version()).compareTo(version) <= 0)
                .count();

        StringBuilder projectText =
                new StringBuilder("project\n").append(schema).append('\n').append(role);
        manifests.stream()
                .map(manifest -> manifest.getClass().getName())
                .sorted()
                .forEach(name -> projectText.append('\n').append(name));
        StringBuilder codeText = new StringBuilder("tidemark-junit template 1\nruntime ").append(runtimeVersion());
        for (MigrationEntry entry : entries) {
            codeText.append('\n')
                    .append(MigrationVersion.parse(entry.version()))
                    .append(' ')
                    .append(entry.className())
                    .append(' ')
                    .append(entry.checksum())
                    .append(' ')
                    .append(entry.transactional());
        }
        return new TemplateKey(
                List.copyOf(manifests),
                schema,
                role,
                sha256(projectText.toString()).substring(0, 8),
                sha256(codeText.toString()).substring(0, 12),
                sha256("target " + version).substring(0, 8),
                version,
                upToTarget);
    }

    /** The template's database name (at most 46 bytes). */
    String name() {
        return PREFIX + project + "_" + code + "_" + target;
    }

    /** The name the template is built under; renamed to {@link #name} once complete. */
    String buildingName() {
        return name() + BUILDING_SUFFIX;
    }

    /** The beginning of the names of every template of this project, whatever the code. */
    String projectPrefix() {
        return PREFIX + project + "_";
    }

    /** Whether {@code database} is a template (complete or not) of this project built from other code. */
    boolean isStale(String database) {
        return database.startsWith(projectPrefix()) && !database.startsWith(projectPrefix() + code + "_");
    }

    /** The key of the session advisory lock under which this project's templates are built and dropped. */
    long lockKey() {
        byte[] digest = digest("tidemark-junit lock " + project);
        long key = 0;
        for (int i = 0; i < 8; i++) {
            key = (key << 8) | (digest[i] & 0xff);
        }
        return key;
    }

    List<MigrationManifest> manifests() {
        return manifests;
    }

    String schema() {
        return schema;
    }

    String role() {
        return role;
    }

    /** The version the template is migrated to. */
    MigrationVersion version() {
        return version;
    }

    /** How many migrations the template has applied. */
    int migrations() {
        return migrations;
    }

    /**
     * Which Tidemark runtime migrates the template: another release may write the history otherwise.
     * The jar's version when it declares one, else its file name ({@code tidemark-runtime-0.1.0.jar}).
     */
    private static String runtimeVersion() {
        String version = Tidemark.class.getPackage().getImplementationVersion();
        if (version != null) {
            return version;
        }
        CodeSource source = Tidemark.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return "unknown";
        }
        String location = source.getLocation().toString();
        return location.substring(location.lastIndexOf('/', location.length() - 2) + 1);
    }

    private static String sha256(String text) {
        return HexFormat.of().formatHex(digest(text));
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TemplateKey key && key.name().equals(name());
    }

    @Override
    public int hashCode() {
        return name().hashCode();
    }

    @Override
    public String toString() {
        return name();
    }
}
