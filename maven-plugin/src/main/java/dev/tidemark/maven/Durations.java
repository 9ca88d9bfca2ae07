package dev.tidemark.maven;

import java.time.Duration;
import java.util.Locale;

/** Writes durations for people. (The catalog, {@link dev.tidemark.Setting#parse}, reads them.) */
final class Durations {

    private Durations() {}

    /** {@code 45 ms}, {@code 1.2 s}, {@code 2 min 5 s}. */
    static String format(Duration duration) {
        if (duration == null) {
            return "";
        }
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = duration.toSeconds();
        if (seconds < 3600) {
            return (seconds / 60) + " min " + (seconds % 60) + " s";
        }
        return (seconds / 3600) + " h " + (seconds % 3600 / 60) + " min";
    }
}
