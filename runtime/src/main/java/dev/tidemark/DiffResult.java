package dev.tidemark;

import java.util.List;

/**
 * What {@link Tidemark#diff()} found: how the live schema differs from the snapshot recorded by
 * the last successful migrate or baseline.
 *
 * @param schema the schema compared
 * @param snapshotVersion the version the recorded snapshot belongs to, or null when it was recorded
 *     before any migration was applied or when there is no snapshot
 * @param snapshotRecorded whether a snapshot was recorded at all; without one there is nothing to
 *     compare and {@code differences} is empty
 * @param expectedFingerprint the recorded snapshot's fingerprint ({@code v1:} + SHA-256), or null
 * @param foundFingerprint the live schema's fingerprint
 * @param differences every difference: its kind of change and object, what was expected and what
 *     was found, and a sentence a person can act on, e.g. {@code column users.email_verified is
 *     missing (expected boolean NOT NULL DEFAULT false)}; {@link ResultFormat} renders the whole
 *     result as text or JSON
 * @param note why nothing was compared (no snapshot recorded yet, or only one of an older
 *     version), or null when the schema was compared
 */
public record DiffResult(
        String schema,
        MigrationVersion snapshotVersion,
        boolean snapshotRecorded,
        String expectedFingerprint,
        String foundFingerprint,
        List<SchemaDifference> differences,
        String note) {

    public DiffResult {
        differences = List.copyOf(differences);
    }

    /** Whether the live schema differs from the recorded one. */
    public boolean drift() {
        return !differences.isEmpty();
    }
}
