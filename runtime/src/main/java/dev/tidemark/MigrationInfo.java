package dev.tidemark;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One line of {@link Tidemark#info()}: a migration known to the code, the history, or both.
 *
 * @param version the version
 * @param description the description (from the code when known, else from the history)
 * @param type {@code JAVA}, {@code BASELINE} or {@code UNDO}
 * @param className the migration class, or null for a baseline
 * @param state where it stands
 * @param installedOn when it was applied, or null
 * @param installedBy who applied it, or null
 * @param executionTime how long it took, or null
 * @param checksumMatches whether the recorded checksum equals the code's; null when there is
 *     nothing to compare (pending, baseline, missing from code)
 * @param progress for a non-transactional migration that failed or never finished, what its history
 *     row records of the run (when it started, how many statements completed, where it stopped); for
 *     one marked applied by repair, that remark; otherwise null
 * @param allowedLint the lint rules the migration's code allows, with their reasons, as its manifest
 *     keeps them; empty when it allows none or is not in the code
 */
public record MigrationInfo(
        MigrationVersion version,
        String description,
        String type,
        String className,
        MigrationState state,
        Instant installedOn,
        String installedBy,
        Duration executionTime,
        Boolean checksumMatches,
        String progress,
        List<LintAllowance> allowedLint) {

    public MigrationInfo {
        allowedLint = allowedLint == null ? List.of() : List.copyOf(allowedLint);
    }

    /** A line that allows no lint rule. */
    public MigrationInfo(
            MigrationVersion version,
            String description,
            String type,
            String className,
            MigrationState state,
            Instant installedOn,
            String installedBy,
            Duration executionTime,
            Boolean checksumMatches,
            String progress) {
        this(
                version,
                description,
                type,
                className,
                state,
                installedOn,
                installedBy,
                executionTime,
                checksumMatches,
                progress,
                List.of());
    }

    /** A line without {@code progress}. */
    public MigrationInfo(
            MigrationVersion version,
            String description,
            String type,
            String className,
            MigrationState state,
            Instant installedOn,
            String installedBy,
            Duration executionTime,
            Boolean checksumMatches) {
        this(
                version,
                description,
                type,
                className,
                state,
                installedOn,
                installedBy,
                executionTime,
                checksumMatches,
                null);
    }

    /** This line with {@code allowedLint}. */
    public MigrationInfo withAllowedLint(List<LintAllowance> allowedLint) {
        return new MigrationInfo(
                version,
                description,
                type,
                className,
                state,
                installedOn,
                installedBy,
                executionTime,
                checksumMatches,
                progress,
                allowedLint);
    }
}
