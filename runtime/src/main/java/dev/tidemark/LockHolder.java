package dev.tidemark;

import java.time.Instant;

/**
 * The session that holds Tidemark's advisory lock, as {@code pg_stat_activity} shows it. Fields
 * other than {@code pid} may be null when the server does not show them to the current user.
 *
 * @param pid the server process id of the holder
 * @param applicationName the holder's {@code application_name}
 * @param user the role the holder is connected as
 * @param clientAddress the holder's client address and port, or {@code local}
 * @param since when the holder's session started
 * @param state the holder's state ({@code active}, {@code idle}, {@code idle in transaction} …)
 * @param query the holder's current or last statement, shortened
 */
public record LockHolder(
        int pid, String applicationName, String user, String clientAddress, Instant since, String state, String query) {

    /**
     * What "idle" means for a holder: the lock belongs to the session, not to a statement, and a
     * run holds it on a session of its own that waits while the migrations run on another.
     */
    static final String IDLE = "idle (between two statements of its run: the lock is held by the session, not by"
            + " a statement, and a run keeps that session idle while its migrations run on a second one)";

    /** One line for logs and error messages; an idle holder's state is explained. */
    public String describe() {
        StringBuilder text = new StringBuilder("pid ").append(pid);
        if (applicationName != null && !applicationName.isEmpty()) {
            text.append(", application '").append(applicationName).append('\'');
        }
        if (user != null) {
            text.append(", user ").append(user);
        }
        if (clientAddress != null) {
            text.append(", client ").append(clientAddress);
        }
        if (since != null) {
            text.append(", connected since ").append(since);
        }
        if ("idle".equals(state)) {
            text.append(", ").append(IDLE);
        } else if (state != null) {
            text.append(", ").append(state);
        }
        return text.toString();
    }
}
