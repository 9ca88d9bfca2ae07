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
 * applied them. Each reader knows its tool's table as the tool's own source creates it.
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
            case FLYWAY -> flyway(connection, table);
            case LIQUIBASE -> liquibase(connection, table);
            case DIESEL -> diesel(connection, table);
            case GOLANG_MIGRATE -> golangMigrate(connection, table, columns);
            case DRIZZLE -> drizzle(connection, table, columns);
            case SEQUELIZE -> sequelize(connection, table, columns);
        };
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

    private static List<ForeignRow> flyway(Connection connection, String table) throws SQLException {
        List<ForeignRow> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT installed_rank, version, description, type, script,"
                        + " checksum, installed_by, " + String.format(AS_TIMESTAMPTZ, "installed_on")
                        + ", execution_time, success FROM " + table + " ORDER BY installed_rank")) {
            int order = 0;
            while (row.next()) {
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
                rows.add(new ForeignRow(
                        ++order,
                        "installed_rank " + rank + ", " + script,
                        problem == null ? MigrationVersion.parse(version) : null,
                        problem,
                        script,
                        checksumText,
                        row.getString(7),
                        instant(row, 8),
                        row.getInt(9),
                        status,
                        type));
            }
        }
        return rows;
    }

    private static List<ForeignRow> liquibase(Connection connection, String table) throws SQLException {
        List<ForeignRow> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT id, author, filename, "
                        + String.format(AS_TIMESTAMPTZ, "dateexecuted") + ", exectype, md5sum FROM " + table
                        + " ORDER BY orderexecuted, dateexecuted")) {
            int order = 0;
            while (row.next()) {
                String id = row.getString(1);
                String execType = row.getString(5).toUpperCase(Locale.ROOT);
                Status status = switch (execType) {
                    case "FAILED" -> Status.FAILED;
                    case "SKIPPED" -> Status.SKIPPED;
                    default -> Status.APPLIED;
                };
                MigrationVersion version = leadingVersion(id);
                rows.add(new ForeignRow(
                        ++order,
                        "changeset " + row.getString(2) + ":" + id + " (" + row.getString(3) + ")",
                        version,
                        version == null ? "its id '" + id + "' does not start with a version" : null,
                        row.getString(3),
                        row.getString(6),
                        null,
                        instant(row, 4),
                        0,
                        status,
                        execType));
            }
        }
        return rows;
    }

    private static List<ForeignRow> diesel(Connection connection, String table) throws SQLException {
        List<ForeignRow> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT version, " + String.format(AS_TIMESTAMPTZ, "run_on")
                        + " FROM " + table + " ORDER BY run_on, version")) {
            int order = 0;
            while (row.next()) {
                String version = row.getString(1);
                String problem = MigrationVersion.problemWith(version);
                rows.add(new ForeignRow(
                        ++order,
                        "version " + version,
                        problem == null ? MigrationVersion.parse(version) : null,
                        problem,
                        null,
                        null,
                        null,
                        instant(row, 2),
                        0,
                        Status.APPLIED,
                        null));
            }
        }
        return rows;
    }

    private static List<ForeignRow> golangMigrate(Connection connection, String table, Set<String> columns)
            throws SQLException {
        List<ForeignRow> rows = new ArrayList<>();
        boolean hasDirty = columns.contains("dirty");
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT version::text, " + (hasDirty ? "dirty" : "false")
                        + " FROM " + table + " ORDER BY version")) {
            int order = 0;
            while (row.next()) {
                String version = row.getString(1);
                String problem = MigrationVersion.problemWith(version);
                boolean dirty = row.getBoolean(2);
                rows.add(new ForeignRow(
                        ++order,
                        "version " + version + (dirty ? " (dirty)" : ""),
                        problem == null ? MigrationVersion.parse(version) : null,
                        problem,
                        null,
                        null,
                        null,
                        null,
                        0,
                        dirty ? Status.DIRTY : Status.APPLIED_UP_TO,
                        null));
            }
        }
        return rows;
    }

    private static List<ForeignRow> drizzle(Connection connection, String table, Set<String> columns)
            throws SQLException {
        List<ForeignRow> rows = new ArrayList<>();
        boolean named = columns.contains("name");
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT id, hash, created_at, " + (named ? "name" : "NULL::text")
                        + " FROM " + table + " ORDER BY id")) {
            int order = 0;
            while (row.next()) {
                String name = row.getString(4);
                long createdAt = row.getLong(3);
                boolean noTime = row.wasNull();
                MigrationVersion version = name == null ? null : leadingVersion(name);
                rows.add(new ForeignRow(
                        ++order,
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
                        null));
            }
        }
        return rows;
    }

    private static List<ForeignRow> sequelize(Connection connection, String table, Set<String> columns)
            throws SQLException {
        List<ForeignRow> rows = new ArrayList<>();
        boolean timed = columns.contains("createdAt");
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT name, "
                        + (timed ? String.format(AS_TIMESTAMPTZ, "\"createdAt\"") : "NULL::timestamptz") + " FROM "
                        + table + " ORDER BY name")) {
            int order = 0;
            while (row.next()) {
                String name = row.getString(1);
                MigrationVersion version = leadingVersion(name);
                rows.add(new ForeignRow(
                        ++order,
                        name,
                        version,
                        version == null ? "its name '" + name + "' does not start with a version" : null,
                        name,
                        null,
                        null,
                        instant(row, 2),
                        0,
                        Status.APPLIED,
                        null));
            }
        }
        return rows;
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
