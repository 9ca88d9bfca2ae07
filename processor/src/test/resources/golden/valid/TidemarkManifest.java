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
    /**
     * Per migration: version, description, class name and checksum, each as {@code length:text|},
     * then a digit of flags (1: transactional, 2: undoable).
     */
    private static final String[] LISTING = {
        "1:1|22:Create the users table|23:com.acme.db.CreateUsers|67:v1:bac11b856b3cd64985adcc727f969feed452a3a51a8cdb675adda84ac5e22860|3"
            + "3:1.9|22:add email verification|32:com.acme.db.AddEmailVerification|67:v1:e97aec79bc23b12e6a3e4ec5c791f5f2c1e4b846b7b9cdc1379a91e5117c47cd|1"
            + "4:1.10|18:create url index 2|27:com.acme.db.CreateURLIndex2|67:v1:7e9ae9b758dee84a2076f416a50e2319b1a69be0edbc82a91abe09b25378849d|0"
            + "1:2|10:Add orders|33:com.acme.db.more.Holder$AddOrders|67:v1:c792eb8183dfda821d92829789aeb6853498300215481ca09cd7c043835c891a|1"
            + "12:2024.06.01.1|28:Seed the \"admin\" users\tfirst|22:com.acme.db.SeedAdmins|67:v1:0c138e1615909e40c883cbcae24258c61b3bded38fad5f48d9f5656983633074|3"
    };

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
        String[] fields = new String[4];
        for (String chunk : LISTING) {
            int at = 0;
            while (at < chunk.length()) {
                for (int field = 0; field < fields.length; field++) {
                    int colon = chunk.indexOf(':', at);
                    int end = colon + 1 + Integer.parseInt(chunk, at, colon, 10);
                    fields[field] = chunk.substring(colon + 1, end);
                    at = end + 1;
                }
                int flags = chunk.charAt(at++) - '0';
                entries.add(new MigrationEntry(fields[0], fields[1], fields[2], fields[3], (flags & 1) != 0, (flags & 2) != 0, new Factory(entries.size())));
            }
        }
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
