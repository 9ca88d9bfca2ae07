package dev.tidemark.internal.adopt;

import dev.tidemark.MigrationDescriptor;

/**
 * The text of a migration as its file holds it, for recomputing another tool's checksum. This is
 * the one place where SQL migrations plug into a takeover: a SQL migration's entry in the manifest
 * will carry its original file name and text (or the checksums other tools compute from it), and
 * {@link #of} will hand them out; until then every migration is a Java class, whose source no other
 * tool ever hashed, and a row is matched to it by version alone.
 */
public interface MigrationContents {

    /** The migration's file text (decoded as UTF-8), or null when it is a Java class. */
    String sqlText(MigrationDescriptor migration);

    /** The file name the migration was written as ({@code V2__Create_orders.sql}), or null for a class. */
    default String fileName(MigrationDescriptor migration) {
        return null;
    }

    /** The contents the manifests give: none yet, every migration is a Java class. */
    static MigrationContents ofManifests() {
        return migration -> null;
    }
}
