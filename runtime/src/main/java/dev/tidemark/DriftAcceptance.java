package dev.tidemark;

import java.time.Instant;
import java.util.List;

/**
 * What {@link Tidemark#acceptDrift()} did: which differences between the live schema and its
 * reference it accepted, recorded as the new reference together with who accepted them and when.
 *
 * @param schema the schema compared
 * @param version the version of the history the reference belongs to, or null when no migration is
 *     applied
 * @param accepted every difference accepted, as the sentence drift checks reported it by; empty when
 *     there was nothing to accept, or nothing to compare the live schema with (see {@code note})
 * @param stillReported differences accepting cannot settle, which every check goes on reporting until
 *     they are fixed: an index left invalid by a failed {@code CREATE INDEX CONCURRENTLY} is never
 *     taken as the reference
 * @param acceptedBy who the snapshot table records as having accepted ({@code installedBy}, else the
 *     database user), or null when nothing was recorded
 * @param acceptedOn when, by the database's clock, or null when nothing was recorded
 * @param fingerprint the new reference's fingerprint, or null when nothing was recorded
 * @param note why the live schema was not compared with a reference, when it was not (no snapshot was
 *     recorded for the version the history is at, or there is no history), or null
 */
public record DriftAcceptance(
        String schema,
        MigrationVersion version,
        List<String> accepted,
        List<String> stillReported,
        String acceptedBy,
        Instant acceptedOn,
        String fingerprint,
        String note) {

    public DriftAcceptance {
        accepted = List.copyOf(accepted);
        stillReported = List.copyOf(stillReported);
    }

    /** Whether a new reference was recorded. */
    public boolean recorded() {
        return fingerprint != null;
    }
}
