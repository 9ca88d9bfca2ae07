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

/**
 * The snapshot table beside the history table ({@code <history>_snapshot}): one row per
 * successful migrate or baseline, holding the canonical snapshot of the schema as it was when that
 * run ended, the version it belongs to, its fingerprint, and the server's digest of the catalog
 * rows it was made from ({@code catalog_digest}), which lets a drift check settle "unchanged" in
 * one round trip. Identifiers are always quoted.
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
     * The newest row without its snapshot text: its version, fingerprint and catalog digest (null
     * for a row recorded before digests were, or in a table without the column).
     */
    public record Header(String version, String fingerprint, String catalogDigest) {}

    /** Creates the table when it does not exist; call it where the history table is created. */
    public void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + qualified() + " ("
                    + "snapshot_rank integer NOT NULL PRIMARY KEY, "
                    + "version varchar(50), "
                    + "fingerprint varchar(80) NOT NULL, "
                    + "snapshot text NOT NULL, "
                    + "taken_on timestamp NOT NULL DEFAULT now(), "
                    + "catalog_digest varchar(80))");
        }
    }

    /** Whether the table exists. */
    public boolean exists(Connection connection) throws SQLException {
        return state(connection) != State.MISSING;
    }

    /**
     * Snapshots the managed schema and records it for {@code version}, on {@code connection} and in
     * its transaction when one is open, so the row lands or vanishes with the history row beside it.
     */
    public Recorded record(Connection connection, String version) throws SQLException {
        CatalogReader.Read read = new CatalogReader(connection, List.of(schema), ownTables()).readWithDigest();
        SchemaSnapshot snapshot = SchemaSnapshot.of(List.of(schema), read.objects());
        String digest = read.digest();
        if (state(connection) == State.WITHOUT_DIGEST) {
            // A table made before digests were recorded gains the column with the first new row.
            try (Statement statement = connection.createStatement()) {
                statement.execute(
                        "ALTER TABLE " + qualified() + " ADD COLUMN IF NOT EXISTS catalog_digest varchar(80)");
            }
        }
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + qualified()
                + " (snapshot_rank, version, fingerprint, snapshot, catalog_digest)"
                + " SELECT coalesce(max(snapshot_rank), 0) + 1, ?, ?, ?, ? FROM " + qualified())) {
            statement.setString(1, version);
            statement.setString(2, snapshot.fingerprint());
            statement.setString(3, snapshot.text());
            statement.setString(4, digest);
            statement.executeUpdate();
        }
        return new Recorded(version, snapshot.fingerprint(), snapshot);
    }

    /** The server's digest of the managed schema's catalog rows, as recorded beside each snapshot. */
    public String digest(Connection connection) throws SQLException {
        return new CatalogReader(connection, List.of(schema), ownTables()).digest();
    }

    private enum State {
        MISSING,
        WITHOUT_DIGEST,
        WITH_DIGEST
    }

    private State state(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT t.oid IS NOT NULL, EXISTS (SELECT 1"
                + " FROM pg_catalog.pg_attribute a WHERE a.attrelid = t.oid AND a.attname = 'catalog_digest'"
                + " AND NOT a.attisdropped) FROM (SELECT to_regclass(?) AS oid) t")) {
            statement.setString(1, qualified());
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return !rows.getBoolean(1)
                        ? State.MISSING
                        : rows.getBoolean(2) ? State.WITH_DIGEST : State.WITHOUT_DIGEST;
            }
        }
    }

    /**
     * The newest row without its snapshot text, or empty when none was recorded (or the table does
     * not exist). Two small round trips whatever the size of the schema.
     */
    public Optional<Header> latestHeader(Connection connection) throws SQLException {
        State state = state(connection);
        if (state == State.MISSING) {
            return Optional.empty();
        }
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version, fingerprint, "
                        + (state == State.WITH_DIGEST ? "catalog_digest" : "NULL") + " FROM " + qualified()
                        + " ORDER BY snapshot_rank DESC LIMIT 1")) {
            if (!rows.next()) {
                return Optional.empty();
            }
            return Optional.of(new Header(rows.getString(1), rows.getString(2), rows.getString(3)));
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
