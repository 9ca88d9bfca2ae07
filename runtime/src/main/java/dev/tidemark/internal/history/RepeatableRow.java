package dev.tidemark.internal.history;

import java.time.Instant;

/**
 * A history row of a repeatable migration: its version is null, its description identifies it.
 *
 * @param installedRank the order rows were written in
 * @param description the migration's description
 * @param className the file's path in its migration folder ({@code R__Users_view.sql})
 * @param checksum the file's checksum when it was applied
 * @param installedBy who applied it
 * @param installedOn when
 * @param executionTime how long it took, in milliseconds
 * @param success always true as migrate writes it (a repeatable migration that fails leaves no row)
 */
public record RepeatableRow(
        int installedRank,
        String description,
        String className,
        String checksum,
        String installedBy,
        Instant installedOn,
        int executionTime,
        boolean success) {

    /** The {@code type} of these rows. */
    public static final String TYPE = "REPEATABLE";
}
