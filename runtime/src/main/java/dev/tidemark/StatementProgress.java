package dev.tidemark;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A migration statement that has been running for a while, and what it waits on, as another
 * session read it from {@code pg_stat_activity} while the statement ran.
 *
 * @param migration the migration running the statement
 * @param statementNumber the statement's place among those the migration ran through its context, from 1
 * @param statement the statement's SQL
 * @param runningFor how long the statement had run when it was looked at
 * @param waitEventType {@code pg_stat_activity.wait_event_type} of the migration's session ({@code
 *     Lock}, {@code IO}, {@code Timeout} …), or null when it waits on nothing or was not read
 * @param waitEvent {@code pg_stat_activity.wait_event} ({@code relation}, {@code DataFileRead},
 *     {@code PgSleep} …), or null
 * @param blockers for a lock wait, the sessions {@code pg_blocking_pids} names; otherwise empty
 * @param unobserved why the session could not be looked at, or null when it was
 */
public record StatementProgress(
        MigrationDescriptor migration,
        int statementNumber,
        String statement,
        Duration runningFor,
        String waitEventType,
        String waitEvent,
        List<Blocker> blockers,
        String unobserved) {

    private static final int SHOWN_CHARACTERS = 200;

    public StatementProgress {
        blockers = List.copyOf(blockers);
    }

    /**
     * A session the statement waits for, as {@code pg_stat_activity} shows it; fields other than
     * {@code pid} may be null when the server does not show them to the current user.
     *
     * @param pid the blocking session's server process id
     * @param applicationName its {@code application_name}
     * @param state its state ({@code active}, {@code idle in transaction} …)
     * @param query its current or last statement, shortened
     */
    public record Blocker(int pid, String applicationName, String state, String query) {

        /** One phrase for a progress line. */
        public String describe() {
            StringBuilder text = new StringBuilder("pid ").append(pid);
            if (applicationName != null && !applicationName.isEmpty()) {
                text.append(" (application '").append(applicationName).append('\'');
            } else {
                text.append(" (no application name");
            }
            if (state != null) {
                text.append(", ").append(state);
            }
            if (query != null && !query.isBlank()) {
                text.append(state != null && state.startsWith("idle") ? ", last statement: " : ", running: ")
                        .append(shorten(query));
            }
            return text.append(')').toString();
        }
    }

    /** The progress line: migration, statement number, time so far, what it waits on, and the statement. */
    public String describe() {
        StringBuilder text = new StringBuilder("Migration ")
                .append(migration.version())
                .append(" '")
                .append(migration.description())
                .append("', statement ")
                .append(statementNumber)
                .append(", has run for ")
                .append(format(runningFor))
                .append(": ");
        if (unobserved != null) {
            text.append("what it waits on cannot be read (").append(unobserved).append(')');
        } else if (waitEventType == null) {
            text.append("working, with no wait event");
        } else {
            boolean lock = "Lock".equals(waitEventType);
            text.append(lock ? "waiting for a lock (" : "waiting on ").append(waitEventType);
            if (waitEvent != null) {
                text.append(':').append(waitEvent);
            }
            if (lock) {
                text.append(')');
                if (blockers.isEmpty()) {
                    text.append(" held by a session this user cannot see");
                } else {
                    text.append(" held by ");
                    for (int i = 0; i < blockers.size(); i++) {
                        text.append(i == 0 ? "" : i == blockers.size() - 1 ? " and " : ", ")
                                .append(blockers.get(i).describe());
                    }
                }
            }
        }
        return text.append(". Statement: ").append(shorten(statement)).toString();
    }

    /** The SQL on one line, cut after {@value #SHOWN_CHARACTERS} characters. */
    static String shorten(String sql) {
        String line = sql.strip().replaceAll("\\s+", " ");
        return line.length() <= SHOWN_CHARACTERS ? line : line.substring(0, SHOWN_CHARACTERS) + " …";
    }

    private static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        return seconds / 60 + " min " + seconds % 60 + " s";
    }
}
