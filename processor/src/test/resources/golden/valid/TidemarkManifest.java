package com.acme.db;

import com.acme.db.more.Holder;
import dev.tidemark.spi.MigrationEntry;
import dev.tidemark.spi.MigrationManifest;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * The migrations of this compilation, sorted by version, with their source checksums.
 */
@Generated("dev.tidemark.processor.MigrationProcessor")
public final class TidemarkManifest implements MigrationManifest {
    private static final List<MigrationEntry> MIGRATIONS = List.of(
        new MigrationEntry("1", "Create the users table", "com.acme.db.CreateUsers", "v1:bac11b856b3cd64985adcc727f969feed452a3a51a8cdb675adda84ac5e22860", true, true, CreateUsers::new),
        new MigrationEntry("1.9", "add email verification", "com.acme.db.AddEmailVerification", "v1:e97aec79bc23b12e6a3e4ec5c791f5f2c1e4b846b7b9cdc1379a91e5117c47cd", true, false, AddEmailVerification::new),
        new MigrationEntry("1.10", "create url index 2", "com.acme.db.CreateURLIndex2", "v1:7e9ae9b758dee84a2076f416a50e2319b1a69be0edbc82a91abe09b25378849d", false, false, CreateURLIndex2::new),
        new MigrationEntry("2", "Add orders", "com.acme.db.more.Holder$AddOrders", "v1:c792eb8183dfda821d92829789aeb6853498300215481ca09cd7c043835c891a", true, false, Holder.AddOrders::new),
        new MigrationEntry("2024.06.01.1", "Seed the \"admin\" users\tfirst", "com.acme.db.SeedAdmins", "v1:0c138e1615909e40c883cbcae24258c61b3bded38fad5f48d9f5656983633074", true, true, SeedAdmins::new));

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
}
