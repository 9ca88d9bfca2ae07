package dev.tidemark.internal.plan;

import dev.tidemark.MigrationDescriptor;

/**
 * A repeatable SQL migration of the code ({@code R__<description>.sql}): it has no version, its
 * description identifies it, and migrate applies it again, after the versioned migrations, whenever
 * its checksum differs from the one its last successful history row records.
 *
 * @param description the description, from the file name ({@code R__Users_view.sql} is {@code Users view})
 * @param file the file's path in its migration folder, as messages name it
 * @param checksum the checksum of the file ({@code s1:…}, as a versioned SQL file's)
 * @param transactional whether it runs in a transaction with its history row (its first line is
 *     not the no-transaction marker)
 */
public record RepeatableMigration(String description, String file, String checksum, boolean transactional) {

    /** It as messages, the run and the rehearsal describe a migration: no version, its file as the class name. */
    public MigrationDescriptor descriptor() {
        return new MigrationDescriptor(null, description, file, checksum, transactional, false);
    }
}
