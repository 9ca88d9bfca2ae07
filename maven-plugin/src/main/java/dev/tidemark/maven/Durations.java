package dev.tidemark.maven;

import dev.tidemark.ConfigurationException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations from plugin parameters. */
final class Durations {

    private static final Pattern WITH_UNIT = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h)?");

    private Durations() {}

    /**
     * Parses {@code 30} (seconds), {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h} or an ISO-8601
     * duration such as {@code PT30S}.
     *
     * @param parameter the parameter's name, for the error message ({@code lockWait})
     * @return the duration, or null when {@code text} is null or blank
     * @throws ConfigurationException naming the POM element and the property when the text is not a
     *     duration or is negative
     */
    static Duration parse(String parameter, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        Duration duration = null;
        Matcher matcher = WITH_UNIT.matcher(trimmed);
        if (matcher.matches()) {
            try {
                long amount = Long.parseLong(matcher.group(1));
                String unit = matcher.group(2) == null ? "s" : matcher.group(2);
                duration = switch (unit) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "m", "min" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofSeconds(amount);
                };
            } catch (NumberFormatException | ArithmeticException tooLarge) {
                duration = null;
            }
        } else if (trimmed.startsWith("pt") || trimmed.startsWith("p")) {
            try {
                duration = Duration.parse(trimmed.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException notIso) {
                duration = null;
            }
        }
        if (duration == null || duration.isNegative()) {
            throw new ConfigurationException(Parameters.describe(parameter)
                    + " is '" + text + "', which is not a duration: write seconds (30), a number with a unit"
                    + " (500ms, 30s, 5m, 1h) or ISO-8601 (PT30S).");
        }
        return duration;
    }
}
