package dev.tidemark.internal.plan;

import dev.tidemark.MigrationVersion;
import dev.tidemark.Setting;

/**
 * How far {@code migrate} goes: {@code latest}, {@code current}, or a version.
 *
 * @param kind which of the three
 * @param version the version for {@link Kind#VERSION}, else null
 */
public record Target(Kind kind, MigrationVersion version) {

    /** The sorts of target. */
    public enum Kind {
        LATEST,
        CURRENT,
        VERSION
    }

    /** Parses the {@link Setting#TARGET} setting. */
    public static Target parse(String text) {
        if (text == null || text.isBlank() || text.strip().equalsIgnoreCase("latest")) {
            return new Target(Kind.LATEST, null);
        }
        String value = text.strip();
        if (value.equalsIgnoreCase("current")) {
            return new Target(Kind.CURRENT, null);
        }
        String problem = MigrationVersion.problemWith(value);
        if (problem != null) {
            throw Setting.TARGET.invalid(
                    "is '" + value + "': " + problem + ".", "Give latest, current, or the version of a migration.");
        }
        return new Target(Kind.VERSION, MigrationVersion.parse(value));
    }

    @Override
    public String toString() {
        return kind == Kind.VERSION ? version.toString() : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
