package dev.tidemark.internal.execution;

import dev.tidemark.ErrorCode;
import dev.tidemark.MigrationDescriptor;
import dev.tidemark.MigrationFailedException;
import dev.tidemark.MigrationVersion;
import dev.tidemark.TidemarkException;
import dev.tidemark.internal.jdbc.ConnectionFault;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the message of a run that lost its work session, or whose server went away: what happened
 * (a fault of the connection or the server, not of the migration), what {@link ReadBack} read on a
 * new session (whether a commit in flight happened, the version), which of the versions the run
 * reported applied are durable and which were lost, and what to do.
 */
final class LostSessionReport {

    private LostSessionReport() {}

    /** A migration the run reported applied, and the installed rank of its row. */
    record Announced(MigrationVersion version, int rank) {}

    /**
     * The work session was lost during a transactional migration, or its {@code down} when {@code
     * undo} ({@code committing}: while its commit was in flight); {@code state} was read back on a
     * new session, where the row of installed rank {@code rank} is the one the commit would add.
     */
    static MigrationFailedException connectionLost(
            MigrationDescriptor migration,
            boolean undo,
            String statement,
            Throwable failure,
            ConnectionFault fault,
            boolean committing,
            int rank,
            MigrationVersion current,
            List<Announced> announced,
            ReadBack.State state) {
        StringBuilder message = new StringBuilder();
        String row = (undo ? "the undo row of migration " : "the row of migration ") + migration.version();
        message.append(undo ? "Undo of migration " : "Migration ")
                .append(FailureReport.name(migration))
                .append(" did not finish: ")
                .append(fault.happened())
                .append(committing ? " while its commit was in flight.\n" : " while it ran.\n");
        if (statement != null) {
            message.append("Statement:\n")
                    .append(FailureReport.indent(statement))
                    .append('\n');
        }
        message.append("Driver: ").append(FailureReport.driverError(failure)).append('\n');
        message.append("This is a failure of the connection or the server, not of migration ")
                .append(migration.version())
                .append(".\n");
        if (state.read()) {
            if (state.has(rank)) {
                message.append("Read back on a new session, the history holds ")
                        .append(row)
                        .append(": its commit happened before the connection broke");
            } else {
                message.append("Read back on a new session, the history has no ")
                        .append(row.substring("the ".length()))
                        .append(": its transaction was not committed, and nothing of it remains");
            }
            message.append(". The database is at version ")
                    .append(state.current() == null ? "none" : state.current())
                    .append(".\n");
        } else {
            message.append("Tidemark could not read the history back to check the state of the database (")
                    .append(state.problem())
                    .append("). ")
                    .append(
                            committing
                                    ? "The commit of migration " + migration.version() + " had been sent; whether it"
                                            + " happened is unknown.\n"
                                    : "The commit of migration " + migration.version() + " had not been sent, so the"
                                            + " server rolls its transaction back, but Tidemark did not see that"
                                            + " happen.\n");
        }
        durability(message, announced, state);
        if (state.read()) {
            message.append("Nothing needs fixing in migration ")
                    .append(migration.version())
                    .append(
                            undo
                                    ? ". Run undo again once the connection and the server are stable."
                                    : ". Run migrate again once the connection and the server are stable: it applies what is"
                                            + " not applied.");
        } else {
            message.append("Once the server is reachable, run info (or validate) to see the version the database is"
                            + " at, then run ")
                    .append(undo ? "undo" : "migrate")
                    .append(" again.");
        }
        return FailureReport.exception(
                ErrorCode.CONNECTION_LOST,
                message,
                migration,
                statement,
                failure,
                state.read() ? state.current() : current);
    }

    /**
     * The run's last, flushing commit failed; {@code fault} is null when the session was not lost;
     * {@code state} was read back on a new session.
     */
    static TidemarkException barrierFailed(
            SQLException failure, ConnectionFault fault, List<Announced> announced, ReadBack.State state) {
        StringBuilder message = new StringBuilder();
        message.append("The run's last commit, which makes the migrations it applied durable, failed")
                .append(fault == null ? "" : ": " + fault.happened())
                .append(".\n");
        message.append(fault == null ? "PostgreSQL: " : "Driver: ")
                .append(FailureReport.driverError(failure))
                .append('\n');
        if (state.read()) {
            message.append("Read back on a new session, the database is at version ")
                    .append(state.current() == null ? "none" : state.current())
                    .append(".\n");
        } else {
            message.append("Tidemark could not read the history back to check the state of the database (")
                    .append(state.problem())
                    .append(").\n");
        }
        durability(message, announced, state);
        message.append(
                state.read()
                        ? "Run migrate again once the server is stable: it applies what was lost."
                        : "Once the server is reachable, run info (or validate) to see the version the database is at,"
                                + " then run migrate again.");
        return new TidemarkException(ErrorCode.CONNECTION_LOST, message.toString(), failure);
    }

    /**
     * {@code failure}, with what was read back on a new session ({@code state}) about the versions
     * the run reported applied, before its last line (what to do).
     */
    static TidemarkException withDurability(
            TidemarkException failure, List<Announced> announced, ReadBack.State state) {
        String text = failure.getMessage().substring(failure.code().id().length() + 3);
        int last = text.lastIndexOf('\n');
        StringBuilder message = new StringBuilder(text.substring(0, last + 1));
        if (state.read()) {
            message.append("Read back on a new session after a flushing commit, the database is at version ")
                    .append(state.current() == null ? "none" : state.current())
                    .append(".\n");
        } else {
            message.append("Tidemark could not read the history back on a new session either (")
                    .append(state.problem())
                    .append(").\n");
        }
        durability(message, announced, state);
        message.append(text.substring(last + 1));
        return new TidemarkException(failure.code(), message.toString(), failure);
    }

    /**
     * Which of the versions the run reported applied survived: they committed with {@code
     * synchronous_commit = off}, and a crash before the run's flushing commit may take the newest away.
     */
    private static void durability(StringBuilder message, List<Announced> announced, ReadBack.State state) {
        if (announced.isEmpty()) {
            return;
        }
        List<MigrationVersion> durable = new ArrayList<>();
        List<MigrationVersion> lost = new ArrayList<>();
        for (Announced one : announced) {
            (state.has(one.rank()) ? durable : lost).add(one.version());
        }
        if (!state.read()) {
            message.append("This run reported ")
                    .append(announced.size() == 1 ? "version " : announced.size() <= BRIEF ? "versions " : "")
                    .append(brief(versions(announced)))
                    .append(" applied; ")
                    .append(announced.size() == 1 ? "it" : "they")
                    .append(" committed without waiting for the disk (synchronous_commit = off), and the run's"
                            + " flushing commit did not happen: a server crash may have taken ")
                    .append(announced.size() == 1 ? "it" : "the newest of them")
                    .append(" away.\n");
            return;
        }
        message.append("Of the versions this run reported applied, ");
        if (lost.isEmpty()) {
            message.append(durable.size() == 1 ? "the one, " : "all, ")
                    .append(brief(durable))
                    .append(durable.size() == 1 ? ", is" : ", are")
                    .append(" durable.\n");
            return;
        }
        if (!durable.isEmpty()) {
            message.append(brief(durable))
                    .append(durable.size() == 1 ? " is" : " are")
                    .append(" durable, and ");
        }
        message.append(FailureReport.join(lost))
                .append(lost.size() == 1 ? " was" : " were")
                .append(" lost (committed without waiting for the disk, then erased by the server's crash) and will"
                        + " run again.\n");
    }

    /** How many versions a message lists one by one; more are given as a count and a range. */
    private static final int BRIEF = 6;

    /** {@code 1, 2, 3}, or for many {@code 121 versions (1 to 121)}. */
    private static String brief(List<MigrationVersion> versions) {
        if (versions.size() <= BRIEF) {
            return FailureReport.join(versions);
        }
        return versions.size() + " versions (" + versions.get(0) + " to " + versions.get(versions.size() - 1) + ")";
    }

    private static List<MigrationVersion> versions(List<Announced> announced) {
        List<MigrationVersion> versions = new ArrayList<>();
        for (Announced one : announced) {
            versions.add(one.version());
        }
        return versions;
    }
}
