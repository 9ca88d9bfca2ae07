package dev.tidemark.spring.actuate;

import dev.tidemark.DiffResult;
import dev.tidemark.InfoResult;
import dev.tidemark.MigrationInfo;
import dev.tidemark.MigrationState;
import dev.tidemark.Tidemark;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the health indicator reports, whatever Boot's health API looks like: DOWN when a migration
 * failed or stopped part way, an applied one was edited, one is applied but missing from the code, or
 * the schema drifted from the last migrate; DOWN on pending migrations only when asked.
 */
final class HealthCheck {

    private final Tidemark tidemark;
    private final boolean pendingIsDown;

    HealthCheck(Tidemark tidemark, boolean pendingIsDown) {
        this.tidemark = tidemark;
        this.pendingIsDown = pendingIsDown;
    }

    record Verdict(boolean up, Map<String, Object> details) {}

    Verdict check() {
        InfoResult info = tidemark.info();
        List<String> failed = versions(info, MigrationState.FAILED, MigrationState.UNFINISHED);
        List<String> missing = versions(info, MigrationState.MISSING_FROM_CODE);
        List<String> pending = versions(info, MigrationState.PENDING, MigrationState.OUT_OF_ORDER);
        List<String> edited = info.migrations().stream()
                .filter(migration -> Boolean.FALSE.equals(migration.checksumMatches()))
                .map(HealthCheck::version)
                .toList();
        DiffResult diff = tidemark.diff();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("schema", info.schema());
        details.put(
                "currentVersion",
                info.currentVersion() == null ? null : info.currentVersion().toString());
        details.put("pending", pending);
        details.put("failed", failed);
        details.put("edited", edited);
        details.put("missingFromCode", missing);
        details.put("drift", diff.differences());
        boolean up = failed.isEmpty()
                && edited.isEmpty()
                && missing.isEmpty()
                && !diff.drift()
                && (pending.isEmpty() || !pendingIsDown);
        return new Verdict(up, details);
    }

    private static List<String> versions(InfoResult info, MigrationState... states) {
        List<MigrationState> wanted = List.of(states);
        return info.migrations().stream()
                .filter(migration -> wanted.contains(migration.state()))
                .map(HealthCheck::version)
                .toList();
    }

    private static String version(MigrationInfo migration) {
        return String.valueOf(migration.version());
    }
}
