package dev.tidemark.maven;

import dev.tidemark.MigrationDescriptor;
import dev.tidemark.MigrationVersion;

/** Small values the output tests share. */
final class Fixtures {

    private Fixtures() {}

    static MigrationVersion v(String version) {
        return MigrationVersion.parse(version);
    }

    static MigrationDescriptor migration(String version, String description, boolean transactional) {
        return new MigrationDescriptor(
                v(version), description, "com.acme.db.M" + version.replace('.', '_'), "v1:ab", transactional, false);
    }
}
