package dev.tidemark.internal.adopt;

import dev.tidemark.MigrationVersion;
import java.time.Instant;

/**
 * One row of another tool's history, in the terms Tidemark matches it by.
 *
 * @param order its position in the other tool's order of application, from 1
 * @param identity how the other tool identifies it, for the mapping and messages ({@code
 *     installed_rank 3, V2__Create_orders.sql})
 * @param version the version it matches a migration of the code by, or null when it has none
 * @param versionProblem why it has no version, when it has none
 * @param fileName the file the other tool applied, when it records one
 * @param checksum the checksum the other tool stored, as text, or null
 * @param installedBy who applied it, when the other tool records it
 * @param installedOn when, when the other tool records it
 * @param executionMillis how long it took, 0 when not recorded
 * @param status what the row says happened
 * @param type the other tool's type of the row, when it has one ({@code SQL}, {@code JDBC})
 * @param description the other tool's description of it, when it keeps one (Flyway's, which
 *     identifies a repeatable migration)
 */
public record ForeignRow(
        int order,
        String identity,
        MigrationVersion version,
        String versionProblem,
        String fileName,
        String checksum,
        String installedBy,
        Instant installedOn,
        int executionMillis,
        Status status,
        String type,
        String description) {

    /** What a row of another tool's history says. */
    public enum Status {
        /** Applied successfully. */
        APPLIED,
        /** The other tool's baseline: everything up to its version counts as applied. */
        BASELINE,
        /** Applied everything up to its version (golang-migrate keeps one row). */
        APPLIED_UP_TO,
        /** Failed ({@code success = false}, {@code EXECTYPE = FAILED}). */
        FAILED,
        /** golang-migrate's {@code dirty}: a migration started and did not finish. */
        DIRTY,
        /** Bookkeeping of the other tool with no migration behind it (Flyway's schema creation row). */
        BOOKKEEPING,
        /** A repeatable migration (Flyway's {@code R__}), which has no version. */
        REPEATABLE,
        /** Recorded but not run ({@code EXECTYPE = SKIPPED}). */
        SKIPPED
    }
}
