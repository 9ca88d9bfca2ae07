package dev.tidemark.internal.adopt;

import dev.tidemark.MigrationVersion;
import dev.tidemark.internal.adopt.ForeignRow.Status;
import dev.tidemark.internal.sql.Identifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads another tool's history table, read-only, into {@link ForeignRow}s in the order the tool
 * applied them. One reader for every tool, given the tool's query (its table as the tool's own
 * source creates it, with the columns older releases lack read as null) and its row mapping.
 */
public final class ForeignHistory {

    /** A version at the start of a name: {@code 20240101120000-create-user.js}, {@code 2-create-orders}. */
    private static final Pattern LEADING_VERSION = Pattern.compile("^(\\d+(?:\\.\\d+)*)(?:[-_].*)?$");

    private ForeignHistory() {}

    /** Whether the tool's table exists in {@code schema} (or in the tool's own schema). */
    public static boolean exists(Connection connection, ForeignTool tool, String schema) throws SQLException {
        return !columns(connection, tool, schema).isEmpty();
    }

    /** {@code "schema"."table"} of the tool's table. */
    public static String qualified(ForeignTool tool, String schema) {
        return Identifier.qualified(tool.schema(schema), tool.table());
    }

    /** {@code schema.table} for messages. */
    public static String displayName(ForeignTool tool, String schema) {
        return tool.schema(schema) + "." + tool.table();
    }

    /** The rows of the tool's table, in the tool's order. */
    public static List<ForeignRow> read(Connection connection, ForeignTool tool, String schema) throws SQLException {
        Set<String> columns = columns(connection, tool, schema);
        String table = qualified(tool, schema);
        return switch (tool) {
            case FLYWAY ->
                rows(
                        connection,
                        "SELECT installed_rank, version, description, type, script, checksum, installed_by, "
                                + String.format(AS_TIMESTAMPTZ, "installed_on") + ", execution_time, success FROM "
                                + table + " ORDER BY installed_rank",
                        ForeignHistory::flyway);
            case LIQUIBASE ->
                rows(
                        connection,
                        "SELECT id, author, filename, " + String.format(AS_TIMESTAMPTZ, "dateexecuted")
                                + ", exectype, md5sum FROM " + table + " ORDER BY orderexecuted, dateexecuted",
                        ForeignHistory::liquibase);
            case DIESEL ->
                rows(
                        connection,
                        "SELECT version, " + String.format(AS_TIMESTAMPTZ, "run_on") + " FROM " + table
                                + " ORDER BY run_on, version",
                        ForeignHistory::diesel);
            case GOLANG_MIGRATE ->
                rows(
                        connection,
                        "SELECT version::text, " + (columns.contains("dirty") ? "dirty" : "false") + " FROM " + table
                                + " ORDER BY version",
                        ForeignHistory::golangMigrate);
            case DRIZZLE ->
                rows(
                        connection,
                        "SELECT id, hash, created_at, " + (columns.contains("name") ? "name" : "NULL::text") + " FROM "
                                + table + " ORDER BY id",
                        ForeignHistory::drizzle);
            case SEQUELIZE ->
                rows(
                        connection,
                        "SELECT name, "
                                + (columns.contains("createdAt")
                                        ? String.format(AS_TIMESTAMPTZ, "\"createdAt\"")
                                        : "NULL::timestamptz")
                                + " FROM " + table + " ORDER BY name",
                        ForeignHistory::sequelize);
        };
    }

    /** One row of a tool's query made a {@link ForeignRow}: its mapping, the only part that differs. */
    @FunctionalInterface
    private interface RowReader {
        ForeignRow read(ResultSet row, int order) throws SQLException;
    }

    /** Every row of {@code query}, mapped by {@code reader}, numbered from 1 in the query's order. */
    private static List<ForeignRow> rows(Connection connection, String query, RowReader reader) throws SQLException {
        List<ForeignRow> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(query)) {
            while (row.next()) {
                rows.add(reader.read(row, rows.size() + 1));
            }
        }
        return rows;
    }

    private static Set<String> columns(Connection connection, ForeignTool tool, String schema) throws SQLException {
        Set<String> columns = new HashSet<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT a.attname FROM pg_attribute a"
                + " JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p') AND a.attnum > 0"
                + " AND NOT a.attisdropped")) {
            query.setString(1, tool.schema(schema));
            query.setString(2, tool.table());
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    columns.add(row.getString(1));
                }
            }
        }
        return columns;
    }

    /**
     * A {@code timestamp without time zone} read in the session's time zone, as the tool wrote it,
     * to the microsecond.
     */
    private static final String AS_TIMESTAMPTZ = "%s::timestamptz";

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private static ForeignRow flyway(ResultSet row, int order) throws SQLException {
        int rank = row.getInt(1);
        String version = row.getString(2);
        String type = row.getString(4);
        String script = row.getString(5);
        int checksum = row.getInt(6);
        String checksumText = row.wasNull() ? null : Integer.toString(checksum);
        Status status;
        if (!row.getBoolean(10)) {
            status = Status.FAILED;
        } else if (type.equals("SCHEMA") || type.equals("DELETE")) {
            status = Status.BOOKKEEPING;
        } else if (type.endsWith("BASELINE")) {
            status = Status.BASELINE;
        } else if (version == null) {
            status = Status.REPEATABLE;
        } else {
            status = Status.APPLIED;
        }
        String problem = version == null ? "Flyway recorded no version" : MigrationVersion.problemWith(version);
        return new ForeignRow(
                order,
                "installed_rank " + rank + ", " + script,
                problem == null ? MigrationVersion.parse(version) : null,
                problem,
                script,
                checksumText,
                row.getString(7),
                instant(row, 8),
                row.getInt(9),
                status,
                type,
                row.getString(3));
    }

    private static ForeignRow liquibase(ResultSet row, int order) throws SQLException {
        String id = row.getString(1);
        String execType = row.getString(5).toUpperCase(Locale.ROOT);
        Status status = switch (execType) {
            case "FAILED" -> Status.FAILED;
            case "SKIPPED" -> Status.SKIPPED;
            default -> Status.APPLIED;
        };
        MigrationVersion version = leadingVersion(id);
        return new ForeignRow(
                order,
                "changeset " + row.getString(2) + ":" + id + " (" + row.getString(3) + ")",
                version,
                version == null ? "its id '" + id + "' does not start with a version" : null,
                row.getString(3),
                row.getString(6),
                null,
                instant(row, 4),
                0,
                status,
                execType,
                null);
    }

    private static ForeignRow diesel(ResultSet row, int order) throws SQLException {
        String version = row.getString(1);
        String problem = MigrationVersion.problemWith(version);
        return new ForeignRow(
                order,
                "version " + version,
                problem == null ? MigrationVersion.parse(version) : null,
                problem,
                null,
                null,
                null,
                instant(row, 2),
                0,
                Status.APPLIED,
                null,
                null);
    }

    private static ForeignRow golangMigrate(ResultSet row, int order) throws SQLException {
        String version = row.getString(1);
        String problem = MigrationVersion.problemWith(version);
        boolean dirty = row.getBoolean(2);
        return new ForeignRow(
                order,
                "version " + version + (dirty ? " (dirty)" : ""),
                problem == null ? MigrationVersion.parse(version) : null,
                problem,
                null,
                null,
                null,
                null,
                0,
                dirty ? Status.DIRTY : Status.APPLIED_UP_TO,
                null,
                null);
    }

    private static ForeignRow drizzle(ResultSet row, int order) throws SQLException {
        String name = row.getString(4);
        long createdAt = row.getLong(3);
        boolean noTime = row.wasNull();
        MigrationVersion version = name == null ? null : leadingVersion(name);
        return new ForeignRow(
                order,
                "id " + row.getInt(1) + (name == null ? ", created_at " + createdAt : ", " + name),
                version,
                name == null
                        ? "Drizzle records no name, only the hash and the journal's time"
                        : "its name '" + name + "' does not start with a version",
                name,
                row.getString(2),
                null,
                noTime ? null : Instant.ofEpochMilli(createdAt),
                0,
                Status.APPLIED,
                null,
                null);
    }

    private static ForeignRow sequelize(ResultSet row, int order) throws SQLException {
        String name = row.getString(1);
        MigrationVersion version = leadingVersion(name);
        return new ForeignRow(
                order,
                name,
                version,
                version == null ? "its name '" + name + "' does not start with a version" : null,
                name,
                null,
                null,
                instant(row, 2),
                0,
                Status.APPLIED,
                null,
                null);
    }

    /** The version a name starts with, or null. */
    static MigrationVersion leadingVersion(String name) {
        Matcher matcher = LEADING_VERSION.matcher(name);
        if (!matcher.matches()) {
            return null;
        }
        return MigrationVersion.isValid(matcher.group(1)) ? MigrationVersion.parse(matcher.group(1)) : null;
    }
}
