package dev.tidemark.internal.drift;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The snapshot table beside the history table ({@code <history>_snapshot}): one row per
 * successful migrate or baseline, holding the canonical snapshot of the schema as it was when that
 * run ended, the version it belongs to, its fingerprint, the server's digest of the catalog rows it
 * was made from ({@code catalog_digest}), which lets a drift check settle "unchanged" in one round
 * trip, and the mark of the database's catalogs taken just before ({@code catalog_marker}, see
 * {@link CatalogMarker}), which settles it more cheaply still when no DDL ran since. A row that
 * accepts the live schema as the reference also says who accepted ({@code accepted_by}) which
 * differences ({@code accepted_drift}, one per line); the first acceptance adds those columns.
 * Identifiers are always quoted.
 */
public final class SnapshotStore {

    /** What the name of the snapshot table adds to the history table's. */
    public static final String SUFFIX = "_snapshot";

    private static final int MAX_IDENTIFIER_BYTES = 63;

    private final String schema;
    private final String historyTable;

    public SnapshotStore(String schema, String historyTable) {
        this.schema = schema;
        this.historyTable = historyTable;
    }

    /**
     * The snapshot table's name, unquoted: the history table's name and {@value #SUFFIX}, the first
     * shortened so that the whole fits PostgreSQL's 63 bytes (PostgreSQL would otherwise cut the
     * suffix off and name the history table itself).
     */
    public String tableName() {
        String name = historyTable;
        while ((name + SUFFIX).getBytes(StandardCharsets.UTF_8).length > MAX_IDENTIFIER_BYTES) {
            name = name.substring(0, name.offsetByCodePoints(name.length(), -1));
        }
        return name + SUFFIX;
    }

    /** The tables a snapshot of the managed schema leaves out: the history table and this one. */
    public Set<String> ownTables() {
        return Set.of(historyTable, tableName());
    }

    /**
     * A recorded snapshot and the version of the history it belongs to (null: nothing applied);
     * {@code snapshot} is null when the catalog digest showed the schema unchanged and the text was
     * therefore never read.
     */
    public record Recorded(String version, String fingerprint, SchemaSnapshot snapshot) {}

    /**
     * The newest row without its snapshot text: its version, fingerprint, catalog digest and catalog
     * mark (each null for a row recorded before they were, or in a table without the column).
     */
    public record Header(String version, String fingerprint, String catalogDigest, String catalogMarker) {}

    /** Creates the table when it does not exist; call it where the history table is created. */
    public void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + qualified() + " ("
                    + "snapshot_rank integer NOT NULL PRIMARY KEY, "
                    + "version varchar(50), "
                    + "fingerprint varchar(80) NOT NULL, "
                    + "snapshot text NOT NULL, "
                    + "taken_on timestamp NOT NULL DEFAULT now(), "
                    + "catalog_digest varchar(80), "
                    + "catalog_marker varchar(80))");
        }
    }

    /** Whether the table exists. */
    public boolean exists(Connection connection) throws SQLException {
        return state(connection).exists();
    }

    /**
     * Snapshots the managed schema and records it for {@code version}, on {@code connection} and in
     * its transaction when one is open, so the row lands or vanishes with the history row beside it.
     */
    public Recorded record(Connection connection, String version) throws SQLException {
        return record(connection, version, Reference::of, null).reference();
    }

    /** What {@link #record} wrote, and the live schema it was made from. */
    record Recording(Recorded reference, SchemaSnapshot live) {}

    /**
     * Who accepted the live schema as the reference, and the differences that were drift until then.
     *
     * @param by who accepted, or null for the session's user
     * @param differences each accepted difference as a sentence
     */
    record Acceptance(String by, List<String> differences) {}

    /**
     * As {@link #record(Connection, String)}, recording {@code reference} of the live schema: when it
     * differs from the live schema, without the catalog digest and mark, which describe the live
     * catalog and would let the next check skip the comparison. With an {@code acceptance}, the row
     * also says who accepted which differences ({@code accepted_by}, {@code accepted_drift}).
     */
    Recording record(
            Connection connection, String version, UnaryOperator<SchemaSnapshot> reference, Acceptance acceptance)
            throws SQLException {
        if (acceptance != null) {
            // Added by the first acceptance, so that a table no one accepted drift in keeps its shape.
            try (Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE " + qualified() + " ADD COLUMN IF NOT EXISTS accepted_by text,"
                        + " ADD COLUMN IF NOT EXISTS accepted_drift text");
            }
        }
        State state = state(connection);
        if (state.exists() && (!state.digest() || !state.marker())) {
            // A table made before digests or marks were recorded gains the columns with the first new
            // row; before the mark is taken, since adding a column is itself a catalog change.
            try (Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE " + qualified() + " ADD COLUMN IF NOT EXISTS catalog_digest varchar(80),"
                        + " ADD COLUMN IF NOT EXISTS catalog_marker varchar(80)");
            }
        }
        // The mark before the read: a change committed in between makes the mark older than the
        // snapshot (the next check computes the digest), never newer (it would hide the change).
        String marker = CatalogMarker.worthRecording(connection, List.of(schema)) ? CatalogMarker.of(connection) : null;
        CatalogReader.Read read = new CatalogReader(connection, List.of(schema), ownTables()).readWithDigest();
        SchemaSnapshot live = SchemaSnapshot.of(List.of(schema), read.objects());
        SchemaSnapshot snapshot = reference.apply(live);
        boolean asLive = snapshot.equals(live);
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + qualified()
                + " (snapshot_rank, version, fingerprint, snapshot, catalog_digest, catalog_marker"
                + (acceptance == null ? "" : ", accepted_by, accepted_drift")
                + ") SELECT coalesce(max(snapshot_rank), 0) + 1, ?, ?, ?, ?, ?"
                + (acceptance == null ? "" : ", coalesce(?, current_user), ?") + " FROM " + qualified())) {
            statement.setString(1, version);
            statement.setString(2, snapshot.fingerprint());
            statement.setString(3, snapshot.text());
            statement.setString(4, asLive ? read.digest() : null);
            statement.setString(5, asLive ? marker : null);
            if (acceptance != null) {
                statement.setString(6, acceptance.by());
                statement.setString(7, String.join("\n", acceptance.differences()));
            }
            statement.executeUpdate();
        }
        return new Recording(new Recorded(version, snapshot.fingerprint(), snapshot), live);
    }

    /** The mark of the database's catalogs, as recorded beside each snapshot; null where there is none. */
    public String marker(Connection connection) throws SQLException {
        return CatalogMarker.of(connection);
    }

    /** The server's digest of the managed schema's catalog rows, as recorded beside each snapshot. */
    public String digest(Connection connection) throws SQLException {
        return new CatalogReader(connection, List.of(schema), ownTables()).digest();
    }

    /** Whether the table exists, and whether it has the columns added since its first version. */
    private record State(boolean exists, boolean digest, boolean marker) {}

    private State state(Connection connection) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT t.oid IS NOT NULL," + column("catalog_digest") + ", "
                        + column("catalog_marker") + " FROM (SELECT to_regclass(?) AS oid) t")) {
            statement.setString(1, qualified());
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return new State(rows.getBoolean(1), rows.getBoolean(2), rows.getBoolean(3));
            }
        }
    }

    private static String column(String name) {
        return " EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = t.oid AND a.attname = '" + name
                + "' AND NOT a.attisdropped)";
    }

    /**
     * The newest row without its snapshot text, or empty when none was recorded (or the table does
     * not exist). Two small round trips whatever the size of the schema.
     */
    public Optional<Header> latestHeader(Connection connection) throws SQLException {
        State state = state(connection);
        if (!state.exists()) {
            return Optional.empty();
        }
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version, fingerprint, "
                        + (state.digest() ? "catalog_digest" : "NULL") + ", "
                        + (state.marker() ? "catalog_marker" : "NULL") + " FROM " + qualified()
                        + " ORDER BY snapshot_rank DESC LIMIT 1")) {
            if (!rows.next()) {
                return Optional.empty();
            }
            return Optional.of(new Header(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4)));
        }
    }

    /** The live snapshot of the managed schema, without Tidemark's own tables. */
    public SchemaSnapshot take(Connection connection) throws SQLException {
        return SchemaSnapshot.take(connection, List.of(schema), ownTables());
    }

    /** A recorded snapshot as stored, its text not yet read back. */
    public record Stored(String version, String fingerprint, String text) {

        /**
         * The snapshot read back; when its text is that of {@code live}, {@code live} itself, without
         * parsing what is known to be equal.
         *
         * @throws IllegalArgumentException when the text is not a snapshot of this format
         */
        public Recorded read(SchemaSnapshot live) {
            SchemaSnapshot snapshot = live != null && live.text().equals(text) ? live : SchemaSnapshot.parse(text);
            return new Recorded(version, fingerprint, snapshot);
        }
    }

    /** The most recent snapshot, or empty when none was recorded (or the table does not exist). */
    public Optional<Recorded> latest(Connection connection) throws SQLException {
        return latestStored(connection).map(stored -> stored.read(null));
    }

    /** The most recent snapshot as stored, or empty when none was recorded (or the table does not exist). */
    public Optional<Stored> latestStored(Connection connection) throws SQLException {
        if (!exists(connection)) {
            return Optional.empty();
        }
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version, fingerprint, snapshot FROM " + qualified()
                        + " ORDER BY snapshot_rank DESC LIMIT 1")) {
            if (!rows.next()) {
                return Optional.empty();
            }
            return Optional.of(new Stored(rows.getString(1), rows.getString(2), rows.getString(3)));
        }
    }

    /** The snapshot table's quoted, schema-qualified name. */
    public String qualifiedName() {
        return qualified();
    }

    private String qualified() {
        return quote(schema) + "." + quote(tableName());
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
