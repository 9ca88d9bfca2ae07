package dev.tidemark.internal.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes the history row of one run of a non-transactional migration as it goes (see {@link
 * Progress}). Every write is its own statement on a connection in auto-commit, so each lands at
 * once and stays whatever happens to the run afterwards.
 */
public final class ProgressRow implements AutoCloseable {

    /** Server time as the remarks show it. */
    private static final String NOW = "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";

    private final Connection connection;
    private final String qualified;
    private final int rank;
    private final PreparedStatement progress;

    private ProgressRow(Connection connection, HistoryTable history, int rank) throws SQLException {
        this.connection = connection;
        this.qualified = history.qualifiedName();
        this.rank = rank;
        this.progress = connection.prepareStatement("UPDATE " + qualified
                + " SET statements_done = ?, statements_seen = ?, statement_hashes = ?, stopped_in = ?"
                + " WHERE installed_rank = ?");
    }

    /** Inserts the row of a run that starts now: not successful, {@link Progress#STARTED}, nothing done. */
    public static ProgressRow start(
            Connection connection,
            HistoryTable history,
            int rank,
            String version,
            String description,
            String type,
            String className,
            String checksum,
            String installedBy)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + history.qualifiedName()
                + " (installed_rank, version, description, type, class_name, checksum, installed_by,"
                + " execution_time, success, state, statements_done, statements_seen, statement_hashes,"
                + " backend_pid) VALUES (?, ?, ?, ?, ?, ?, coalesce(?, current_user), 0, false, '"
                + Progress.STARTED + "', 0, 0, '', pg_backend_pid())")) {
            insert.setInt(1, rank);
            insert.setString(2, version);
            insert.setString(3, description);
            insert.setString(4, type);
            insert.setString(5, className);
            HistoryTable.setNullable(insert, 6, checksum);
            HistoryTable.setNullable(insert, 7, installedBy);
            insert.executeUpdate();
        }
        return new ProgressRow(connection, history, rank);
    }

    /**
     * Marks the row of a run that stopped as {@link Progress#STARTED} again, by this session, for a
     * run that resumes after its {@code done} completed statements; adds a remark saying so.
     */
    public static ProgressRow resume(
            Connection connection, HistoryTable history, int rank, int done, String installedBy) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + history.qualifiedName()
                + " SET state = '" + Progress.STARTED + "', stopped_in = NULL, error = NULL,"
                + " backend_pid = pg_backend_pid(), remarks = coalesce(remarks || E'\\n', '')"
                + " || format('resumed on %s by %s after %s', " + NOW
                + ", coalesce(?, current_user), ?) WHERE installed_rank = ?")) {
            HistoryTable.setNullable(update, 1, installedBy);
            update.setString(2, done == 1 ? "1 completed statement" : done + " completed statements");
            update.setInt(3, rank);
            update.executeUpdate();
        }
        return new ProgressRow(connection, history, rank);
    }

    /**
     * Before a statement runs: records the statements completed so far, how many the run knows
     * of, and the statement about to run.
     */
    public void starting(List<String> hashes, int seen, String statement) throws SQLException {
        progress.setInt(1, hashes.size());
        progress.setInt(2, seen);
        progress.setString(3, Progress.join(hashes));
        progress.setString(4, statement);
        progress.setInt(5, rank);
        progress.executeUpdate();
    }

    /** The run failed: records how far it got, the statement that failed (or null) and why. */
    public void failed(List<String> hashes, int seen, String statement, String error, long millis) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + qualified
                + " SET state = '" + Progress.FAILED + "', statements_done = ?, statements_seen = ?,"
                + " statement_hashes = ?, stopped_in = ?, error = ?, execution_time = execution_time + ?"
                + " WHERE installed_rank = ?")) {
            update.setInt(1, hashes.size());
            update.setInt(2, Math.max(seen, hashes.size()));
            update.setString(3, Progress.join(hashes));
            HistoryTable.setNullable(update, 4, statement);
            HistoryTable.setNullable(update, 5, error);
            update.setInt(6, (int) Math.min(Integer.MAX_VALUE, millis));
            update.setInt(7, rank);
            update.executeUpdate();
        }
    }

    /**
     * Every statement completed: the row becomes a successful one, with the checksum of the code
     * that completed it (a resumed run's code may differ from the first run's after a fix).
     */
    public void finished(List<String> hashes, String checksum, long millis) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + qualified
                + " SET success = true, state = '" + Progress.APPLIED + "', statements_done = ?,"
                + " statements_seen = ?, statement_hashes = ?, stopped_in = NULL, error = NULL, checksum = ?,"
                + " execution_time = execution_time + ? WHERE installed_rank = ?")) {
            update.setInt(1, hashes.size());
            update.setInt(2, hashes.size());
            update.setString(3, Progress.join(hashes));
            HistoryTable.setNullable(update, 4, checksum);
            update.setInt(5, (int) Math.min(Integer.MAX_VALUE, millis));
            update.setInt(6, rank);
            update.executeUpdate();
        }
    }

    /**
     * Repair's "mark applied": the failed or unfinished row at {@code rank} becomes successful, in
     * state {@link Progress#REPAIRED}, with the code's checksum and a remark naming who and when;
     * what the run recorded (statements, error) stays as evidence. In the connection's transaction.
     */
    public static void markRepaired(
            Connection connection, HistoryTable history, int rank, String checksum, String repairedBy)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + history.qualifiedName()
                + " SET success = true, state = '" + Progress.REPAIRED + "', checksum = ?,"
                + " remarks = coalesce(remarks || E'\\n', '') || format('marked applied by repair on %s by %s'"
                + " || CASE WHEN state IS NULL THEN '' ELSE ' (it was ' || lower(state)"
                + " || ' after ' || coalesce(statements_done, 0) || ' completed statement'"
                + " || CASE WHEN statements_done = 1 THEN ')' ELSE 's)' END END, " + NOW
                + ", coalesce(?, current_user)) WHERE installed_rank = ?")) {
            HistoryTable.setNullable(update, 1, checksum);
            HistoryTable.setNullable(update, 2, repairedBy);
            update.setInt(3, rank);
            update.executeUpdate();
        }
    }

    @Override
    public void close() throws SQLException {
        progress.close();
    }
}
