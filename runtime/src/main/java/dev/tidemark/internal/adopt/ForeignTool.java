package dev.tidemark.internal.adopt;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The tools whose history table Tidemark can take over, and where each keeps it. */
public enum ForeignTool {
    FLYWAY("flyway", "Flyway", null, "flyway_schema_history"),
    LIQUIBASE("liquibase", "Liquibase", null, "databasechangelog"),
    DIESEL("diesel", "Diesel", null, "__diesel_schema_migrations"),
    GOLANG_MIGRATE("golang-migrate", "golang-migrate", null, "schema_migrations"),
    DRIZZLE("drizzle", "Drizzle", "drizzle", "__drizzle_migrations"),
    SEQUELIZE("sequelize", "Sequelize", null, "SequelizeMeta");

    private final String key;
    private final String displayName;
    /** The schema the tool keeps its table in whatever the configured one, or null for the configured one. */
    private final String ownSchema;

    private final String table;

    ForeignTool(String key, String displayName, String ownSchema, String table) {
        this.key = key;
        this.displayName = displayName;
        this.ownSchema = ownSchema;
        this.table = table;
    }

    /** How the setting names it: {@code flyway}, {@code golang-migrate}. */
    public String key() {
        return key;
    }

    public String displayName() {
        return displayName;
    }

    public String table() {
        return table;
    }

    /** The schema its table is looked for in. */
    public String schema(String configured) {
        return ownSchema == null ? configured : ownSchema;
    }

    /** The tool a setting names, or null; accepts the key in any case and {@code golang}/{@code migrate}. */
    public static ForeignTool named(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        for (ForeignTool tool : values()) {
            if (tool.key.equals(wanted)) {
                return tool;
            }
        }
        return wanted.equals("golang") || wanted.equals("migrate") || wanted.equals("golang_migrate")
                ? GOLANG_MIGRATE
                : null;
    }

    /** {@code flyway, liquibase, …} for messages. */
    public static String keys() {
        return Arrays.stream(values()).map(ForeignTool::key).collect(Collectors.joining(", "));
    }
}
