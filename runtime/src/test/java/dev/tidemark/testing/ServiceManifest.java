package dev.tidemark.testing;

import dev.tidemark.spi.MigrationEntry;
import dev.tidemark.spi.MigrationManifest;
import java.util.List;

/** A manifest found through {@code META-INF/services}, as a generated one would be. */
public final class ServiceManifest implements MigrationManifest {

    @Override
    public List<MigrationEntry> migrations() {
        return List.of(TestManifest.sql("7", "from the service file", "SELECT 7"));
    }
}
