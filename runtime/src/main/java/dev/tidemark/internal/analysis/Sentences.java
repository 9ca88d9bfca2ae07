package dev.tidemark.internal.analysis;

import dev.tidemark.StatementAnalysis.TableLock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The one sentence that says what a statement does to production. */
public final class Sentences {

    private Sentences() {}

    /** {@code heldSince} names, per lock, the earlier statement that took it, or null when this one did. */
    static String ran(String statement, List<TableLock> locks, List<String> heldSince) {
        List<String> clauses = new ArrayList<>();
        List<String> reads = new ArrayList<>();
        for (int i = 0; i < locks.size(); i++) {
            TableLock lock = locks.get(i);
            LockMode mode = LockMode.valueOf(lock.mode().replace(' ', '_'));
            String since = heldSince.get(i);
            if (!lock.onTable()) {
                clauses.add(onIndexOrSequence(lock, mode, since));
                continue;
            }
            if (lock.created()) {
                clauses.add((lock.rewritten() || since != null ? "writes " : "takes " + lock.mode() + " on ")
                        + lock.table() + ", which is new in this rehearsal: no other session waits for it");
                continue;
            }
            if (since == null && !lock.rewritten() && !lock.dropped() && mode.compareTo(LockMode.ROW_SHARE) <= 0) {
                reads.add(lock.table());
                continue;
            }
            String table = lock.table() + " (" + size(lock) + ")";
            String action = lock.dropped() ? " and drops it" : lock.rewritten() ? " and rewrites it" : "";
            if (since == null) {
                clauses.add("takes " + lock.mode() + " on " + table + action + "; " + mode.effect(lock.table()));
            } else {
                String verb = lock.dropped() ? "drops " : lock.rewritten() ? "rewrites " : "works on ";
                // " of version 3" or " of repeatable migration R__x.sql": the migration the statement is of.
                String migration = statement.substring(statement.indexOf(" of "));
                clauses.add(
                        since.endsWith(migration)
                                ? verb + table + " under the " + lock.mode() + " lock " + since + " took; "
                                        + mode.effect(lock.table())
                                : verb + table + " under " + lock.mode() + ", which the rehearsal has held since "
                                        + since + " and migrate takes again for this migration; "
                                        + mode.effect(lock.table()));
            }
        }
        if (!reads.isEmpty()) {
            clauses.add(
                    "reads " + String.join(", ", reads) + " (ACCESS SHARE or ROW SHARE: only ACCESS EXCLUSIVE waits)");
        }
        if (clauses.isEmpty()) {
            return statement + " takes no new lock on an existing table";
        }
        return statement + " " + String.join("; and ", clauses);
    }

    /** The clause of a lock on an index or a sequence, which is never new in the rehearsal. */
    private static String onIndexOrSequence(TableLock lock, LockMode mode, String since) {
        String what = relation(lock) + (lock.kind().equals("index") ? " (" + size(lock) + ")" : "");
        String clause;
        if (since == null) {
            String action = lock.dropped() ? " and drops it" : lock.rewritten() ? " and rewrites it" : "";
            clause = "takes " + lock.mode() + " on " + what + action;
        } else {
            String verb = lock.dropped() ? "drops " : lock.rewritten() ? "rewrites " : "works on ";
            clause = verb + what + " under the " + lock.mode() + " lock " + since + " took";
        }
        return clause + "; "
                + (lock.kind().equals("index")
                        ? mode.effectOnIndex(lock.ofTable() == null ? lock.table() : lock.ofTable())
                        : mode.effectOnSequence(lock.ofTable()));
    }

    /**
     * What a lock is on, as the reports name it: {@code orders}, {@code index orders_amount_idx of
     * orders}, {@code sequence orders_id_seq of orders}.
     */
    public static String relation(TableLock lock) {
        if (lock.onTable()) {
            return lock.table();
        }
        return lock.kind() + " " + lock.table() + (lock.ofTable() == null ? "" : " of " + lock.ofTable());
    }

    static String notRun(String statement, Prediction prediction, List<TableLock> locks) {
        String head = statement + " was not run (non-transactional): ";
        if (prediction.mode() == null) {
            return head + "its locks are not known without running it";
        }
        if (locks.isEmpty()) {
            return head + prediction.what() + " would take " + prediction.mode().spelled()
                    + " on its table, which the catalog does not have yet";
        }
        TableLock lock = locks.get(0);
        return head + prediction.what() + " would take " + lock.mode() + " on " + lock.table() + " (" + size(lock)
                + "); " + prediction.mode().effect(lock.table()) + ", for as long as it runs";
    }

    static String lockUnavailable(String statement, Duration lockTimeout) {
        return statement + " could not get its lock within the rehearsal's lock_timeout (" + lockTimeout.toMillis()
                + " ms) and did not wait: another session holds a lock on a table it needs; migrate would queue"
                + " behind that session, and every query on the table behind migrate";
    }

    static String failed(String statement, String sqlState) {
        return statement + " failed" + (sqlState == null ? "" : " (SQLSTATE " + sqlState + ")")
                + "; its locks are not known, and the rehearsal stopped there";
    }

    /** "≈200,000 rows, 9.8 MB". */
    public static String size(TableLock lock) {
        return size(lock.rows(), lock.bytes());
    }

    public static String size(long rowCount, long byteCount) {
        String rows = rowCount < 0 ? "rows not counted: never analysed" : "≈" + rows(rowCount);
        return byteCount < 0 ? rows : rows + ", " + bytes(byteCount);
    }

    public static String rows(long rows) {
        if (rows >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f billion rows", rows / 1e9).replace(".0 ", " ");
        }
        if (rows >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.1f million rows", rows / 1e6).replace(".0 ", " ");
        }
        return String.format(Locale.ROOT, "%,d %s", rows, rows == 1 ? "row" : "rows");
    }

    public static String bytes(long bytes) {
        String[] units = {"bytes", "kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0
                ? bytes + " bytes"
                : String.format(Locale.ROOT, "%.1f %s", value, units[unit]).replace(".0 ", " ");
    }
}
