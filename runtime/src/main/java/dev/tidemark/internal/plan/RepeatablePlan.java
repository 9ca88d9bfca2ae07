package dev.tidemark.internal.plan;

import dev.tidemark.RepeatableInfo;
import dev.tidemark.internal.history.HistoryTable;
import dev.tidemark.internal.history.RepeatableRow;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The code's repeatable migrations set against their history rows: each is pending (never
 * applied), applied (its last successful row has the code's checksum) or outdated (the checksum
 * changed since: migrate applies it again); a description the history has and the code has not is
 * missing from the code. Only the latest successful row of each description counts.
 */
public final class RepeatablePlan {

    private final List<RepeatableInfo> infos = new ArrayList<>();
    private final List<RepeatableMigration> toApply = new ArrayList<>();
    private final List<RepeatableRow> missing = new ArrayList<>();

    private RepeatablePlan() {}

    /**
     * Reads the repeatable rows of {@code history} (none when it does not exist, or when the code
     * has no repeatable migration and the table cannot hold any) and plans the catalog's, each with
     * the lint rules its file allows.
     */
    public static RepeatablePlan read(
            Connection connection, HistoryTable history, boolean historyExists, MigrationCatalog catalog)
            throws SQLException {
        List<RepeatableRow> rows = historyExists ? history.readRepeatables(connection) : List.of();
        RepeatablePlan plan = of(catalog.repeatables(), rows);
        plan.infos.replaceAll(info -> info.withAllowedLint(catalog.allowedLint(info.description())));
        return plan;
    }

    /** The plan of {@code code}'s repeatable migrations against {@code rows} (in installed order). */
    public static RepeatablePlan of(List<RepeatableMigration> code, List<RepeatableRow> rows) {
        Map<String, RepeatableRow> latest = new TreeMap<>();
        for (RepeatableRow row : rows) {
            if (row.success()) {
                latest.put(row.description(), row);
            }
        }
        RepeatablePlan plan = new RepeatablePlan();
        for (RepeatableMigration migration : code) {
            RepeatableRow row = latest.remove(migration.description());
            RepeatableInfo.State state;
            if (row == null) {
                state = RepeatableInfo.State.PENDING;
            } else if (Objects.equals(row.checksum(), migration.checksum())) {
                state = RepeatableInfo.State.APPLIED;
            } else {
                state = RepeatableInfo.State.OUTDATED;
            }
            if (state != RepeatableInfo.State.APPLIED) {
                plan.toApply.add(migration);
            }
            plan.infos.add(info(migration.description(), migration.file(), state, row));
        }
        for (RepeatableRow row : latest.values()) {
            plan.missing.add(row);
            plan.infos.add(info(row.description(), row.className(), RepeatableInfo.State.MISSING_FROM_CODE, row));
        }
        return plan;
    }

    private static RepeatableInfo info(String description, String file, RepeatableInfo.State state, RepeatableRow row) {
        return new RepeatableInfo(
                description,
                file,
                state,
                row == null ? null : row.installedOn(),
                row == null ? null : row.installedBy(),
                row == null ? null : Duration.ofMillis(row.executionTime()),
                List.of());
    }

    /** Every repeatable migration of the code, then those missing from it, each with its state. */
    public List<RepeatableInfo> infos() {
        return List.copyOf(infos);
    }

    /** The pending and outdated ones, in the order migrate applies them: by description. */
    public List<RepeatableMigration> toApply() {
        return List.copyOf(toApply);
    }

    /** The latest row of each description the history has and the code has not, by description. */
    public List<RepeatableRow> missing() {
        return List.copyOf(missing);
    }
}
