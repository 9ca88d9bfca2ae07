package dev.tidemark.internal.jdbc;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What PostgreSQL said, read from the driver's exception text alone (no driver classes): the
 * SQLSTATE, the primary message, detail and hint lines, and the error position.
 *
 * @param sqlState the SQLSTATE, or null
 * @param message the primary message without the {@code ERROR:} prefix
 * @param details the driver's {@code Detail:}, {@code Hint:} and {@code Where:} lines
 * @param position the 1-based character position in the statement, or 0 when none
 */
public record ServerError(String sqlState, String message, List<String> details, int position) {

    private static final Pattern POSITION = Pattern.compile("^\\s*Position: (\\d+)\\s*$", Pattern.MULTILINE);

    public static ServerError of(SQLException exception) {
        String text = exception.getMessage() == null ? exception.getClass().getName() : exception.getMessage();
        String[] lines = text.split("\\R");
        String first = lines[0].strip();
        for (String prefix : new String[] {"ERROR: ", "FATAL: ", "PANIC: "}) {
            if (first.startsWith(prefix)) {
                first = first.substring(prefix.length());
            }
        }
        List<String> details = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("Detail:") || line.startsWith("Hint:") || line.startsWith("Where:")) {
                details.add(line);
            }
        }
        Matcher position = POSITION.matcher(text);
        return new ServerError(
                exception.getSQLState(), first, details, position.find() ? Integer.parseInt(position.group(1)) : 0);
    }

    /** {@code SQLSTATE 42703: column "x" does not exist} plus detail and hint lines. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append(sqlState == null ? "error" : "SQLSTATE " + sqlState)
                .append(": ")
                .append(message);
        for (String detail : details) {
            text.append("\n  ").append(detail);
        }
        return text.toString();
    }
}
