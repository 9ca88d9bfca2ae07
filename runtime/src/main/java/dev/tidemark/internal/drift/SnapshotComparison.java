package dev.tidemark.internal.drift;

import dev.tidemark.DiffResult;
import dev.tidemark.ErrorCode;
import dev.tidemark.MigrationVersion;
import dev.tidemark.Phrase;
import dev.tidemark.SchemaDifference;
import dev.tidemark.Setting;
import dev.tidemark.TidemarkException;
import dev.tidemark.ValidationProblem;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Compares the live schema with the last recorded snapshot, and says what that means for
 * {@code validate} (problems), {@code migrate} (a refusal) and {@code diff} (a report).
 *
 * <p>The comparison is made only against a snapshot of the version the history is at: a snapshot
 * of an older version (the run that applied the newest migration ended before it could record
 * one) would report that migration's own objects as drift.
 */
public final class SnapshotComparison {

    /**
     * What the comparison found.
     *
     * @param schema the schema compared
     * @param recorded the snapshot compared with, or empty when there is none to compare with
     * @param diff the differences; empty when nothing was compared
     * @param note why nothing was compared, or null when it was
     * @param live the live schema as read, or null when the catalog digest or mark showed it unchanged
     *     and it was therefore not read
     */
    public record Outcome(
            String schema,
            Optional<SnapshotStore.Recorded> recorded,
            SchemaDiff diff,
            String note,
            SchemaSnapshot live) {

        /** Whether the live schema differs from the recorded one. */
        public boolean drift() {
            return !diff.isEmpty();
        }

        /** Every difference as data. */
        public List<SchemaDifference> differences() {
            List<SchemaDifference> differences = new ArrayList<>();
            for (Difference difference : diff.differences()) {
                differences.add(difference.toPublic());
            }
            return differences;
        }

        /** Every difference as a sentence. */
        public List<String> sentences() {
            List<String> sentences = new ArrayList<>();
            for (Difference difference : diff.differences()) {
                sentences.add(difference.message());
            }
            return sentences;
        }

        /** The recorded snapshot's version, or null. */
        public MigrationVersion version() {
            return recorded.map(SnapshotStore.Recorded::version)
                    .map(MigrationVersion::parse)
                    .orElse(null);
        }

        /** The differences as validation problems of kind {@code DRIFT}. */
        public List<ValidationProblem> problems() {
            List<ValidationProblem> problems = new ArrayList<>();
            for (String sentence : sentences()) {
                problems.add(new ValidationProblem(ValidationProblem.Kind.DRIFT, version(), null, sentence));
            }
            return problems;
        }

        /** The report {@code Tidemark.diff()} returns. */
        public DiffResult result() {
            return new DiffResult(
                    schema,
                    version(),
                    recorded.isPresent(),
                    recorded.map(SnapshotStore.Recorded::fingerprint).orElse(null),
                    diff.foundFingerprint(),
                    differences(),
                    note);
        }

        /**
         * The failure {@code migrate} ends with when it refuses to apply migrations on top of a
         * drifted schema.
         */
        public TidemarkException refusal() {
            StringBuilder message = new StringBuilder("The schema \"")
                    .append(schema)
                    .append("\" no longer matches what its migrations made (")
                    .append(describeSnapshot())
                    .append("); ")
                    .append(diff.differences().size())
                    .append(diff.differences().size() == 1 ? " difference:\n" : " differences:\n");
            for (String sentence : sentences()) {
                message.append("  - ").append(sentence).append('\n');
            }
            String state = "The database is unchanged" + (version() == null ? "" : " at version " + version())
                    + ": no migration was applied.";
            return new TidemarkException(
                    ErrorCode.DRIFT_DETECTED,
                    Phrase.of(message.toString().strip()),
                    Phrase.of(state),
                    ErrorCode.DRIFT_DETECTED.remedy(),
                    null);
        }

        private String describeSnapshot() {
            String fingerprint =
                    recorded.map(SnapshotStore.Recorded::fingerprint).orElse("?");
            return (version() == null ? "snapshot recorded before any migration" : "snapshot of version " + version())
                    + ", " + fingerprint.substring(0, Math.min(fingerprint.length(), 15)) + "…";
        }
    }

    private SnapshotComparison() {}

    /**
     * Compares the live schema with the snapshot recorded for {@code currentVersion} (the version the
     * history is at, null when nothing was applied).
     *
     * @throws TidemarkException with {@link ErrorCode#UNREADABLE_SNAPSHOT} when the recorded
     *     snapshot cannot be read
     */
    public static Outcome run(Connection connection, SnapshotStore store, String schema, String currentVersion)
            throws SQLException {
        Optional<SnapshotStore.Header> header = store.latestHeader(connection);
        if (header.isPresent()
                && Objects.equals(header.get().version(), currentVersion)
                && unchanged(connection, store, header.get())) {
            // The catalog is the one the snapshot was made from: nothing to read or compare.
            String fingerprint = header.get().fingerprint();
            return new Outcome(
                    schema,
                    Optional.of(new SnapshotStore.Recorded(header.get().version(), fingerprint, null)),
                    SchemaDiff.unchanged(fingerprint),
                    null,
                    null);
        }
        return compare(connection, store, schema, currentVersion);
    }

    /**
     * Whether the live catalog is provably the one {@code header}'s snapshot was made from: the
     * database's catalog mark is the one recorded (no catalog row changed since), or else the
     * server's digest of the schema's catalog rows is. False when the row recorded neither.
     */
    private static boolean unchanged(Connection connection, SnapshotStore store, SnapshotStore.Header header)
            throws SQLException {
        if (header.catalogMarker() != null && header.catalogMarker().equals(store.marker(connection))) {
            return true;
        }
        return header.catalogDigest() != null && header.catalogDigest().equals(store.digest(connection));
    }

    /**
     * The comparison object by object, for accepting drift and whenever the digests differ: reads
     * the recorded snapshot and the live catalog.
     */
    static Outcome compare(Connection connection, SnapshotStore store, String schema, String currentVersion)
            throws SQLException {
        Optional<SnapshotStore.Stored> stored = store.latestStored(connection);
        SchemaSnapshot live = store.take(connection);
        Optional<SnapshotStore.Recorded> recorded = read(stored, live, store);
        if (recorded.isEmpty()) {
            return new Outcome(
                    schema,
                    recorded,
                    SchemaDiff.notCompared(live),
                    "no schema snapshot is recorded yet, so drift cannot be checked; the next migrate or baseline"
                            + " records one",
                    live);
        }
        if (!Objects.equals(recorded.get().version(), currentVersion)) {
            return new Outcome(
                    schema,
                    Optional.empty(),
                    SchemaDiff.notCompared(live),
                    "the last schema snapshot belongs to version "
                            + recorded.get().version()
                            + " but the history is at version " + currentVersion
                            + ", so drift cannot be checked; the next migrate records a snapshot of version "
                            + currentVersion,
                    live);
        }
        SchemaSnapshot expected = recorded.get().snapshot();
        // Equal texts are equal schemas: the object-by-object comparison can only find nothing.
        SchemaDiff diff = expected == live ? SchemaDiff.same(live) : SchemaDiff.between(expected, live);
        return new Outcome(schema, recorded, diff, null, live);
    }

    private static Optional<SnapshotStore.Recorded> read(
            Optional<SnapshotStore.Stored> stored, SchemaSnapshot live, SnapshotStore store) {
        try {
            return stored.map(snapshot -> snapshot.read(live));
        } catch (IllegalArgumentException e) {
            throw new TidemarkException(
                    ErrorCode.UNREADABLE_SNAPSHOT,
                    Phrase.of("The schema snapshot recorded in " + store.qualifiedName() + " cannot be read: "
                            + e.getMessage() + "."),
                    Phrase.of("The database is unchanged."),
                    Phrase.builder()
                            .append("Run the Tidemark version that recorded it, or set ")
                            .setting(Setting.DRIFT, "ignore")
                            .append(" to go on without the drift check.")
                            .build(),
                    e);
        }
    }
}
