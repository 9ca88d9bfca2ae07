package dev.tidemark.internal.plan;

import dev.tidemark.MigrationDescriptor;
import dev.tidemark.MigrationVersion;
import java.util.ArrayList;
import java.util.List;

/** The versions of the code nearest to one that is not there, for messages. */
public final class NearbyVersions {

    private NearbyVersions() {}

    /** Up to two versions below and two above {@code missing}, such as {@code 3, 4, 6, 7}. */
    public static String around(MigrationCatalog catalog, MigrationVersion missing) {
        List<MigrationDescriptor> all = catalog.migrations();
        int index = 0;
        while (index < all.size() && all.get(index).version().compareTo(missing) < 0) {
            index++;
        }
        List<String> near = new ArrayList<>();
        for (int i = Math.max(0, index - 2); i < Math.min(all.size(), index + 2); i++) {
            near.add(all.get(i).version().toString());
        }
        return near.isEmpty() ? "(the code has no migration)" : String.join(", ", near);
    }
}
