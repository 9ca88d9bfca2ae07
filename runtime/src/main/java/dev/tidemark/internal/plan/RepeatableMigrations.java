package dev.tidemark.internal.plan;

import dev.tidemark.ConfigurationException;
import dev.tidemark.ErrorCode;
import dev.tidemark.spi.MigrationEntry;
import dev.tidemark.spi.MigrationManifest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The repeatable migrations of every manifest, by description, each with the entry that creates it. */
final class RepeatableMigrations {

    private record Listed(RepeatableMigration migration, MigrationEntry entry, MigrationManifest manifest) {}

    private final Map<String, Listed> byDescription = new TreeMap<>();

    /**
     * Adds the repeatable migration of {@code entry}. When its file uses placeholders, their values
     * are part of its checksum, so that a new value applies it again (as Flyway does): the file's
     * checksum, then {@code ;placeholders:} and the first 16 hex digits of the SHA-256 of the
     * {@code name=value} lines of the placeholders it uses, by name.
     *
     * @throws ConfigurationException with {@link ErrorCode#INVALID_MANIFEST} when another manifest
     *     lists a repeatable migration of the same description
     */
    void add(MigrationEntry entry, MigrationManifest manifest, Map<String, String> placeholders) {
        RepeatableMigration migration = new RepeatableMigration(
                entry.description(),
                entry.sql() != null ? entry.sql().file() : entry.className(),
                entry.sql() == null || entry.sql().placeholders().isEmpty()
                        ? entry.checksum()
                        : entry.checksum() + ";placeholders:"
                                + valuesHash(entry.sql().placeholders(), placeholders),
                entry.transactional());
        Listed previous = byDescription.putIfAbsent(entry.description(), new Listed(migration, entry, manifest));
        if (previous != null) {
            throw new ConfigurationException(
                    ErrorCode.INVALID_MANIFEST,
                    "Two repeatable migrations have the description '" + entry.description() + "': "
                            + previous.migration().file() + " (in "
                            + previous.manifest().getClass().getName()
                            + ") and " + migration.file() + " (in "
                            + manifest.getClass().getName() + ").\nRename one of the files; a repeatable"
                            + " migration is identified by its description.");
        }
    }

    private static String valuesHash(Set<String> used, Map<String, String> placeholders) {
        StringBuilder values = new StringBuilder();
        for (String name : new TreeSet<>(used)) {
            values.append(name).append('=').append(placeholders.get(name)).append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(values.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** Every repeatable migration, by description. */
    List<RepeatableMigration> all() {
        List<RepeatableMigration> all = new ArrayList<>(byDescription.size());
        byDescription.values().forEach(listed -> all.add(listed.migration()));
        return all;
    }

    /** The manifest that lists the repeatable migration of {@code description}, or null when none does. */
    MigrationManifest manifest(String description) {
        Listed listed = byDescription.get(description);
        return listed == null ? null : listed.manifest();
    }

    MigrationEntry entry(RepeatableMigration migration) {
        return byDescription.get(migration.description()).entry();
    }
}
