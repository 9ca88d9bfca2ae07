package dev.tidemark;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One repeatable migration ({@code R__<description>.sql}) in {@link Tidemark#info()}: known to the
 * code, the history, or both. It has no version; its description identifies it.
 *
 * @param description the description
 * @param file the file's path in its migration folder (from the history when missing from the code)
 * @param state where it stands
 * @param installedOn when it was last applied, or null
 * @param installedBy who last applied it, or null
 * @param executionTime how long its last run took, or null
 * @param allowedLint the lint rules its file allows ({@code -- tidemark:allow}), with their reasons,
 *     as its manifest's listing says; empty when it allows none or is missing from the code
 */
public record RepeatableInfo(
        String description,
        String file,
        State state,
        Instant installedOn,
        String installedBy,
        Duration executionTime,
        List<LintAllowance> allowedLint) {

    public RepeatableInfo {
        allowedLint = allowedLint == null ? List.of() : List.copyOf(allowedLint);
    }

    /** This line with {@code allowedLint}. */
    public RepeatableInfo withAllowedLint(List<LintAllowance> allowedLint) {
        return new RepeatableInfo(description, file, state, installedOn, installedBy, executionTime, allowedLint);
    }

    /** Where a repeatable migration stands. */
    public enum State {
        /** In the code, never applied: the next migrate applies it, after the versioned migrations. */
        PENDING("pending"),
        /** Applied, and the file has not changed since. */
        APPLIED("applied"),
        /** Applied, but the file changed since: the next migrate applies it again. */
        OUTDATED("outdated"),
        /** Applied in the database, absent from the code. */
        MISSING_FROM_CODE("missing from code");

        private final String label;

        State(String label) {
            this.label = label;
        }

        /** A lower-case label for tables and messages. */
        public String label() {
            return label;
        }
    }
}
