package dev.tidemark.internal.plan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a schema already holds besides the history table: tables, views, sequences, functions and
 * types that the user made (objects of extensions and those that belong to a table, such as its
 * row type or a serial's sequence, do not count).
 */
public final class SchemaContents {

    private static final String QUERY = "SELECT kind, name FROM ("
            + " SELECT CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'"
            + " WHEN 'S' THEN 'sequence' WHEN 'f' THEN 'foreign table' ELSE 'table' END AS kind,"
            + " c.relname::text AS name"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND c.relname NOT IN (?, ?)"
            + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass"
            + " AND d.objid = c.oid AND d.deptype IN ('e', 'a', 'i'))"
            + " UNION ALL"
            + " SELECT CASE p.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END, p.proname::text"
            + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ?"
            + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass"
            + " AND d.objid = p.oid AND d.deptype = 'e')"
            + " UNION ALL"
            + " SELECT 'type', t.typname::text FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
            + " WHERE n.nspname = ? AND t.typcategory <> 'A'"
            + " AND (t.typrelid = 0 OR (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c')"
            + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass"
            + " AND d.objid = t.oid AND d.deptype IN ('e', 'i'))"
            + ") objects ORDER BY kind, name LIMIT 1000";

    private SchemaContents() {}

    /** {@code table users}, {@code view active_users} …: empty when the schema holds nothing of its own. */
    public static List<String> list(Connection connection, String schema, String historyTable, String snapshotTable)
            throws SQLException {
        List<String> objects = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(QUERY)) {
            query.setString(1, schema);
            query.setString(2, historyTable);
            query.setString(3, snapshotTable);
            query.setString(4, schema);
            query.setString(5, schema);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    objects.add(row.getString(1) + " " + row.getString(2));
                }
            }
        }
        return objects;
    }
}
