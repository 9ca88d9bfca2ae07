package dev.tidemark.internal.drift;

import dev.tidemark.internal.sql.Identifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A cheap mark of the state of the whole database's system catalogs: for each catalog, how many
 * row versions are visible, and the sum of a hash of each one's physical place and creating
 * transaction ({@code ctid}, {@code xmin}), all hashed into one value. Recorded beside a snapshot,
 * an equal mark later means that no catalog row was added, removed or changed since, and so that
 * the catalog digest (which renders every object of the schema, the costliest read of a drift
 * check) cannot have changed either; a different mark means nothing, and the digest decides.
 *
 * <p>Why it is safe: every DDL statement inserts, deletes or updates catalog rows, and PostgreSQL
 * writes an update as a new row version, with a new place and the new transaction's id. So a
 * change either alters the count of a catalog or replaces a (place, transaction) pair with
 * another, which alters the sum unless two 64-bit hashes collide. All catalogs of the database
 * are covered, not only the rows of the managed schemas, because definitions name objects of other
 * schemas (a type, a function, a referenced table). Left out: the statistics ANALYZE rewrites and
 * large objects (application data, not definitions), and the catalogs shared by every database of
 * the server except {@code pg_tablespace} (a definition can name a tablespace), and those the user
 * may not read (such as {@code pg_user_mapping}, which holds no definition). The few fields
 * PostgreSQL updates in place, without a new row version, are statistics and flags no definition
 * shows, except the index state flags that {@code CREATE}/{@code DROP INDEX CONCURRENTLY} set:
 * those are part of {@code pg_index}'s hash. Any other change (temporary tables, {@code VACUUM
 * FULL} of a catalog, DDL anywhere in the database) changes the mark, which only costs the digest.
 *
 * <p>Computed on the session and in the transaction given: at recording time before the catalog
 * is read, so that a change committed meanwhile makes the recorded mark older than the snapshot,
 * never newer.
 */
final class CatalogMarker {

    /** What a mark starts with; another way of computing it gets another prefix. */
    static final String PREFIX = "m1:";

    /** The setting the mark turns off while it runs (see {@link #of}). */
    private static final String PARALLEL = "max_parallel_workers_per_gather";

    /**
     * The catalogs to mark. The privilege is asked of the catalogs alone: in one WHERE clause
     * PostgreSQL checked it before the namespace, for every relation of the database (33 ms of 35
     * at 5,000 tables); OFFSET 0 keeps the subquery from being merged into the outer one.
     */
    private static final String CATALOGS = """
            SELECT c.relname, to_regprocedure('pg_catalog.hashtidextended(tid, bigint)') IS NOT NULL
            FROM (SELECT oid, relname FROM pg_catalog.pg_class
                  WHERE relnamespace = 'pg_catalog'::regnamespace AND relkind = 'r'
                    AND (NOT relisshared OR relname = 'pg_tablespace')
                    AND relname NOT IN ('pg_statistic', 'pg_statistic_ext_data', 'pg_largeobject',
                                        'pg_largeobject_metadata')
                  OFFSET 0) c
            WHERE has_table_privilege(c.oid, 'SELECT')
            ORDER BY c.relname
            """;

    /**
     * Below this many relations in the database a mark costs a few milliseconds and is always
     * recorded; above it, only when the managed schemas hold a tenth of them (see {@link
     * #worthRecording}).
     */
    static final int SMALL_DATABASE = 2_000;

    /**
     * Whether the database holds fewer relations than the larger of the parameter and ten times the
     * managed schemas' relations plus one: counted up to that limit and no further, the managed ones
     * (the relations linked to the schemas in {@code pg_depend}, as the snapshot finds them, and
     * their indexes) by index. Counting every relation of a database of 1,000 tenant schemas took
     * 25-30 ms a target, this 2.
     */
    private static final String WORTH_RECORDING =
            "WITH linked AS " + CatalogReader.linkedToSchemas("pg_class", "?::text[]") + ",\n" + """
            limited AS (
                SELECT greatest(?, 10 * ((SELECT count(*) FROM linked)
                       + (SELECT count(*) FROM pg_catalog.pg_index x WHERE x.indrelid IN (SELECT objid FROM linked)))
                       + 1) AS relations)
            SELECT (SELECT count(*) FROM (SELECT 1 FROM pg_catalog.pg_class LIMIT l.relations) c) < l.relations
            FROM limited l
            """;

    private CatalogMarker() {}

    /**
     * Whether a mark is worth recording beside a snapshot of {@code schemas}. The mark scans every
     * catalog of the database, the digest renders the managed schemas' objects (after scanning the
     * same catalogs less thoroughly): in a database of thousands of tables of which the managed
     * schemas hold few (one tenant's schema among hundreds), the mark costs more than the digest
     * it would save, and DDL elsewhere changes it often. Measured here: a relation costs the mark
     * about 2 µs, the digest 1 µs to scan and 13 µs more to render when it is managed.
     */
    static boolean worthRecording(Connection connection, List<String> schemas) throws SQLException {
        return worthRecording(connection, schemas, SMALL_DATABASE);
    }

    static boolean worthRecording(Connection connection, List<String> schemas, int smallDatabase) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(WORTH_RECORDING)) {
            statement.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            statement.setInt(2, smallDatabase);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }

    /**
     * The mark of the catalogs as {@code connection} sees them now, in two round trips (a third puts
     * the setting below back outside a transaction); null on a server without the hash function it
     * needs (hashtidextended; older versions), where the digest decides.
     *
     * <p>Without parallel workers: PostgreSQL plans the scans of the large catalogs as a parallel
     * append, and starting two workers (each a process loading its own catalog caches) costs more
     * CPU than they save time, on a server that shares its cores with the client (measured at 5,000
     * tables: 70 ms of server CPU with them, 40-60 without, the same time). Inside a transaction the
     * setting ends with it; outside, the session's own value is put back after the mark.
     */
    static String of(Connection connection) throws SQLException {
        boolean inTransaction = !connection.getAutoCommit();
        List<String> catalogs = new ArrayList<>();
        boolean supported = false;
        String parallel = null;
        try (Statement statement = connection.createStatement()) {
            try {
                // One round trip: the setting as it is, the setting changed, the catalogs.
                statement.execute("SELECT current_setting('" + PARALLEL + "'); SET " + (inTransaction ? "LOCAL " : "")
                        + PARALLEL + " = 0; " + CATALOGS);
                try (ResultSet rows = statement.getResultSet()) {
                    rows.next();
                    parallel = rows.getString(1);
                }
                statement.getMoreResults();
                statement.getMoreResults();
                try (ResultSet rows = statement.getResultSet()) {
                    while (rows.next()) {
                        catalogs.add(rows.getString(1));
                        supported = rows.getBoolean(2);
                    }
                }
                if (!supported || catalogs.isEmpty()) {
                    return null;
                }
                try (ResultSet rows = statement.executeQuery(query(catalogs))) {
                    rows.next();
                    return PREFIX + rows.getString(1);
                }
            } finally {
                if (parallel != null && !inTransaction) {
                    try (PreparedStatement restore =
                            connection.prepareStatement("SELECT set_config('" + PARALLEL + "', ?, false)")) {
                        restore.setString(1, parallel);
                        restore.execute();
                    }
                }
            }
        }
    }

    /**
     * One line a catalog (its name, row count and the sum of its rows' hashes: of the place, seeded
     * with the creating transaction), the lines hashed together.
     */
    static String query(List<String> catalogs) {
        List<String> lines = new ArrayList<>();
        for (String catalog : catalogs) {
            String seed = catalog.equals("pg_index")
                    ? "xmin::text::bigint * 8 + indisvalid::int * 4 + indisready::int * 2 + indislive::int"
                    : "xmin::text::bigint";
            lines.add("SELECT '" + catalog.replace("'", "''") + " ' || count(*) || ' ' || coalesce(sum("
                    + "hashtidextended(ctid, " + seed + ")), 0) AS line FROM pg_catalog." + Identifier.quote(catalog));
        }
        return "SELECT encode(sha256(convert_to(string_agg(line, E'\\n' ORDER BY line COLLATE \"C\"), 'UTF8')),"
                + " 'hex') FROM (" + String.join(" UNION ALL ", lines) + ") marks";
    }
}
