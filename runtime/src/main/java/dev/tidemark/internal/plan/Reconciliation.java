package dev.tidemark.internal.plan;

import dev.tidemark.MigrationDescriptor;
import dev.tidemark.MigrationInfo;
import dev.tidemark.MigrationState;
import dev.tidemark.MigrationVersion;
import dev.tidemark.internal.history.HistoryRow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The code's migrations set against the history rows, read once per command: what is applied,
 * failed, pending, out of order, below the baseline, undone, or missing from the code. An
 * {@code UNDO} row makes its version pending again: it is neither missing nor applied, and applying
 * it again adds a new row. Linear in the number of migrations (plus a logarithm for undo rows).
 */
public final class Reconciliation {

    private final MigrationCatalog catalog;
    private final boolean historyExists;
    private final List<HistoryRow> rows;
    private final Map<MigrationVersion, HistoryRow> latest = new HashMap<>();
    private final Map<MigrationVersion, Boolean> appliedOutOfOrder = new HashMap<>();
    private final List<HistoryRow> failed = new ArrayList<>();
    private MigrationVersion currentVersion;
    private MigrationVersion baselineVersion;
    private int maxRank;

    public Reconciliation(MigrationCatalog catalog, boolean historyExists, List<HistoryRow> rows) {
        this.catalog = catalog;
        this.historyExists = historyExists;
        this.rows = List.copyOf(rows);
        // The versions applied at each point of the history: an UNDO row takes its version out
        // again, so a migration applied, undone and applied again is in order against itself.
        // Without UNDO rows the newest so far is a running maximum; a sorted set of thousands of
        // versions costs a cold run more than reading them.
        boolean undone = rows.stream().anyMatch(HistoryRow::isUndo);
        TreeSet<MigrationVersion> appliedNow = undone ? new TreeSet<>() : null;
        MigrationVersion newest = null;
        for (HistoryRow row : rows) {
            maxRank = Math.max(maxRank, row.installedRank());
            latest.put(row.version(), row);
            if (!row.success()) {
                failed.add(row);
                continue;
            }
            if (row.isUndo()) {
                appliedNow.remove(row.version());
                appliedOutOfOrder.remove(row.version());
                continue;
            }
            if (row.isBaseline()) {
                baselineVersion = max(baselineVersion, row.version());
            }
            MigrationVersion newestSoFar = undone ? (appliedNow.isEmpty() ? null : appliedNow.last()) : newest;
            appliedOutOfOrder.put(
                    row.version(),
                    !row.isBaseline() && newestSoFar != null && row.version().compareTo(newestSoFar) < 0);
            if (undone) {
                appliedNow.add(row.version());
            } else {
                newest = max(newest, row.version());
            }
        }
        currentVersion = undone ? (appliedNow.isEmpty() ? null : appliedNow.last()) : newest;
    }

    private static MigrationVersion max(MigrationVersion a, MigrationVersion b) {
        return a == null || b.compareTo(a) > 0 ? b : a;
    }

    public boolean historyExists() {
        return historyExists;
    }

    public List<HistoryRow> rows() {
        return rows;
    }

    /** The newest successfully applied (or baselined) version that is not undone, or null. */
    public MigrationVersion currentVersion() {
        return currentVersion;
    }

    public MigrationVersion baselineVersion() {
        return baselineVersion;
    }

    /** Rows of failed non-transactional migrations. */
    public List<HistoryRow> failed() {
        return failed;
    }

    /** The rank the next row gets. */
    public int nextRank() {
        return maxRank + 1;
    }

    /** The latest row of each successfully applied version (baseline included), undone ones left out. */
    public List<HistoryRow> applied() {
        List<HistoryRow> applied = new ArrayList<>();
        for (HistoryRow row : latest.values()) {
            if (row.success() && !row.isUndo()) {
                applied.add(row);
            }
        }
        applied.sort((a, b) -> Integer.compare(a.installedRank(), b.installedRank()));
        return applied;
    }

    public HistoryRow latestRow(MigrationVersion version) {
        return latest.get(version);
    }

    /**
     * Migrations of the code above the baseline with no row, or whose latest row is an undo, in
     * version order.
     */
    public List<MigrationDescriptor> pending() {
        List<MigrationDescriptor> pending = new ArrayList<>();
        for (MigrationDescriptor migration : catalog.migrations()) {
            HistoryRow row = latest.get(migration.version());
            if ((row == null || undone(row)) && !belowBaseline(migration.version())) {
                pending.add(migration);
            }
        }
        return pending;
    }

    private static boolean undone(HistoryRow row) {
        return row.isUndo() && row.success();
    }

    /** Whether a pending migration is older than the newest applied one. */
    public boolean outOfOrder(MigrationDescriptor pending) {
        return currentVersion != null && pending.version().compareTo(currentVersion) < 0;
    }

    private boolean belowBaseline(MigrationVersion version) {
        return baselineVersion != null && version.compareTo(baselineVersion) <= 0;
    }

    /** Whether a pending migration is beyond the target. */
    public boolean aboveTarget(MigrationDescriptor pending, Target target) {
        return switch (target.kind()) {
            case LATEST -> false;
            case CURRENT -> true;
            case VERSION -> pending.version().compareTo(target.version()) > 0;
        };
    }

    /** Every version of the code and the history with its state, in version order. */
    public List<MigrationInfo> infos(Target target) {
        TreeSet<MigrationVersion> versions = new TreeSet<>(latest.keySet());
        for (MigrationDescriptor migration : catalog.migrations()) {
            versions.add(migration.version());
        }
        List<MigrationInfo> infos = new ArrayList<>();
        for (MigrationVersion version : versions) {
            MigrationDescriptor code = catalog.get(version);
            HistoryRow row = latest.get(version);
            if (row == null) {
                MigrationState state;
                if (belowBaseline(version)) {
                    state = MigrationState.BELOW_BASELINE;
                } else if (outOfOrder(code)) {
                    state = MigrationState.OUT_OF_ORDER;
                } else if (aboveTarget(code, target)) {
                    state = MigrationState.ABOVE_TARGET;
                } else {
                    state = MigrationState.PENDING;
                }
                infos.add(new MigrationInfo(
                        version, code.description(), HistoryRow.JAVA, code.className(), state, null, null, null, null));
                continue;
            }
            if (undone(row) && code != null) {
                infos.add(new MigrationInfo(
                        version,
                        code.description(),
                        row.type(),
                        code.className(),
                        MigrationState.UNDONE,
                        row.installedOn(),
                        row.installedBy(),
                        Duration.ofMillis(row.executionTime()),
                        null));
                continue;
            }
            MigrationState state;
            if (row.isBaseline()) {
                state = MigrationState.BASELINE;
            } else if (!row.success()) {
                state = MigrationState.FAILED;
            } else if (code == null) {
                state = row.isUndo() ? MigrationState.UNDONE : MigrationState.MISSING_FROM_CODE;
            } else if (appliedOutOfOrder.getOrDefault(version, false)) {
                state = MigrationState.APPLIED_OUT_OF_ORDER;
            } else {
                state = MigrationState.APPLIED;
            }
            Boolean matches = code == null || row.isBaseline() ? null : Objects.equals(code.checksum(), row.checksum());
            infos.add(new MigrationInfo(
                    version,
                    code != null ? code.description() : row.description(),
                    row.type(),
                    row.className() != null ? row.className() : code == null ? null : code.className(),
                    state,
                    row.installedOn(),
                    row.installedBy(),
                    Duration.ofMillis(row.executionTime()),
                    matches));
        }
        return infos;
    }
}
