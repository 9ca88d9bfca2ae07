package dev.tidemark.processor.lint;

import java.util.Locale;

/** How a lint finding is reported: as a compile error, a warning, a note, or not at all. */
public enum Severity {
    ERROR,
    WARNING,
    NOTE,
    OFF;

    /** The severity spelled {@code error}, {@code warning}, {@code note} or {@code off}; null for others. */
    static Severity parse(String text) {
        for (Severity severity : values()) {
            if (severity.name().equalsIgnoreCase(text.strip())) {
                return severity;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
