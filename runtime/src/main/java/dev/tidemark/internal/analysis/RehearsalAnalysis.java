package dev.tidemark.internal.analysis;

import dev.tidemark.JavaMigration;
import dev.tidemark.LockAnalysis;
import dev.tidemark.MigrationDescriptor;
import dev.tidemark.RehearsalResult.Outcome;
import dev.tidemark.RehearsalResult.Step;
import dev.tidemark.StatementAnalysis;
import dev.tidemark.StatementAnalysis.Status;
import dev.tidemark.StatementAnalysis.TableLock;
import dev.tidemark.internal.analysis.TableState.Held;
import dev.tidemark.internal.analysis.TableState.Table;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Observes each statement of a rehearsal on its own session: before it runs and after it
 * completed, reads the locks the session holds on tables, indexes and sequences and each one's file
 * node; the locks that appeared are the ones the statement took, a changed file node is a rewrite. Locks a transaction
 * holds are not listed again, so a lock an earlier statement of the rehearsal already took is
 * shown on that statement, and a later one that rewrites the table under it says so.
 */
public final class RehearsalAnalysis {

    private final Connection connection;
    private final String schema;
    private final Duration lockTimeout;
    private final List<StatementAnalysis> statements = new ArrayList<>();
    /** Tables that did not exist when the rehearsal began: no other session can see them. */
    private final Set<Long> created = new HashSet<>();
    /** Which statement first took each lock the rehearsal holds, as "statement 1 of version 5". */
    private final Map<Held, String> takenBy = new HashMap<>();

    private Set<Long> initialTables;
    private MigrationDescriptor migration;
    private TableState before;
    private int pendingNumber;
    private String pendingSql;

    public RehearsalAnalysis(Connection connection, String schema, Duration lockTimeout) {
        this.connection = connection;
        this.schema = schema;
        this.lockTimeout = lockTimeout;
    }

    /** The probe for the statements {@code migration} runs next. */
    public StatementProbe probe(MigrationDescriptor migration) {
        return new StatementProbe() {
            @Override
            public void before(int number, String sql) throws SQLException {
                RehearsalAnalysis.this.before(migration, number, sql);
            }

            @Override
            public void after(int number, String sql, Duration time) throws SQLException {
                RehearsalAnalysis.this.after(number, sql, time);
            }
        };
    }

    private void before(MigrationDescriptor migration, int number, String sql) throws SQLException {
        this.migration = migration;
        before = TableState.read(connection);
        if (initialTables == null) {
            initialTables = Set.copyOf(before.tables().keySet());
        }
        pendingNumber = number;
        pendingSql = sql;
    }

    private void after(int number, String sql, Duration time) throws SQLException {
        pendingSql = null;
        TableState now = TableState.read(connection);
        String self = "statement " + number + " of " + named(migration);
        Map<Long, LockMode> taken = new LinkedHashMap<>();
        for (Held held : now.locks()) {
            LockMode mode = LockMode.of(held.mode());
            boolean table =
                    now.tables().containsKey(held.relation()) || before.tables().containsKey(held.relation());
            if (mode == null || !table || before.locks().contains(held)) {
                continue;
            }
            takenBy.putIfAbsent(held, self);
            taken.merge(held.relation(), mode, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        for (Long oid : now.tables().keySet()) {
            if (initialTables != null && !initialTables.contains(oid)) {
                created.add(oid);
            }
        }
        Set<Long> involved = new HashSet<>(taken.keySet());
        for (Map.Entry<Long, Table> entry : before.tables().entrySet()) {
            Table after = now.tables().get(entry.getKey());
            if (after == null || after.fileNode() != entry.getValue().fileNode()) {
                involved.add(entry.getKey());
            }
        }
        List<TableLock> locks = new ArrayList<>();
        List<String> heldSince = new ArrayList<>();
        for (Long oid : involved) {
            Table was = before.tables().get(oid);
            Table is = now.tables().get(oid);
            boolean dropped = was != null && is == null;
            boolean rewritten = was != null && is != null && was.fileNode() != is.fileNode();
            // A statement under a stronger lock an earlier one took works under that lock, whatever
            // weaker one it adds (a rewrite takes SHARE on the table to rebuild its indexes).
            LockMode mode = strongestHeld(now, oid);
            Table known = was != null ? was : is;
            boolean isNew = created.contains(oid) || was == null;
            if (mode == null
                    || (!known.isTable() && !saysMore(known, mode, isNew, rewritten || dropped, before, now))) {
                continue;
            }
            if (mode == taken.get(oid)) {
                heldSince.add(null);
            } else {
                heldSince.add(takenBy.getOrDefault(new Held(oid, pgName(mode)), "an earlier statement"));
            }
            long bytes = is != null ? TableState.size(connection, oid) : known.estimatedBytes();
            locks.add(new TableLock(
                    name(known),
                    mode.spelled(),
                    rewritten,
                    isNew,
                    dropped,
                    known.rows(),
                    bytes,
                    known.kind(),
                    known.isTable() ? null : owner(known, before, now)));
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < locks.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing(
                        (Integer i) -> LockMode.valueOf(locks.get(i).mode().replace(' ', '_')))
                .reversed()
                .thenComparing(i -> !locks.get(i).onTable())
                .thenComparing(i -> locks.get(i).table()));
        List<TableLock> sorted = new ArrayList<>();
        List<String> since = new ArrayList<>();
        for (int i : order) {
            sorted.add(locks.get(i));
            since.add(heldSince.get(i));
        }
        String sentence = Sentences.ran(self, sorted, since);
        if (sorted.isEmpty()) {
            sentence = underHeldLock(self, sql, now).orElse(sentence);
        }
        boolean rewrote = sorted.stream().anyMatch(TableLock::rewritten);
        Advice advice = Advice.of(sql, rewrote);
        statements.add(new StatementAnalysis(
                migration.version(),
                repeatableFile(migration),
                number,
                sql,
                Status.RAN,
                sorted,
                time,
                sentence,
                advice == null ? null : advice.ruleId(),
                advice == null ? null : advice.alternative()));
    }

    /**
     * For a statement that took no new lock: the lock the rehearsal already holds on the table it
     * works on. Within one migration that is the lock it runs under; taken by an earlier migration,
     * it hides the statement's own lock, which migrate takes again in the migration's own transaction.
     */
    private Optional<String> underHeldLock(String self, String sql, TableState now) throws SQLException {
        Long target = Prediction.target(connection, sql);
        LockMode mode = target == null ? null : strongestHeld(now, target);
        Table table = target == null ? null : now.tables().get(target);
        if (mode == null || table == null || created.contains(target) || mode.compareTo(LockMode.ROW_SHARE) <= 0) {
            return Optional.empty();
        }
        String since = takenBy.getOrDefault(new Held(target, pgName(mode)), "an earlier statement");
        String sized = name(table) + " (" + Sentences.size(table.rows(), TableState.size(connection, target)) + ")";
        if (since.endsWith(" of " + named(migration))) {
            return Optional.of(self + " works on " + sized + " under the " + mode.spelled() + " lock " + since
                    + " took; " + mode.effect(name(table)));
        }
        return Optional.of(self + " works on " + sized + ", which the rehearsal has held " + mode.spelled()
                + " on since " + since + ", so the lock it takes itself is not seen here; it shows once the"
                + " earlier migrations are applied");
    }

    private static LockMode strongestHeld(TableState state, long oid) {
        LockMode strongest = null;
        for (Held held : state.locks()) {
            LockMode mode = LockMode.of(held.mode());
            if (held.relation() == oid && mode != null && (strongest == null || mode.compareTo(strongest) > 0)) {
                strongest = mode;
            }
        }
        return strongest;
    }

    private static String pgName(LockMode mode) {
        StringBuilder name = new StringBuilder();
        for (String word : mode.name().split("_")) {
            name.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return name.append("Lock").toString();
    }

    /**
     * Whether the lock on an index or a sequence says more than the lock on its table: not when the
     * object is new in the rehearsal (nobody else sees it), nor when the statement rewrites or drops
     * its table (that says it all); for one the statement neither rewrites nor drops, only a lock of
     * SHARE or above that is stronger than the one on its table (the ROW EXCLUSIVE of a write, on
     * each index of the table and on the sequence of {@code nextval}, blocks no one the table's lock
     * does not).
     */
    private static boolean saysMore(
            Table object, LockMode mode, boolean isNew, boolean changed, TableState before, TableState now) {
        Table ownerBefore = before.tables().get(object.owner());
        Table ownerNow = now.tables().get(object.owner());
        boolean ownerChanged =
                ownerBefore != null && (ownerNow == null || ownerNow.fileNode() != ownerBefore.fileNode());
        if (isNew || ownerChanged) {
            return false;
        }
        LockMode onOwner = strongestHeld(now, object.owner());
        return changed || (mode.compareTo(LockMode.SHARE) >= 0 && (onOwner == null || mode.compareTo(onOwner) > 0));
    }

    /** The name of the table an index is on or a sequence belongs to, or null. */
    private String owner(Table object, TableState before, TableState now) {
        Table owner = now.tables().get(object.owner());
        if (owner == null) {
            owner = before.tables().get(object.owner());
        }
        return owner == null ? null : name(owner);
    }

    private String name(Table table) {
        return table.schema().equals(schema) ? table.name() : table.schema() + "." + table.name();
    }

    /**
     * A migration that cannot run in the rehearsal's transaction: its statements, listed without
     * running them, each with the lock PostgreSQL documents for it on the table the catalog names.
     */
    public void notRun(MigrationDescriptor migration, Supplier<JavaMigration> code) throws SQLException {
        StatementListing listing = StatementListing.of(schema, migration, code);
        List<String> sql = listing.statements();
        String unlisted = listing.unlisted();
        if (unlisted != null) {
            statements.add(new StatementAnalysis(
                    migration.version(),
                    repeatableFile(migration),
                    0,
                    "",
                    Status.NOT_RUN,
                    List.of(),
                    Duration.ZERO,
                    named(migration) + " was not run (non-transactional), and its statements could"
                            + " not be listed without running it: " + unlisted,
                    null,
                    null));
            return;
        }
        TableState now = TableState.read(connection);
        for (int i = 0; i < sql.size(); i++) {
            String self = "statement " + (i + 1) + " of " + named(migration);
            Prediction prediction = Prediction.of(connection, sql.get(i));
            List<TableLock> locks = new ArrayList<>();
            if (prediction.table() != null && prediction.mode() != null) {
                Table table = now.tables().get(prediction.table());
                if (table != null) {
                    locks.add(new TableLock(
                            name(table),
                            prediction.mode().spelled(),
                            false,
                            created.contains(prediction.table()),
                            false,
                            table.rows(),
                            table.estimatedBytes()));
                }
            }
            Advice advice = Advice.of(sql.get(i), false);
            statements.add(new StatementAnalysis(
                    migration.version(),
                    repeatableFile(migration),
                    i + 1,
                    sql.get(i),
                    Status.NOT_RUN,
                    locks,
                    Duration.ZERO,
                    Sentences.notRun(self, prediction, locks),
                    advice == null ? null : advice.ruleId(),
                    advice == null ? null : advice.alternative()));
        }
    }

    /** {@code version 3}, or {@code repeatable migration R__Users_view.sql}, as the sentences name it. */
    private static String named(MigrationDescriptor migration) {
        return migration.version() != null
                ? "version " + migration.version()
                : "repeatable migration " + repeatableFile(migration);
    }

    /** A repeatable migration's file (its history row's class name); null for a versioned migration. */
    private static String repeatableFile(MigrationDescriptor migration) {
        return migration.version() == null ? migration.className() : null;
    }

    /** The analysis, with the statement a failed step stopped at and the limit applied. */
    public LockAnalysis finish(List<Step> steps, SizeLimit limit) {
        for (Step step : steps) {
            boolean lock = step.outcome() == Outcome.LOCK_UNAVAILABLE;
            if ((lock || step.outcome() == Outcome.FAILED) && pendingSql != null) {
                // The statement the step stopped at is the last one probed, of the migration probed last.
                String self = "statement " + pendingNumber + " of " + named(migration);
                Advice advice = Advice.of(pendingSql, false);
                statements.add(new StatementAnalysis(
                        migration.version(),
                        repeatableFile(migration),
                        pendingNumber,
                        pendingSql,
                        lock ? Status.LOCK_UNAVAILABLE : Status.FAILED,
                        List.of(),
                        Duration.ZERO,
                        lock ? Sentences.lockUnavailable(self, lockTimeout) : Sentences.failed(self, step.sqlState()),
                        advice == null ? null : advice.ruleId(),
                        advice == null ? null : advice.alternative()));
            }
        }
        StatementAnalysis over = null;
        if (limit != null) {
            over = statements.stream()
                    .filter(s -> limit.exceededBy(s) != null)
                    .findFirst()
                    .orElse(null);
        }
        return new LockAnalysis(schema, statements, limit == null ? null : limit.toString(), over);
    }
}
