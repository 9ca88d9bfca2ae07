package dev.tidemark.internal.history;

import dev.tidemark.ErrorCode;
import dev.tidemark.MigrationDescriptor;
import dev.tidemark.MigrationVersion;
import dev.tidemark.Phrase;
import dev.tidemark.Setting;
import dev.tidemark.TidemarkException;
import dev.tidemark.internal.sql.Identifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The history table: where it is, how it is created, read and written. The table records its own
 * format in its comment ({@value #FORMAT_COMMENT} 2), so that a later release can upgrade it and
 * an older one refuses it instead of misreading it. Format 2 adds the columns of a non-transactional
 * migration's progress (see {@link Progress}); format 3 lets {@code version} be null, in the rows of
 * repeatable migrations ({@link RepeatableRow}); {@link #upgrade} brings a table of format 1 or 2 to 3.
 * {@link #read} returns the versioned rows only, {@link #readRepeatables} the others.
 */
public final class HistoryTable {

    /** The format this release writes and reads. */
    public static final int FORMAT = 3;

    /** The type of a repeatable migration's row, whose version is null. */
    public static final String REPEATABLE = RepeatableRow.TYPE;

    /** The columns format 2 adds, each with its type; all nullable, so adding them rewrites nothing. */
    private static final String PROGRESS_COLUMNS_DDL = "state text, statements_done integer, statements_seen integer,"
            + " statement_hashes text, stopped_in text, error text, backend_pid integer, remarks text";

    private static final String PROGRESS_COLUMNS =
            "state, statements_done, statements_seen, statement_hashes, stopped_in, error, backend_pid, remarks";

    static final String FORMAT_COMMENT = "tidemark history format";
    private static final Pattern FORMAT_PATTERN = Pattern.compile("^tidemark history format (\\d+)$");

    private final String schema;
    private final String table;
    private final String qualified;
    /** The format {@link #exists} found, or 0 before it found one. */
    private int format;

    public HistoryTable(String schema, String table) {
        this.schema = schema;
        this.table = table;
        this.qualified = Identifier.qualified(schema, table);
    }

    /** {@code "schema"."table"}. */
    public String qualifiedName() {
        return qualified;
    }

    /** {@code schema.table} for messages. */
    public String displayName() {
        return schema + "." + table;
    }

    public String schema() {
        return schema;
    }

    public boolean schemaExists(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            query.setString(1, schema);
            try (ResultSet row = query.executeQuery()) {
                return row.next();
            }
        }
    }

    /**
     * Whether the table exists.
     *
     * @throws TidemarkException {@link ErrorCode#INCOMPATIBLE_HISTORY} when a table of that name
     *     exists but is not a Tidemark history table, or has a newer format
     */
    public boolean exists(Connection connection) throws SQLException {
        String comment;
        // The schema's oid first, so that the table is found by both columns of pg_class's name
        // index: joined by name, every schema's table of that name (one history table per tenant)
        // was checked against every schema, 5 ms at 200 tenants instead of 0.4.
        try (PreparedStatement query = connection.prepareStatement("SELECT obj_description(c.oid, 'pg_class')"
                + " FROM pg_class c WHERE c.relname = ?"
                + " AND c.relnamespace = (SELECT n.oid FROM pg_namespace n WHERE n.nspname = ?)")) {
            query.setString(1, table);
            query.setString(2, schema);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return false;
                }
                comment = row.getString(1);
            }
        }
        Matcher format = comment == null ? null : FORMAT_PATTERN.matcher(comment.strip());
        if (format == null || !format.matches()) {
            throw new TidemarkException(
                    ErrorCode.INCOMPATIBLE_HISTORY,
                    Phrase.of("The table " + displayName() + " exists but is not a Tidemark history table (its comment"
                            + " is " + (comment == null ? "empty" : "'" + comment + "'") + ", not '" + FORMAT_COMMENT
                            + " N')."),
                    null,
                    Phrase.builder()
                            .append("Nothing was done. Set ")
                            .setting(Setting.TABLE)
                            .append(" to another name for Tidemark's history, or ")
                            .setting(Setting.SCHEMA)
                            .append(" to the schema Tidemark manages.")
                            .build(),
                    null);
        }
        int found = Integer.parseInt(format.group(1));
        this.format = found;
        if (found > FORMAT) {
            throw new TidemarkException(
                    ErrorCode.INCOMPATIBLE_HISTORY,
                    "The history table " + displayName() + " has format " + found
                            + ", written by a newer Tidemark; this one understands format " + FORMAT + ".\n"
                            + "Nothing was done. Use the Tidemark version that last migrated this database, or a"
                            + " newer one.");
        }
        return true;
    }

    /** Creates the schema (when allowed) and the table, in the connection's transaction. */
    public void create(Connection connection, boolean createSchema) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (!schemaExists(connection)) {
                if (!createSchema) {
                    throw new TidemarkException(
                            ErrorCode.SCHEMA_MISSING,
                            Phrase.builder()
                                    .append("The schema " + schema + " does not exist and ")
                                    .setting(Setting.CREATE_SCHEMA, false)
                                    .append(" is set; nothing was done.")
                                    .build(),
                            null,
                            Phrase.builder()
                                    .append("Create the schema (CREATE SCHEMA " + Identifier.quote(schema)
                                            + "), or set ")
                                    .setting(Setting.CREATE_SCHEMA, true)
                                    .append(", or correct ")
                                    .setting(Setting.SCHEMA)
                                    .append(".")
                                    .build(),
                            null);
                }
                statement.execute("CREATE SCHEMA IF NOT EXISTS " + Identifier.quote(schema));
            }
            statement.execute("CREATE TABLE IF NOT EXISTS " + qualified + " ("
                    + "installed_rank integer PRIMARY KEY,"
                    + " version text,"
                    + " description text NOT NULL,"
                    + " type text NOT NULL,"
                    + " class_name text,"
                    + " checksum text,"
                    + " installed_by text NOT NULL,"
                    + " installed_on timestamptz NOT NULL DEFAULT now(),"
                    + " execution_time integer NOT NULL,"
                    + " success boolean NOT NULL, "
                    + PROGRESS_COLUMNS_DDL + ")");
            statement.execute("COMMENT ON TABLE " + qualified + " IS '" + FORMAT_COMMENT + " " + FORMAT + "'");
        }
        format = FORMAT;
    }

    /**
     * Brings a table that {@link #exists} found in an older format to {@link #FORMAT}, in the
     * connection's transaction: adds the progress columns of format 2 (nullable, so PostgreSQL only
     * changes its catalog, whatever the number of rows), drops the {@code NOT NULL} of {@code
     * version} for format 3 (a catalog change too, no row is read or rewritten) and records the new
     * format. Existing rows keep their meaning: no progress recorded, every one versioned. Returns
     * whether anything changed. Releases before this one
     * refuse the upgraded table, naming its format. The {@code ALTER TABLE} waits at most {@code
     * lockTimeout} (unless zero) for sessions reading the table, so that it never queues them behind it.
     */
    public boolean upgrade(Connection connection, Duration lockTimeout) throws SQLException {
        if (format >= FORMAT || format == 0) {
            return false;
        }
        if (!lockTimeout.isZero()) {
            try (PreparedStatement set = connection.prepareStatement("SELECT set_config('lock_timeout', ?, true)")) {
                set.setString(1, lockTimeout.toMillis() + "ms");
                set.execute();
            }
        }
        try (Statement statement = connection.createStatement()) {
            StringBuilder alter = new StringBuilder("ALTER TABLE ").append(qualified);
            String[] columns = PROGRESS_COLUMNS_DDL.split(", ");
            for (int i = 0; i < columns.length; i++) {
                alter.append(i == 0 ? " " : ", ")
                        .append("ADD COLUMN IF NOT EXISTS ")
                        .append(columns[i]);
            }
            alter.append(", ALTER COLUMN version DROP NOT NULL");
            statement.execute(alter.toString());
            statement.execute("COMMENT ON TABLE " + qualified + " IS '" + FORMAT_COMMENT + " " + FORMAT + "'");
        }
        format = FORMAT;
        return true;
    }

    /** The format {@link #exists} found (or {@link #create} wrote), 0 before either ran. */
    public int format() {
        return format;
    }

    /** Every row of a versioned migration (or baseline, or undo), in installed order. */
    public List<HistoryRow> read(Connection connection) throws SQLException {
        List<HistoryRow> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT installed_rank, version, description, type,"
                        + " class_name, checksum, installed_by,"
                        + " (extract(epoch FROM installed_on) * 1000)::bigint, execution_time, success, "
                        + (format >= 2 ? PROGRESS_COLUMNS : "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL")
                        + " FROM " + qualified + " WHERE version IS NOT NULL ORDER BY installed_rank")) {
            while (row.next()) {
                String version = row.getString(2);
                MigrationVersion parsed;
                try {
                    parsed = MigrationVersion.parse(version);
                } catch (IllegalArgumentException e) {
                    throw new TidemarkException(
                            ErrorCode.INCOMPATIBLE_HISTORY,
                            "The history table " + displayName() + " has a row (installed_rank " + row.getInt(1)
                                    + ") with the malformed version '" + version + "'; nothing was done.\n"
                                    + "Correct or delete that row by hand; it was not written by Tidemark.");
                }
                // Epoch milliseconds, not getTimestamp(): the driver's calendar arithmetic costs more
                // than the rest of a cold read of thousands of rows.
                long installedOn = row.getLong(8);
                boolean installedOnNull = row.wasNull();
                rows.add(new HistoryRow(
                        row.getInt(1),
                        parsed,
                        row.getString(3),
                        row.getString(4),
                        row.getString(5),
                        row.getString(6),
                        row.getString(7),
                        installedOnNull ? null : Instant.ofEpochMilli(installedOn),
                        row.getInt(9),
                        row.getBoolean(10),
                        Progress.read(row, 11)));
            }
        }
        return rows;
    }

    /**
     * The rows of repeatable migrations (version null), in installed order; none in a table of a
     * format before 3, which cannot hold them.
     */
    public List<RepeatableRow> readRepeatables(Connection connection) throws SQLException {
        List<RepeatableRow> rows = new ArrayList<>();
        if (format != 0 && format < 3) {
            return rows;
        }
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT installed_rank, description, class_name, checksum,"
                        + " installed_by, (extract(epoch FROM installed_on) * 1000)::bigint, execution_time, success"
                        + " FROM " + qualified + " WHERE version IS NULL ORDER BY installed_rank")) {
            while (row.next()) {
                long installedOn = row.getLong(6);
                boolean installedOnNull = row.wasNull();
                rows.add(new RepeatableRow(
                        row.getInt(1),
                        row.getString(2),
                        row.getString(3),
                        row.getString(4),
                        row.getString(5),
                        installedOnNull ? null : Instant.ofEpochMilli(installedOn),
                        row.getInt(7),
                        row.getBoolean(8)));
            }
        }
        return rows;
    }

    /**
     * The highest installed_rank of the repeatable migrations' rows, 0 when there is none: the rows
     * {@link #read} leaves out still hold their ranks, which a new row must not take. No round trip
     * for a table of a format before 3, which cannot hold them.
     */
    public int maxRepeatableRank(Connection connection) throws SQLException {
        if (format != 0 && format < 3) {
            return 0;
        }
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT coalesce(max(installed_rank), 0) FROM " + qualified + " WHERE version IS NULL")) {
            row.next();
            return row.getInt(1);
        }
    }

    /**
     * What the server says of the rows without sending them: how many there are, the highest rank,
     * and whether they agree with the code's first migrations.
     *
     * @param rows how many rows of versioned migrations the table holds (those of repeatable
     *     migrations are left out of this summary, but for the rank)
     * @param maxRank the highest installed_rank, 0 when empty
     * @param agrees whether the table holds exactly the code's first {@code rows} migrations (in
     *     version order), one successful row each, in that order, with the code's checksum and
     *     description: the history every run of migrate, to the latest version or to a target,
     *     leaves behind, and one whose validation finds nothing in its rows
     */
    public record Summary(int rows, int maxRank, boolean agrees) {}

    /**
     * Asks the server for the {@link Summary} against the code's migrations, in one round trip
     * and one row back however long the history: the code's migrations go to the server encoded as
     * the rows migrate writes for them would be ({@link #encode}), and the server compares the
     * rows it holds, encoded alike in installed order, with the start of that text. The encoding
     * prefixes each field with its length in characters ({@code -} for null) and ends each row
     * with a newline, so that a text of whole rows is the start of another only when its rows are
     * the other's first ones, whatever the descriptions hold.
     *
     * @param migrations the code's migrations, in version order
     */
    public Summary summarize(Connection connection, List<MigrationDescriptor> migrations) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(version),"
                + " coalesce(max(installed_rank), 0), starts_with(?, coalesce(string_agg(" + field("version")
                + " || " + field(APPLIED_TYPE) + " || CASE success WHEN true THEN 't' WHEN false THEN 'f' ELSE '-' END"
                + " || " + field("checksum") + " || " + field("description") + " || E'\\n', '' ORDER BY"
                + " installed_rank) FILTER (WHERE version IS NOT NULL), '')) FROM " + qualified)) {
            statement.setString(1, encode(migrations));
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return new Summary(row.getInt(1), row.getInt(2), row.getBoolean(3));
            }
        }
    }

    /**
     * A row's type as the summary compares it: {@code SQL} counts as {@code JAVA}, so that a history
     * written before SQL files had their own type agrees as well as one written after.
     */
    private static final String APPLIED_TYPE =
            "(CASE type WHEN '" + HistoryRow.SQL + "' THEN '" + HistoryRow.JAVA + "' ELSE type END)";

    private static String field(String column) {
        return "coalesce(length(" + column + ") || ':' || " + column + ", '-')";
    }

    /** The rows migrate writes for these migrations, encoded as {@link #summarize} encodes rows. */
    static String encode(List<MigrationDescriptor> migrations) {
        StringBuilder encoded = new StringBuilder(migrations.size() * 80);
        for (MigrationDescriptor migration : migrations) {
            field(encoded, migration.version().toString());
            field(encoded, HistoryRow.JAVA);
            encoded.append('t');
            field(encoded, migration.checksum());
            field(encoded, migration.description());
            encoded.append('\n');
        }
        return encoded.toString();
    }

    private static void field(StringBuilder encoded, String value) {
        if (value == null) {
            encoded.append('-');
        } else {
            encoded.append(value.codePointCount(0, value.length())).append(':').append(value);
        }
    }

    /** The installed rank after the highest one of the table, read in the connection's transaction. */
    public int nextRank(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row =
                        statement.executeQuery("SELECT coalesce(max(installed_rank), 0) + 1 FROM " + qualified)) {
            row.next();
            return row.getInt(1);
        }
    }

    /** How many parameters the row's insert has; those of SQL after it come next. */
    public static final int INSERT_PARAMETERS = 9;

    /** A statement that {@link #insert} reuses; installed_by falls back to current_user. */
    public PreparedStatement prepareInsert(Connection connection) throws SQLException {
        return connection.prepareStatement(insertSql());
    }

    /**
     * As {@link #prepareInsert}, followed by {@code COMMIT} in the same statement: the row and the
     * commit of the transaction it ends travel to the server together, one round trip instead of
     * two. The server runs the {@code COMMIT} only when the insert succeeded; when either fails the
     * transaction is rolled back whole.
     */
    public PreparedStatement prepareInsertAndCommit(Connection connection) throws SQLException {
        return connection.prepareStatement(insertSql() + "; COMMIT");
    }

    /**
     * As {@link #prepareInsert}, followed in the same statement by {@code then} (SQL that starts
     * with {@code ;}), whose parameters come after the row's: bind the row with {@link #bind} and
     * run it with {@code execute()}.
     */
    public PreparedStatement prepareInsert(Connection connection, String then) throws SQLException {
        return connection.prepareStatement(insertSql() + then);
    }

    private String insertSql() {
        return "INSERT INTO " + qualified + " (installed_rank, version, description,"
                + " type, class_name, checksum, installed_by, execution_time, success)"
                + " VALUES (?, ?, ?, ?, ?, ?, coalesce(?, current_user), ?, ?)";
    }

    public static void insert(
            PreparedStatement insert,
            int rank,
            String version,
            String description,
            String type,
            String className,
            String checksum,
            String installedBy,
            long executionMillis,
            boolean success)
            throws SQLException {
        bind(insert, rank, version, description, type, className, checksum, installedBy, executionMillis, success);
        insert.executeUpdate();
    }

    /** Sets the row's values, parameters 1 to {@value #INSERT_PARAMETERS}, on a statement {@link #prepareInsert} made. */
    public static void bind(
            PreparedStatement insert,
            int rank,
            String version,
            String description,
            String type,
            String className,
            String checksum,
            String installedBy,
            long executionMillis,
            boolean success)
            throws SQLException {
        insert.setInt(1, rank);
        insert.setString(2, version);
        insert.setString(3, description);
        insert.setString(4, type);
        setNullable(insert, 5, className);
        setNullable(insert, 6, checksum);
        setNullable(insert, 7, installedBy);
        insert.setInt(8, (int) Math.min(Integer.MAX_VALUE, executionMillis));
        insert.setBoolean(9, success);
    }

    static void setNullable(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    public void deleteRow(Connection connection, int rank) throws SQLException {
        try (PreparedStatement delete =
                connection.prepareStatement("DELETE FROM " + qualified + " WHERE installed_rank = ?")) {
            delete.setInt(1, rank);
            delete.executeUpdate();
        }
    }

    /** Deletes every row of the repeatable migration {@code description}. */
    public void deleteRepeatable(Connection connection, String description) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM " + qualified + " WHERE version IS NULL AND description = ?")) {
            delete.setString(1, description);
            delete.executeUpdate();
        }
    }

    public void updateChecksum(Connection connection, int rank, String checksum) throws SQLException {
        update(connection, "checksum", rank, checksum);
    }

    public void updateDescription(Connection connection, int rank, String description) throws SQLException {
        update(connection, "description", rank, description);
    }

    private void update(Connection connection, String column, int rank, String value) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE " + qualified + " SET " + column + " = ? WHERE installed_rank = ?")) {
            update.setString(1, value);
            update.setInt(2, rank);
            update.executeUpdate();
        }
    }

    /**
     * Writes a row taken over from another tool's history, in the connection's transaction, with the
     * time it was applied then (now when that tool did not record it) and where it came from in
     * {@code remarks}.
     */
    public void insertAdopted(
            Connection connection,
            int rank,
            String version,
            String description,
            String type,
            String className,
            String checksum,
            String installedBy,
            Instant installedOn,
            int executionMillis,
            String remarks)
            throws SQLException {
        try (PreparedStatement insert = prepareInsert(
                connection,
                "; UPDATE " + qualified + " SET installed_on = coalesce(?::timestamptz, installed_on),"
                        + " remarks = ? WHERE installed_rank = ?")) {
            bind(insert, rank, version, description, type, className, checksum, installedBy, executionMillis, true);
            if (installedOn == null) {
                insert.setNull(INSERT_PARAMETERS + 1, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                insert.setObject(INSERT_PARAMETERS + 1, installedOn.atOffset(ZoneOffset.UTC));
            }
            insert.setString(INSERT_PARAMETERS + 2, remarks);
            insert.setInt(INSERT_PARAMETERS + 3, rank);
            insert.execute();
        }
    }
}
