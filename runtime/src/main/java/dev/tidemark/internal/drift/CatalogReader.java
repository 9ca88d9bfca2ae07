package dev.tidemark.internal.drift;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the catalog objects of a set of schemas with one query per kind of object. Every query
 * returns the columns {@code kind, schema, parent, name} followed by one column per attribute,
 * labelled with the attribute's name; a null attribute is left out of the object.
 *
 * <p>Definitions come from PostgreSQL's own renderers ({@code format_type}, {@code pg_get_expr},
 * {@code pg_get_constraintdef}, {@code pg_get_indexdef}, {@code pg_get_viewdef},
 * {@code pg_get_functiondef}, {@code pg_get_triggerdef}), which qualify a name with its schema
 * unless the schema is on the search path. The reader therefore sets the search path to exactly
 * the managed schemas while it reads (locally to a transaction, restored afterwards), so the same
 * schema renders the same text in any database and session. Objects that belong to an extension
 * are left out: the extension and its version stand for them.
 */
final class CatalogReader {

    /*
     * The managed schemas and the excluded tables are bound as arrays wherever a query compares
     * with them, never through a common table expression: the planner then sees their values (an
     * unnamed statement is planned for its parameters), expects the few rows of one schema and
     * reaches pg_attribute, pg_depend and the like through their indexes. Behind a CTE it expected
     * any number and hashed whole catalogs, so that reading one schema of a database holding 200
     * others cost seven times as much, and grew with every other schema.
     */
    private static final String SCHEMAS = ":schemas";
    private static final String EXCLUDED = ":excluded";
    private static final String TABLE_KEPT = "NOT (t.relname = ANY (" + EXCLUDED + "))";

    /*
     * A schema's tables, views, sequences, functions and types are found through pg_depend, where
     * PostgreSQL links each of them to its schema (the links DROP SCHEMA … CASCADE follows): its index
     * on the referenced object reaches one schema's rows directly. Neither pg_class nor pg_proc nor
     * pg_type has an index that starts with the schema, so comparing their namespace column read
     * every row of the database: at 1,000 tenant schemas 10-25 ms a query, twelve queries a
     * snapshot, and as much again for every digest a drift check computes; 0.3 ms a query this way.
     * Indexes, columns, constraints and triggers are reached from their table, and a table's row
     * type, an index, a TOAST table and an array type have no link to the schema of their own. The
     * links are read in a subquery that OFFSET 0 keeps apart, planned on its own: merged into each
     * query's joins, a digest took 47 ms at 1,000 schemas against 19 (104 when reading all rows).
     *
     * linkedToSchemas is that subquery: the schema's oid and name and the object's oid (objid) of
     * each row of catalog linked to a schema named in schemaArray (an array expression).
     */
    static String linkedToSchemas(String catalog, String schemaArray) {
        return "(SELECT n.oid, n.nspname, sd.objid FROM pg_catalog.pg_namespace n JOIN pg_catalog.pg_depend sd"
                + " ON sd.refclassid = 'pg_namespace'::regclass AND sd.refobjid = n.oid AND sd.refobjsubid = 0"
                + " AND sd.classid = '" + catalog + "'::regclass AND sd.deptype = 'n'"
                + " WHERE n.nspname = ANY (" + schemaArray + ") OFFSET 0)";
    }

    /** The rows of {@code catalog} in the managed schemas, as {@code alias}, their schema as {@code n}. */
    private static String ofSchemas(String catalog, String alias, String namespaceColumn) {
        return linkedToSchemas(catalog, SCHEMAS) + " n JOIN " + catalog + " " + alias + " ON " + alias
                + ".oid = n.objid AND " + alias + "." + namespaceColumn + " = n.oid";
    }

    /** The relations of the managed schemas, as {@code t}, their schema as {@code n}. */
    private static final String RELATIONS = ofSchemas("pg_class", "t", "relnamespace");

    /** The types of the managed schemas, as {@code y}, their schema as {@code n}. */
    private static final String TYPES = ofSchemas("pg_type", "y", "typnamespace");

    private static String notExtensionMember(String catalog, String oid) {
        return "NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '" + catalog + "'::regclass AND e.objid = "
                + oid + " AND e.deptype = 'e')";
    }

    /** One query body per kind of object, comparing with {@link #SCHEMAS} and {@link #EXCLUDED}. */
    private static final List<String> BODIES = List.of(
            // Tables, partitioned tables and partitions.
            """
            SELECT 'table' AS kind, n.nspname AS schema, '' AS parent, t.relname AS name,
                   CASE WHEN t.relkind = 'p' THEN pg_get_partkeydef(t.oid) END AS partition_key,
                   CASE WHEN t.relispartition
                        THEN (SELECT i.inhparent::regclass::text FROM pg_inherits i WHERE i.inhrelid = t.oid) END
                        AS partition_of,
                   CASE WHEN t.relispartition THEN pg_get_expr(t.relpartbound, t.oid) END AS partition_bound,
                   CASE WHEN NOT t.relispartition
                        THEN (SELECT string_agg(i.inhparent::regclass::text, ', ' ORDER BY i.inhseqno)
                              FROM pg_inherits i WHERE i.inhrelid = t.oid) END AS inherits,
                   CASE t.relpersistence WHEN 'u' THEN 'unlogged' END AS persistence,
                   CASE WHEN t.relforcerowsecurity THEN 'forced' WHEN t.relrowsecurity THEN 'enabled' END
                        AS row_security
            FROM %s
            WHERE t.relkind IN ('r', 'p') AND %s AND %s
            """.formatted(RELATIONS, TABLE_KEPT, notExtensionMember("pg_class", "t.oid")),
            // Columns of tables. A default cannot refer to a column, so it is rendered without its
            // table (relation 0): with the table, pg_get_expr opens it to name columns, and a
            // session's first opening of thousands of tables is most of this query's time. The
            // text is the same. A generated column's expression does name columns.
            """
            SELECT 'column' AS kind, n.nspname AS schema, t.relname AS parent, a.attname AS name,
                   format_type(a.atttypid, a.atttypmod) AS type,
                   CASE WHEN a.attnotnull THEN 'true' END AS not_null,
                   CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, 0) END AS "default",
                   CASE WHEN a.attgenerated = 's' THEN pg_get_expr(d.adbin, d.adrelid) END AS generated,
                   CASE a.attidentity WHEN 'a' THEN 'always' WHEN 'd' THEN 'by default' END AS identity,
                   CASE WHEN a.attcollation <> ty.typcollation
                        THEN CASE WHEN cn.nspname = 'pg_catalog' THEN '' ELSE quote_ident(cn.nspname) || '.' END
                             || quote_ident(co.collname) END AS collation
            FROM %s
            JOIN pg_attribute a ON a.attrelid = t.oid
            JOIN pg_type ty ON ty.oid = a.atttypid
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            LEFT JOIN pg_collation co ON co.oid = a.attcollation
            LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
            WHERE a.attnum > 0 AND NOT a.attisdropped AND t.relkind IN ('r', 'p') AND %s AND %s
            """.formatted(RELATIONS, TABLE_KEPT, notExtensionMember("pg_class", "t.oid")),
            // Primary key, unique, check, exclusion and foreign-key constraints of tables.
            """
            SELECT 'constraint' AS kind, n.nspname AS schema, t.relname AS parent, c.conname AS name,
                   CASE c.contype WHEN 'p' THEN 'primary key' WHEN 'u' THEN 'unique' WHEN 'c' THEN 'check'
                                  WHEN 'x' THEN 'exclusion' WHEN 'f' THEN 'foreign key' END AS type,
                   pg_get_constraintdef(c.oid) AS definition
            FROM %s
            JOIN pg_constraint c ON c.conrelid = t.oid
            WHERE c.contype IN ('p', 'u', 'c', 'x', 'f') AND %s AND %s
            """.formatted(RELATIONS, TABLE_KEPT, notExtensionMember("pg_class", "t.oid")),
            // Indexes, except those that implement a primary key, unique or exclusion constraint.
            """
            SELECT 'index' AS kind, n.nspname AS schema, t.relname AS parent, i.relname AS name,
                   pg_get_indexdef(x.indexrelid) AS definition,
                   CASE WHEN NOT x.indisvalid THEN 'true' END AS invalid
            FROM %s
            JOIN pg_index x ON x.indrelid = t.oid
            JOIN pg_class i ON i.oid = x.indexrelid AND i.relnamespace = n.oid
            WHERE %s AND %s
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                              WHERE c.conindid = x.indexrelid AND c.conrelid = x.indrelid
                                AND c.contype IN ('p', 'u', 'x'))
            """.formatted(RELATIONS, TABLE_KEPT, notExtensionMember("pg_class", "t.oid")),
            // Sequences, except those of identity columns (the column records its identity).
            """
            SELECT 'sequence' AS kind, n.nspname AS schema, '' AS parent, t.relname AS name,
                   format_type(s.seqtypid, NULL) AS type, s.seqstart::text AS start,
                   s.seqincrement::text AS increment, s.seqmin::text AS minimum, s.seqmax::text AS maximum,
                   s.seqcache::text AS cache, CASE WHEN s.seqcycle THEN 'true' END AS cycle,
                   o.owner AS owned_by
            FROM %s
            JOIN pg_sequence s ON s.seqrelid = t.oid
            LEFT JOIN LATERAL (
                SELECT ot.relname AS owner_table, ot.relname || '.' || oa.attname AS owner
                FROM pg_depend d
                JOIN pg_class ot ON ot.oid = d.refobjid
                JOIN pg_attribute oa ON oa.attrelid = d.refobjid AND oa.attnum = d.refobjsubid
                WHERE d.classid = 'pg_class'::regclass AND d.objid = t.oid
                  AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'a') o ON true
            WHERE %s AND %s
              AND (o.owner_table IS NULL OR NOT (o.owner_table = ANY (%s)))
              AND NOT EXISTS (SELECT 1 FROM pg_depend d
                              WHERE d.classid = 'pg_class'::regclass AND d.objid = t.oid AND d.deptype = 'i')
            """.formatted(RELATIONS, TABLE_KEPT, notExtensionMember("pg_class", "t.oid"), EXCLUDED),
            // Views and materialized views.
            """
            SELECT CASE t.relkind WHEN 'm' THEN 'matview' ELSE 'view' END AS kind,
                   n.nspname AS schema, '' AS parent, t.relname AS name,
                   pg_get_viewdef(t.oid) AS definition
            FROM %s
            WHERE t.relkind IN ('v', 'm') AND %s AND %s
            """.formatted(RELATIONS, TABLE_KEPT, notExtensionMember("pg_class", "t.oid")),
            // Functions and procedures (aggregates have no CREATE FUNCTION form and are left out).
            """
            SELECT CASE p.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END AS kind,
                   n.nspname AS schema, '' AS parent,
                   p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS name,
                   pg_get_functiondef(p.oid) AS definition
            FROM %s
            WHERE p.prokind IN ('f', 'p', 'w') AND %s
            """.formatted(ofSchemas("pg_proc", "p", "pronamespace"), notExtensionMember("pg_proc", "p.oid")),
            // Triggers written by users (not the internal ones behind foreign keys).
            """
            SELECT 'trigger' AS kind, n.nspname AS schema, t.relname AS parent, g.tgname AS name,
                   pg_get_triggerdef(g.oid) AS definition,
                   CASE g.tgenabled WHEN 'D' THEN 'disabled' WHEN 'R' THEN 'replica only' WHEN 'A' THEN 'always' END
                        AS enabled
            FROM %s
            JOIN pg_trigger g ON g.tgrelid = t.oid
            WHERE NOT g.tgisinternal AND %s AND %s
            """.formatted(RELATIONS, TABLE_KEPT, notExtensionMember("pg_class", "t.oid")),
            // Enum types, labels in their order.
            """
            SELECT 'enum' AS kind, n.nspname AS schema, '' AS parent, y.typname AS name,
                   (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder)
                    FROM pg_enum e WHERE e.enumtypid = y.oid) AS labels
            FROM %s
            WHERE y.typtype = 'e' AND %s
            """.formatted(TYPES, notExtensionMember("pg_type", "y.oid")),
            // Domain types.
            """
            SELECT 'domain' AS kind, n.nspname AS schema, '' AS parent, y.typname AS name,
                   format_type(y.typbasetype, y.typtypmod) AS base_type,
                   CASE WHEN y.typnotnull THEN 'true' END AS not_null,
                   y.typdefault AS "default",
                   (SELECT string_agg(quote_ident(c.conname) || ' ' || pg_get_constraintdef(c.oid), ', '
                                      ORDER BY c.conname)
                    FROM pg_constraint c WHERE c.contypid = y.oid AND c.contype = 'c') AS constraints,
                   CASE WHEN y.typcollation <> b.typcollation THEN quote_ident(co.collname) END AS collation
            FROM %s
            JOIN pg_type b ON b.oid = y.typbasetype
            LEFT JOIN pg_collation co ON co.oid = y.typcollation
            WHERE y.typtype = 'd' AND %s
            """.formatted(TYPES, notExtensionMember("pg_type", "y.oid")),
            // Composite types made by CREATE TYPE … AS (…), fields in their order.
            """
            SELECT 'composite' AS kind, n.nspname AS schema, '' AS parent, y.typname AS name,
                   (SELECT string_agg(quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod)
                                      || CASE WHEN a.attcollation <> at.typcollation
                                              THEN ' COLLATE ' || quote_ident(co.collname) ELSE '' END,
                                      ', ' ORDER BY a.attnum)
                    FROM pg_attribute a
                    JOIN pg_type at ON at.oid = a.atttypid
                    LEFT JOIN pg_collation co ON co.oid = a.attcollation
                    WHERE a.attrelid = y.typrelid AND a.attnum > 0 AND NOT a.attisdropped) AS fields
            FROM %s
            JOIN pg_class r ON r.oid = y.typrelid AND r.relkind = 'c'
            WHERE y.typtype = 'c' AND %s
            """.formatted(TYPES, notExtensionMember("pg_type", "y.oid")),
            // Extensions are database-wide: all of them, whatever schema they live in.
            """
            SELECT 'extension' AS kind, '' AS schema, '' AS parent, x.extname AS name,
                   x.extversion AS version, n.nspname AS in_schema
            FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace
            """);

    private static final List<ArrayQuery> QUERIES =
            BODIES.stream().map(ArrayQuery::of).toList();

    /**
     * The digest of everything the queries return, computed by the server: each row as text,
     * prefixed with its query's number, sorted byte-wise, joined and hashed with SHA-256. Equal
     * digests mean the queries returned exactly the same rows, and so the same snapshot; a snapshot
     * the same in every way can still have another digest (when PostgreSQL renders a definition
     * differently after an upgrade), which only costs the full comparison.
     */
    private static final ArrayQuery DIGEST_QUERY = ArrayQuery.of(
            "SELECT encode(sha256(convert_to(coalesce(string_agg(r, E'\\n' ORDER BY r COLLATE \"C\"), ''),"
                    + " 'UTF8')), 'hex') FROM (\n"
                    + String.join(
                            "UNION ALL\n",
                            java.util.stream.IntStream.range(0, BODIES.size())
                                    .mapToObj(
                                            i -> "SELECT '" + i + ":' || q::text AS r FROM (" + BODIES.get(i) + ") q\n")
                                    .toList())
                    + ") catalog_rows");

    /** What {@link #digest()} returns starts with this; a new way of computing it gets a new one. */
    static final String DIGEST_PREFIX = "c1:";

    private final Connection connection;
    private final List<String> schemas;
    private final Set<String> excludedTables;

    CatalogReader(Connection connection, List<String> schemas, Set<String> excludedTables) {
        this.connection = connection;
        this.schemas = List.copyOf(schemas);
        this.excludedTables = Set.copyOf(excludedTables);
    }

    List<SchemaObject> read() throws SQLException {
        return withSearchPath(() -> readAll(null));
    }

    /** The objects read, and the digest the server would compute of the same rows (see {@link #digest()}). */
    record Read(List<SchemaObject> objects, String digest) {}

    /**
     * Reads the objects and computes, from the very rows read, the digest {@link #digest()} has the
     * server compute: so that recording a snapshot does not make the server render the whole schema
     * a second time.
     */
    Read readWithDigest() throws SQLException {
        return withSearchPath(() -> {
            List<byte[]> rowTexts = new ArrayList<>();
            List<SchemaObject> objects = readAll(rowTexts);
            return new Read(objects, DIGEST_PREFIX + RowDigest.of(rowTexts));
        });
    }

    /** Runs every query; collects the rows' texts for the digest too when {@code rowTexts} is not null. */
    private List<SchemaObject> readAll(List<byte[]> rowTexts) throws SQLException {
        List<SchemaObject> objects = new ArrayList<>();
        for (int i = 0; i < QUERIES.size(); i++) {
            readInto(i, objects, rowTexts);
        }
        return objects;
    }

    /**
     * The server's digest of what {@link #read()} would read (see {@link #DIGEST_QUERY}): one round
     * trip that returns 67 characters however large the schema, for the drift check to compare
     * with the digest recorded beside the snapshot before reading anything else.
     */
    String digest() throws SQLException {
        if (!connection.getAutoCommit()) {
            return withSearchPath(this::digestQuery);
        }
        // One statement needs no transaction of its own, and the lock session, where this runs
        // during migrate, must never sit in one (CREATE INDEX CONCURRENTLY waits for every open
        // transaction): the search path is set for the session and put back.
        String previousPath = setManagedSearchPath(false);
        try {
            return digestQuery();
        } finally {
            setSearchPath(previousPath, false);
        }
    }

    private String digestQuery() throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(DIGEST_QUERY.sql())) {
            bindParameters(statement, DIGEST_QUERY);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return DIGEST_PREFIX + rows.getString(1);
            }
        }
    }

    @FunctionalInterface
    private interface Reading<T> {
        T read() throws SQLException;
    }

    /**
     * Runs {@code reading} with the search path set to the managed schemas, locally to a
     * transaction: the connection's own when one is open (the path is put back afterwards), else
     * one of its own, rolled back.
     */
    private <T> T withSearchPath(Reading<T> reading) throws SQLException {
        boolean ownTransaction = connection.getAutoCommit();
        if (ownTransaction) {
            connection.setAutoCommit(false);
        }
        try {
            String previousPath = setManagedSearchPath(true);
            try {
                return reading.read();
            } finally {
                if (!ownTransaction) {
                    setSearchPath(previousPath, true);
                }
            }
        } finally {
            if (ownTransaction) {
                // Nothing was written; ending the transaction also ends the local search path.
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    /**
     * Sets the search path to exactly the managed schemas, locally to the transaction when {@code
     * local}, else for the session, and returns the one it replaces: one round trip (OFFSET 0 keeps
     * the old value's sub-select from being merged, so it is read before the new one is set).
     */
    private String setManagedSearchPath(boolean local) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT old.path, set_config('search_path',"
                + " (SELECT coalesce(string_agg(quote_ident(s), ', ' ORDER BY o), '')"
                + " FROM unnest(?::text[]) WITH ORDINALITY AS u(s, o)), ?)"
                + " FROM (SELECT current_setting('search_path') AS path OFFSET 0) old")) {
            statement.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            statement.setBoolean(2, local);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    private void setSearchPath(String path, boolean local) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT set_config('search_path', ?, ?)")) {
            statement.setString(1, path);
            statement.setBoolean(2, local);
            statement.executeQuery().close();
        }
    }

    private void bindParameters(PreparedStatement statement, ArrayQuery query) throws SQLException {
        java.sql.Array schemaArray = connection.createArrayOf("text", schemas.toArray());
        java.sql.Array excludedArray = connection.createArrayOf("text", excludedTables.toArray());
        for (int i = 0; i < query.parameters().size(); i++) {
            statement.setArray(i + 1, query.parameters().get(i).equals(SCHEMAS) ? schemaArray : excludedArray);
        }
    }

    /**
     * A query in JDBC's form: each {@link #SCHEMAS} or {@link #EXCLUDED} of its text became a
     * {@code ?::text[]}, and {@code parameters} says which array each one takes, in order.
     */
    private record ArrayQuery(String sql, List<String> parameters) {

        private static final Pattern NAMED = Pattern.compile("(?<!:)(" + SCHEMAS + "|" + EXCLUDED + ")\\b");

        static ArrayQuery of(String text) {
            List<String> parameters = new ArrayList<>();
            Matcher named = NAMED.matcher(text);
            StringBuilder sql = new StringBuilder();
            while (named.find()) {
                parameters.add(named.group(1));
                named.appendReplacement(sql, "?::text[]");
            }
            named.appendTail(sql);
            return new ArrayQuery(sql.toString(), List.copyOf(parameters));
        }
    }

    /** Reads one query's objects into {@code objects} and, unless null, their rows' texts into {@code rowTexts}. */
    private void readInto(int query, List<SchemaObject> objects, List<byte[]> rowTexts) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement(QUERIES.get(query).sql())) {
            bindParameters(statement, QUERIES.get(query));
            try (ResultSet rows = statement.executeQuery()) {
                ResultSetMetaData columns = rows.getMetaData();
                String[] values = new String[columns.getColumnCount()];
                while (rows.next()) {
                    SortedMap<String, String> attributes = new TreeMap<>();
                    for (int i = 1; i <= values.length; i++) {
                        values[i - 1] = rows.getString(i);
                        if (i >= 5 && values[i - 1] != null) {
                            attributes.put(columns.getColumnLabel(i), values[i - 1]);
                        }
                    }
                    objects.add(new SchemaObject(
                            ObjectKind.ofToken(values[0]), values[1], values[2], values[3], attributes));
                    if (rowTexts != null) {
                        rowTexts.add(RowDigest.rowText(query, values));
                    }
                }
            }
        }
    }
}
