package dev.tidemark.internal.analysis;

/**
 * PostgreSQL's table lock modes, weakest first, each with what it makes other sessions wait for
 * (the conflict table of the documentation's "Explicit Locking", in the words of an application),
 * on a table, on one of its indexes, or on a sequence.
 */
enum LockMode {
    ACCESS_SHARE("AccessShareLock", "reads and writes of %s go on"),
    ROW_SHARE("RowShareLock", "reads and writes of %s go on"),
    ROW_EXCLUSIVE("RowExclusiveLock", "reads and writes of %s go on; the rows it changes stay locked until it commits"),
    SHARE_UPDATE_EXCLUSIVE(
            "ShareUpdateExclusiveLock",
            "reads and writes of %s go on; other schema changes of it, VACUUM and ANALYZE wait"),
    SHARE("ShareLock", "writes of %s wait until it commits; reads go on"),
    SHARE_ROW_EXCLUSIVE("ShareRowExclusiveLock", "writes of %s wait until it commits; reads go on"),
    EXCLUSIVE("ExclusiveLock", "writes of %s wait until it commits; reads go on"),
    ACCESS_EXCLUSIVE("AccessExclusiveLock", "reads and writes of %s wait until it commits");

    private final String pgName;
    private final String effect;

    LockMode(String pgName, String effect) {
        this.pgName = pgName;
        this.effect = effect;
    }

    static LockMode of(String pgName) {
        for (LockMode mode : values()) {
            if (mode.pgName.equals(pgName)) {
                return mode;
            }
        }
        return null;
    }

    /** The mode as the documentation and {@code LOCK TABLE} spell it: {@code ACCESS EXCLUSIVE}. */
    String spelled() {
        return name().replace('_', ' ');
    }

    /** What other sessions' work on {@code table} does while the lock is held. */
    String effect(String table) {
        return effect.formatted(table);
    }

    /**
     * What other sessions' work does while the lock is held on an index of {@code table}: the planner
     * locks every index of a table it plans a query for (ACCESS SHARE), and a write locks every
     * index it updates (ROW EXCLUSIVE).
     */
    String effectOnIndex(String table) {
        if (this == ACCESS_EXCLUSIVE) {
            return "queries of " + table + " wait until it commits (the planner locks every index of a table it"
                    + " plans for)";
        }
        return blocksWrites() ? SHARE.effect(table) : ACCESS_SHARE.effect(table);
    }

    /**
     * What other sessions' work does while the lock is held on a sequence ({@code nextval} takes ROW
     * EXCLUSIVE), owned by a column of {@code table} (or null).
     */
    String effectOnSequence(String table) {
        if (!blocksWrites()) {
            return "nextval on it goes on";
        }
        return "nextval on it waits until it commits"
                + (table == null ? "" : ", and with it the inserts into " + table + " that take their ids from it");
    }

    /** Whether others' writes wait for it. */
    boolean blocksWrites() {
        return compareTo(SHARE) >= 0;
    }
}
