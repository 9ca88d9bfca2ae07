package dev.tidemark.internal.analysis;

import dev.tidemark.Setting;
import dev.tidemark.StatementAnalysis;
import dev.tidemark.StatementAnalysis.TableLock;
import java.util.Locale;

/**
 * The size above which a statement may not hold ACCESS EXCLUSIVE on an existing table: bytes
 * ({@code 1GB}, {@code 500MB}, 1024-based as PostgreSQL's {@code pg_size_pretty}) or rows ({@code
 * 1000000rows}).
 */
public record SizeLimit(long amount, boolean rows, String text) {

    /** Reads a limit; null or blank is no limit. */
    public static SizeLimit parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String s = value.strip().toLowerCase(Locale.ROOT).replace(" ", "").replace("_", "");
        int digits = 0;
        while (digits < s.length() && Character.isDigit(s.charAt(digits))) {
            digits++;
        }
        String unit = s.substring(digits);
        long factor = switch (unit) {
            case "", "b", "bytes", "rows", "row" -> 1L;
            case "kb" -> 1L << 10;
            case "mb" -> 1L << 20;
            case "gb" -> 1L << 30;
            case "tb" -> 1L << 40;
            default -> -1L;
        };
        if (digits == 0 || factor < 0 || unit.isEmpty()) {
            throw Setting.FAIL_ON_EXCLUSIVE_LOCK_ABOVE.invalid(
                    "is '" + value + "': not a size.",
                    "Give a size such as 1GB, 500MB or 64kB, or a number of rows such as 1000000rows.");
        }
        try {
            long amount = Math.multiplyExact(Long.parseLong(s.substring(0, digits)), factor);
            return new SizeLimit(amount, unit.startsWith("row"), value.strip());
        } catch (NumberFormatException | ArithmeticException e) {
            throw Setting.FAIL_ON_EXCLUSIVE_LOCK_ABOVE.invalid(
                    "is '" + value + "': too large.", "Give a smaller size.");
        }
    }

    /** The existing table above the limit that {@code statement} holds ACCESS EXCLUSIVE on, or null. */
    public TableLock exceededBy(StatementAnalysis statement) {
        for (TableLock lock : statement.locks()) {
            if (lock.accessExclusive() && !lock.created() && (rows ? lock.rows() : lock.bytes()) > amount) {
                return lock;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return text;
    }
}
