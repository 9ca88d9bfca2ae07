package dev.tidemark.internal.execution;

import dev.tidemark.internal.config.RunSettings;
import dev.tidemark.internal.jdbc.Connector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The migrate runs of one {@code Tidemark} in progress, so that another thread (a JVM shutdown hook
 * on Ctrl-C) can stop them: each run is marked stopped, so it starts no further statement or
 * migration, and the statement its work session runs is cancelled from a session of its own, with
 * {@code pg_cancel_backend}. A transactional migration is then rolled back, a non-transactional one
 * recorded as failed where it stopped, each with its usual message.
 */
public final class Cancellation {

    private final Set<Run> runs = ConcurrentHashMap.newKeySet();

    /** Registers a run; close the returned handle when it ends. */
    public Run start(RunSettings settings) {
        Run run = new Run(this, settings);
        runs.add(run);
        return run;
    }

    /**
     * Stops every run in progress. Returns whether a statement was running and was cancelled;
     * errors of the cancelling session are not thrown: the run stops at its next statement anyway.
     */
    public boolean cancelAll() {
        boolean cancelled = false;
        for (Run run : runs) {
            run.stopped = true;
            if (run.pid != 0 && run.inMigration) {
                cancelled |= run.cancelStatement();
            }
        }
        return cancelled;
    }

    /** One run: whether it was asked to stop, and the server process of its work session once known. */
    public static final class Run implements AutoCloseable {

        private final Cancellation owner;
        private final RunSettings settings;
        private volatile boolean stopped;
        private volatile int pid;
        private volatile boolean inMigration;

        private Run(Cancellation owner, RunSettings settings) {
            this.owner = owner;
            this.settings = settings;
        }

        void workSession(int pid) {
            this.pid = pid;
        }

        void inMigration(boolean inMigration) {
            this.inMigration = inMigration;
        }

        boolean stopped() {
            return stopped;
        }

        /** A gate that refuses the next statement once the run is stopped, then asks {@code next}. */
        StatementGate guard(StatementGate next) {
            return (number, statement, more) -> {
                if (stopped) {
                    throw new StopRequested();
                }
                return next.runs(number, statement, more);
            };
        }

        private boolean cancelStatement() {
            Connector connector = new Connector(settings);
            try {
                Connection session = connector.openOnce();
                try (PreparedStatement cancel = session.prepareStatement("SELECT pg_cancel_backend(?)")) {
                    cancel.setInt(1, pid);
                    cancel.execute();
                    return true;
                } finally {
                    connector.close(session);
                }
            } catch (SQLException | RuntimeException e) {
                return false;
            }
        }

        @Override
        public void close() {
            owner.runs.remove(this);
        }
    }

    /** Thrown instead of running a statement once the run was asked to stop. */
    static final class StopRequested extends SQLException {
        private static final long serialVersionUID = 1L;

        StopRequested() {
            super("Tidemark was asked to stop before this statement started", "57014");
        }
    }
}
