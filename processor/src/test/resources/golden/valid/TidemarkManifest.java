package com.acme.db;

import com.acme.db.more.Holder;
import dev.tidemark.JavaMigration;
import dev.tidemark.spi.MigrationEntry;
import dev.tidemark.spi.MigrationManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.annotation.processing.Generated;

/**
 * The migrations of this compilation, sorted by version, with their source checksums.
 * Listing them loads no migration class: each is loaded when its entry's factory first
 * creates it.
 */
@Generated("dev.tidemark.processor.MigrationProcessor")
public final class TidemarkManifest implements MigrationManifest {
    private static final List<MigrationEntry> MIGRATIONS = entries();

    /**
     * Called by {@link java.util.ServiceLoader}.
     */
    public TidemarkManifest() {
    }

    @Override
    public int formatVersion() {
        return 1;
    }

    @Override
    public List<MigrationEntry> migrations() {
        return MIGRATIONS;
    }

    private static List<MigrationEntry> entries() {
        List<MigrationEntry> entries = new ArrayList<>(5);
        Part0.addEntries0(entries);
        return List.copyOf(entries);
    }

    /**
     * Creates the migration at one index of the entries, loading its class only then.
     */
    private static final class Factory implements Supplier<JavaMigration> {
        private final int index;

        Factory(int index) {
            this.index = index;
        }

        @Override
        public JavaMigration get() {
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
        static void addEntries0(List<MigrationEntry> entries) {
            entries.add(new MigrationEntry("1", "Create the users table", "com.acme.db.CreateUsers", "v1:bac11b856b3cd64985adcc727f969feed452a3a51a8cdb675adda84ac5e22860", true, true, new Factory(0)));
            entries.add(new MigrationEntry("1.9", "add email verification", "com.acme.db.AddEmailVerification", "v1:e97aec79bc23b12e6a3e4ec5c791f5f2c1e4b846b7b9cdc1379a91e5117c47cd", true, false, new Factory(1)));
            entries.add(new MigrationEntry("1.10", "create url index 2", "com.acme.db.CreateURLIndex2", "v1:7e9ae9b758dee84a2076f416a50e2319b1a69be0edbc82a91abe09b25378849d", false, false, new Factory(2)));
            entries.add(new MigrationEntry("2", "Add orders", "com.acme.db.more.Holder$AddOrders", "v1:c792eb8183dfda821d92829789aeb6853498300215481ca09cd7c043835c891a", true, false, new Factory(3)));
            entries.add(new MigrationEntry("2024.06.01.1", "Seed the \"admin\" users\tfirst", "com.acme.db.SeedAdmins", "v1:0c138e1615909e40c883cbcae24258c61b3bded38fad5f48d9f5656983633074", true, true, new Factory(4)));
        }

        static JavaMigration create0(int index) {
            switch (index) {
                case 0: return new CreateUsers();
                case 1: return new AddEmailVerification();
                case 2: return new CreateURLIndex2();
                case 3: return new Holder.AddOrders();
                case 4: return new SeedAdmins();
                default: throw new IllegalArgumentException("No migration at index " + index);
            }
        }
    }
}
