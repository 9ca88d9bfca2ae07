package dev.tidemark.spring.actuate;

import dev.tidemark.InfoResult;
import dev.tidemark.LintAllowance;
import dev.tidemark.MigrationInfo;
import dev.tidemark.RepeatableInfo;
import dev.tidemark.Tidemark;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code GET /actuator/tidemark}: every migration of the code and of the history with its state, as
 * {@code info} reports it, in the document shape of the runtime's JSON results ({@code "result":
 * "info"}, versions as text, {@code executionTimeMs}), serialised by Spring so that it is JSON on the
 * web and a structure over JMX. Reads the history; takes no lock and changes nothing.
 */
@Endpoint(id = "tidemark")
public class TidemarkEndpoint {

    private final Tidemark tidemark;

    public TidemarkEndpoint(Tidemark tidemark) {
        this.tidemark = Objects.requireNonNull(tidemark, "tidemark");
    }

    @ReadOperation
    public Map<String, Object> info() {
        return document(tidemark.info());
    }

    static Map<String, Object> document(InfoResult info) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("result", "info");
        document.put("schema", info.schema());
        document.put("table", info.table());
        document.put(
                "currentVersion",
                info.currentVersion() == null ? null : info.currentVersion().toString());
        List<Map<String, Object>> migrations = new ArrayList<>();
        for (MigrationInfo migration : info.migrations()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put(
                    "version",
                    migration.version() == null ? null : migration.version().toString());
            row.put("description", migration.description());
            row.put("type", migration.type());
            row.put("className", migration.className());
            row.put("state", migration.state().name());
            row.put(
                    "installedOn",
                    migration.installedOn() == null
                            ? null
                            : migration.installedOn().toString());
            row.put("installedBy", migration.installedBy());
            row.put(
                    "executionTimeMs",
                    migration.executionTime() == null
                            ? null
                            : migration.executionTime().toMillis());
            row.put("checksumMatches", migration.checksumMatches());
            row.put("progress", migration.progress());
            row.put("allowedLint", allowed(migration.allowedLint()));
            migrations.add(row);
        }
        document.put("migrations", migrations);
        List<Map<String, Object>> repeatables = new ArrayList<>();
        for (RepeatableInfo repeatable : info.repeatables()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("description", repeatable.description());
            row.put("file", repeatable.file());
            row.put("state", repeatable.state().name());
            row.put(
                    "installedOn",
                    repeatable.installedOn() == null
                            ? null
                            : repeatable.installedOn().toString());
            row.put("installedBy", repeatable.installedBy());
            row.put(
                    "executionTimeMs",
                    repeatable.executionTime() == null
                            ? null
                            : repeatable.executionTime().toMillis());
            row.put("allowedLint", allowed(repeatable.allowedLint()));
            repeatables.add(row);
        }
        document.put("repeatables", repeatables);
        return document;
    }

    /** The lint rules a migration allows, each with its reason, as the document lists them. */
    private static List<Map<String, String>> allowed(List<LintAllowance> allowances) {
        return allowances.stream()
                .map(allowed -> Map.of("rule", allowed.rule(), "reason", allowed.reason()))
                .toList();
    }
}
