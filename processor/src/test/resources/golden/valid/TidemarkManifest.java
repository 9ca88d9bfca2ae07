package com.acme.db;

import com.acme.db.more.Holder;
import dev.tidemark.JavaMigration;
import dev.tidemark.spi.ManifestListing;
import dev.tidemark.spi.MigrationEntry;
import dev.tidemark.spi.MigrationManifest;
import java.util.List;
import java.util.function.IntFunction;
import javax.annotation.processing.Generated;

/**
 * The migrations of this compilation, listed by version with their checksums in the resource
 * {@code META-INF/tidemark/com.acme.db.TidemarkManifest.entries} beside this class.
 * Listing them loads no migration class: each is loaded when its entry's factory first creates it.
 */
@Generated("dev.tidemark.processor.MigrationProcessor")
public final class TidemarkManifest implements MigrationManifest {
    /**
     * Called by {@link java.util.ServiceLoader}.
     */
    public TidemarkManifest() {
    }

    @Override
    public int formatVersion() {
        return 2;
    }

    @Override
    public List<MigrationEntry> migrations() {
        return ManifestListing.load(this, new Create());
    }

    /**
     * Creates the Java migration at one index of the listing's Java lines, loading its class only then.
     */
    private static final class Create implements IntFunction<JavaMigration> {
        @Override
        public JavaMigration apply(int index) {
            switch (index / 500) {
                case 0: return Part0.create0(index);
                default: throw new IllegalArgumentException("No migration at index " + index);
            }
        }
    }

    /**
     * Versions 1 to 2024.06.01.1.
     */
    private static final class Part0 {
        static JavaMigration create0(int index) {
            switch (index) {
                case 0: return new CreateUsers(); // 1
                case 1: return new AddEmailVerification(); // 1.9
                case 2: return new CreateURLIndex2(); // 1.10
                case 3: return new Holder.AddOrders(); // 2
                case 4: return new SeedAdmins(); // 2024.06.01.1
                default: throw new IllegalArgumentException("No migration at index " + index);
            }
        }
    }
}
