package dev.tidemark.internal.plan;

import dev.tidemark.LintAllowance;
import dev.tidemark.MigrationDescriptor;
import dev.tidemark.MigrationInfo;
import dev.tidemark.MigrationState;
import dev.tidemark.MigrationVersion;
import dev.tidemark.internal.history.HistoryRow;
import dev.tidemark.internal.history.Progress;
import dev.tidemark.internal.history.StoppedRun;
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
    /** The rows, or null when they were not read because the history agrees with the code. */
    private final List<HistoryRow> rows;
    /** How many of the code's first migrations an unread history holds (see {@link #agreeing}); unused otherwise. */
    private final int agreeing;

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
        this.agreeing = -1;
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

    private Reconciliation(MigrationCatalog catalog, int agreeing, int maxRank) {
        this.catalog = catalog;
        this.historyExists = true;
        this.rows = null;
        this.agreeing = agreeing;
        this.maxRank = maxRank;
        this.currentVersion =
                agreeing == 0 ? null : catalog.migrations().get(agreeing - 1).version();
    }

    /**
     * The state of a history known, without reading its rows, to hold exactly the code's first
     * {@code applied} migrations, one successful row each, in version order, with the code's
     * checksums and descriptions (see {@link dev.tidemark.internal.history.HistoryTable.Summary}):
     * nothing failed, nothing out of order, no baseline, the rest of the code pending. Which rows
     * are applied follows from the code; the rows themselves ({@link #rows}, {@link #applied},
     * {@link #latestRow}, {@link #infos}) are not known, and commands that show or change them read
     * the history.
     */
    public static Reconciliation agreeing(MigrationCatalog catalog, int applied, int maxRank) {
        if (applied < 0 || applied > catalog.migrations().size()) {
            throw new IllegalArgumentException(
                    applied + " of " + catalog.migrations().size() + " migrations");
        }
        return new Reconciliation(catalog, applied, maxRank);
    }

    /**
     * Whether the history is known to agree with the code row by row (see {@link #agreeing}):
     * validation has nothing to check in the applied rows.
     */
    public boolean agreesWithCode() {
        return rows == null;
    }

    private List<HistoryRow> readRows() {
        if (agreesWithCode()) {
            throw new IllegalStateException(
                    "The history's rows were not read: it agrees with the code's first " + agreeing + " migrations");
        }
        return rows;
    }

    private static MigrationVersion max(MigrationVersion a, MigrationVersion b) {
        return a == null || b.compareTo(a) > 0 ? b : a;
    }

    public boolean historyExists() {
        return historyExists;
    }

    public List<HistoryRow> rows() {
        return readRows();
    }

    /** How many rows the history holds. */
    public int rowCount() {
        return agreesWithCode() ? agreeing : rows.size();
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

    /**
     * This state, with the next row ranked above {@code rank} too: the highest rank of the rows it
     * was not given (those of repeatable migrations).
     */
    public Reconciliation rankedAbove(int rank) {
        maxRank = Math.max(maxRank, rank);
        return this;
    }

    /** The rank the next row gets. */
    public int nextRank() {
        return maxRank + 1;
    }

    /** The latest row of each successfully applied version (baseline included), undone ones left out. */
    public List<HistoryRow> applied() {
        readRows();
        List<HistoryRow> applied = new ArrayList<>();
        for (HistoryRow row : latest.values()) {
            if (row.success() && !row.isUndo()) {
                applied.add(row);
            }
        }
        applied.sort((a, b) -> Integer.compare(a.installedRank(), b.installedRank()));
        return applied;
    }

    /** How many versions are applied: the size of {@link #applied}, also when the rows were not read. */
    public int appliedCount() {
        return agreesWithCode() ? agreeing : applied().size();
    }

    public HistoryRow latestRow(MigrationVersion version) {
        readRows();
        return latest.get(version);
    }

    /**
     * Migrations of the code above the baseline with no row, or whose latest row is an undo, in
     * version order.
     */
    public List<MigrationDescriptor> pending() {
        if (agreesWithCode()) {
            List<MigrationDescriptor> migrations = catalog.migrations();
            return new ArrayList<>(migrations.subList(agreeing, migrations.size()));
        }
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

    /** What {@link MigrationInfo#progress} shows of a row. */
    private static String progress(HistoryRow row) {
        if (!row.success()) {
            return StoppedRun.describe(row);
        }
        return row.progress() != null && Progress.REPAIRED.equals(row.progress().state())
                ? row.progress().remarks()
                : null;
    }

    /** Every version of the code and the history with its state, in version order. */
    public List<MigrationInfo> infos(Target target) {
        readRows();
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
                        version,
                        code.description(),
                        catalog.historyType(version),
                        code.className(),
                        state,
                        null,
                        null,
                        null,
                        null));
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
                state = row.unfinished()
                                && Progress.STARTED.equals(row.progress().state())
                        ? MigrationState.UNFINISHED
                        : MigrationState.FAILED;
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
                    matches,
                    progress(row)));
        }
        infos.replaceAll(info -> {
            List<LintAllowance> allowed = catalog.allowedLint(info.version());
            return allowed.isEmpty() ? info : info.withAllowedLint(allowed);
        });
        return infos;
    }
}
