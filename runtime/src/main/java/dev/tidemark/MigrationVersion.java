package dev.tidemark;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A migration version: dotted non-negative integers such as {@code 1}, {@code 1.2} or {@code
 * 2024.06.01.1}. Versions compare numerically segment by segment, so {@code 1 < 1.1 < 1.9 < 1.10
 * < 2}. Trailing zero segments do not count: {@code 1}, {@code 1.0} and {@code 1.0.0} are the same
 * version, and leading zeros are ignored ({@code 2024.06} equals {@code 2024.6}). The text a
 * version was written with is kept for display.
 */
public final class MigrationVersion implements Comparable<MigrationVersion> {

    private static final Pattern SYNTAX = Pattern.compile("\\d+(\\.\\d+)*");

    private final String text;
    private final List<BigInteger> segments;

    private MigrationVersion(String text, List<BigInteger> segments) {
        this.text = text;
        this.segments = segments;
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
        List<BigInteger> segments = new ArrayList<>();
        for (String segment : text.split("\\.")) {
            segments.add(new BigInteger(segment));
        }
        int significant = segments.size();
        while (significant > 1 && segments.get(significant - 1).signum() == 0) {
            significant--;
        }
        return new MigrationVersion(
                text, Collections.unmodifiableList(new ArrayList<>(segments.subList(0, significant))));
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
        if (!SYNTAX.matcher(text).matches()) {
            return "version '" + text + "' is malformed; use dotted numbers such as 1, 1.2 or 2024.06.01.1"
                    + " (digits separated by single dots, no letters, spaces, underscores or leading/trailing dots)";
        }
        return null;
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
        return Objects.hash(segments);
    }
}
