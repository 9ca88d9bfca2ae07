package dev.tidemark.internal.history;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * What a non-transactional migration's history row records of its run (history format 2): the row
 * is written before its first statement and updated before each further one, in auto-commit, so
 * that a run that stops (a failure, a kill, a lost connection) leaves a row saying how far it got.
 * Statements are numbered in the order the migration ran them through its {@code
 * MigrationContext}; each completed one is recorded by a hash of its text, so that a resumed run
 * can check that it skips the same statements.
 *
 * @param state {@link #STARTED}, {@link #FAILED}, {@link #APPLIED} or {@link #REPAIRED}
 * @param statementsDone how many statements completed
 * @param statementsSeen how many statements the run knew of when it stopped: the completed ones,
 *     the one running, and the rest of the script it belonged to; at least {@code statementsDone}
 * @param hashes the hash ({@link #hash}) of each completed statement, in order
 * @param stoppedIn the statement that had started and was not recorded complete (it may have
 *     completed just before the run stopped), or null
 * @param error SQLSTATE and message of the failure, or null when none was caught (a kill)
 * @param backendPid the server process of the session that ran it last
 * @param remarks one line per resume and repair, or null
 */
public record Progress(
        String state,
        int statementsDone,
        int statementsSeen,
        List<String> hashes,
        String stoppedIn,
        String error,
        Integer backendPid,
        String remarks) {

    /** Written before the first statement and kept until the run ends: a crash leaves it so. */
    public static final String STARTED = "STARTED";
    /** A statement failed (or the migration's code threw); the failure is recorded. */
    public static final String FAILED = "FAILED";
    /** Every statement completed. */
    public static final String APPLIED = "APPLIED";
    /** Marked applied by repair after the changes were finished by hand. */
    public static final String REPAIRED = "REPAIRED";

    public Progress {
        hashes = List.copyOf(hashes);
    }

    /** The hash a statement is recorded by: the first 16 hex digits of SHA-256 of its stripped text. */
    public static String hash(String statement) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(statement.strip().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** Joins hashes as the column holds them. */
    static String join(List<String> hashes) {
        return String.join(" ", hashes);
    }

    /** The progress columns starting at {@code first}, or null when the row recorded none. */
    static Progress read(ResultSet row, int first) throws SQLException {
        String state = row.getString(first);
        if (state == null) {
            return null;
        }
        String hashes = row.getString(first + 3);
        int pid = row.getInt(first + 6);
        Integer backendPid = row.wasNull() ? null : pid;
        return new Progress(
                state,
                row.getInt(first + 1),
                row.getInt(first + 2),
                hashes == null || hashes.isBlank() ? List.of() : Arrays.asList(hashes.split(" ")),
                row.getString(first + 4),
                row.getString(first + 5),
                backendPid,
                row.getString(first + 7));
    }
}
