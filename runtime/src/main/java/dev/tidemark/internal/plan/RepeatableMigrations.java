package dev.tidemark.internal.plan;

import dev.tidemark.ConfigurationException;
import dev.tidemark.ErrorCode;
import dev.tidemark.spi.MigrationEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The repeatable migrations of every manifest, by description, each with the entry that creates it. */
final class RepeatableMigrations {

    private record Listed(RepeatableMigration migration, MigrationEntry entry, String manifest) {}

    private final Map<String, Listed> byDescription = new TreeMap<>();

    /**
     * Adds the repeatable migration of {@code entry}.
     *
     * @throws ConfigurationException with {@link ErrorCode#INVALID_MANIFEST} when another manifest
     *     lists a repeatable migration of the same description
     */
    void add(MigrationEntry entry, String manifest) {
        RepeatableMigration migration = new RepeatableMigration(
                entry.description(),
                entry.sql() != null ? entry.sql().file() : entry.className(),
                entry.checksum(),
                entry.transactional());
        Listed previous = byDescription.putIfAbsent(entry.description(), new Listed(migration, entry, manifest));
        if (previous != null) {
            throw new ConfigurationException(
                    ErrorCode.INVALID_MANIFEST,
                    "Two repeatable migrations have the description '" + entry.description() + "': "
                            + previous.migration().file() + " (in " + previous.manifest() + ") and "
                            + migration.file() + " (in " + manifest + ").\nRename one of the files; a repeatable"
                            + " migration is identified by its description.");
        }
    }

    /** Every repeatable migration, by description. */
    List<RepeatableMigration> all() {
        List<RepeatableMigration> all = new ArrayList<>(byDescription.size());
        byDescription.values().forEach(listed -> all.add(listed.migration()));
        return all;
    }

    MigrationEntry entry(RepeatableMigration migration) {
        return byDescription.get(migration.description()).entry();
    }
}
