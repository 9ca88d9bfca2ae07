package dev.tidemark.internal.analysis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the rehearsal's session sees of the user's tables at one moment: each table's, index's and
 * sequence's file node and size estimate from {@code pg_class}, and the relation locks its own
 * backend holds from {@code pg_locks}. Reading both takes no lock on a user table, so looking never adds to what the
 * rehearsal holds.
 */
record TableState(Map<Long, Table> tables, Set<Held> locks) {

    /**
     * Ordinary, partitioned and materialized tables, their indexes and sequences, outside the system
     * schemas; an index with its table, a sequence with the table whose column owns it.
     */
    private static final String TABLES = "SELECT c.oid, n.nspname, c.relname, c.relfilenode, c.reltuples::bigint,"
            + " c.relpages::bigint * current_setting('block_size')::bigint, c.relkind::text,"
            + " COALESCE(i.indrelid, d.refobjid, 0)::bigint"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " LEFT JOIN pg_index i ON i.indexrelid = c.oid"
            + " LEFT JOIN pg_depend d ON c.relkind = 'S' AND d.classid = 'pg_class'::regclass AND d.objid = c.oid"
            + " AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')"
            + " WHERE c.relkind IN ('r', 'p', 'm', 'i', 'I', 'S')"
            + " AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
            + " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'";

    private static final String LOCKS = "SELECT l.relation::bigint, l.mode FROM pg_locks l"
            + " WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted"
            + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())";

    /**
     * A relation: a table, an index or a sequence.
     *
     * @param kind {@link #TABLE}, {@link #INDEX} or {@link #SEQUENCE}
     * @param owner the oid of the table an index is on, or whose column owns a sequence; 0 for none
     */
    record Table(String schema, String name, long fileNode, long rows, long estimatedBytes, String kind, long owner) {

        boolean isTable() {
            return kind.equals(TABLE);
        }
    }

    static final String TABLE = "table";
    static final String INDEX = "index";
    static final String SEQUENCE = "sequence";

    /** A lock held: the relation's oid and PostgreSQL's name of the mode ({@code AccessExclusiveLock}). */
    record Held(long relation, String mode) {}

    static TableState read(Connection connection) throws SQLException {
        Map<Long, Table> tables = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(TABLES);
                ResultSet row = query.executeQuery()) {
            while (row.next()) {
                tables.put(
                        row.getLong(1),
                        new Table(
                                row.getString(2),
                                row.getString(3),
                                row.getLong(4),
                                row.getLong(5),
                                row.getLong(6),
                                kind(row.getString(7)),
                                row.getLong(8)));
            }
        }
        Set<Held> locks = new HashSet<>();
        try (PreparedStatement query = connection.prepareStatement(LOCKS);
                ResultSet row = query.executeQuery()) {
            while (row.next()) {
                locks.add(new Held(row.getLong(1), row.getString(2)));
            }
        }
        return new TableState(tables, locks);
    }

    private static String kind(String relkind) {
        return switch (relkind) {
            case "i", "I" -> INDEX;
            case "S" -> SEQUENCE;
            default -> TABLE;
        };
    }

    /** The size of a table the session already locks; -1 when it is gone. */
    static long size(Connection connection, long relation) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT pg_relation_size(?::oid)")) {
            query.setLong(1, relation);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                long size = row.getLong(1);
                return row.wasNull() ? -1 : size;
            }
        }
    }
}
