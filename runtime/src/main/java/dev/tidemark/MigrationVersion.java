package dev.tidemark;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A migration version: dotted non-negative integers such as {@code 1}, {@code 1.2} or {@code
 * 2024.06.01.1}. Versions compare numerically segment by segment, so {@code 1 < 1.1 < 1.9 < 1.10
 * < 2}. Trailing zero segments do not count: {@code 1}, {@code 1.0} and {@code 1.0.0} are the same
 * version, and leading zeros are ignored ({@code 2024.06} equals {@code 2024.6}). The text a
 * version was written with is kept for display.
 */
public final class MigrationVersion implements Comparable<MigrationVersion> {

    private final String text;
    private final List<BigInteger> segments;
    private final int hash;

    private MigrationVersion(String text, List<BigInteger> segments) {
        this.text = text;
        this.segments = segments;
        this.hash = segments.hashCode();
    }

    /**
     * Parses a version.
     *
     * @throws IllegalArgumentException with a message that says what is wrong and what a valid
     *     version looks like
     */
    public static MigrationVersion parse(String text) {
        String problem = problemWith(text);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        // One pass over text known to be digits separated by single dots: manifests and histories
        // hold thousands of versions, parsed on every run.
        List<BigInteger> segments = new ArrayList<>(4);
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '.') {
                segments.add(
                        i - start <= 18
                                ? BigInteger.valueOf(Long.parseLong(text, start, i, 10))
                                : new BigInteger(text.substring(start, i)));
                start = i + 1;
            }
        }
        int significant = segments.size();
        while (significant > 1 && segments.get(significant - 1).signum() == 0) {
            significant--;
        }
        return new MigrationVersion(text, List.copyOf(segments.subList(0, significant)));
    }

    /** Whether {@code text} is a valid version. */
    public static boolean isValid(String text) {
        return problemWith(text) == null;
    }

    /**
     * Says what is wrong with {@code text} as a version, or returns {@code null} when it is valid.
     */
    public static String problemWith(String text) {
        if (text == null || text.isEmpty()) {
            return "version is empty; use dotted numbers such as 1, 1.2 or 2024.06.01.1";
        }
        if (!wellFormed(text)) {
            return "version '" + text + "' is malformed; use dotted numbers such as 1, 1.2 or 2024.06.01.1"
                    + " (digits separated by single dots, no letters, spaces, underscores or leading/trailing dots)";
        }
        return null;
    }

    /** Digits separated by single dots: no empty segment, nothing else (ASCII digits only). */
    private static boolean wellFormed(String text) {
        boolean digitBefore = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digitBefore = true;
            } else if (c == '.' && digitBefore) {
                digitBefore = false;
            } else {
                return false;
            }
        }
        return digitBefore;
    }

    /** The version as it was written. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public int compareTo(MigrationVersion other) {
        int common = Math.max(segments.size(), other.segments.size());
        for (int i = 0; i < common; i++) {
            BigInteger mine = i < segments.size() ? segments.get(i) : BigInteger.ZERO;
            BigInteger theirs = i < other.segments.size() ? other.segments.get(i) : BigInteger.ZERO;
            int order = mine.compareTo(theirs);
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    /** Versions are equal when they compare equal: {@code 1.0} equals {@code 1}. */
    @Override
    public boolean equals(Object other) {
        return other instanceof MigrationVersion version && segments.equals(version.segments);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
