package dev.tidemark.internal.fleet;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Keeps the sessions of a fleet's finished targets open for its next targets on the same database,
 * for the length of one fleet call. Each PostgreSQL session is a server process of its own: starting
 * one and ending it costs the server about 20 ms of CPU on the benchmark's machine (pgbench {@code -C}),
 * and every target needs two (the lock session and the work session), so 200 tenants opened 400
 * sessions, 8 s of a run of 40. With reuse, a fleet opens two sessions per target running at once.
 *
 * <p>Only sessions the {@code Connector} opened through the driver are kept, never a DataSource's
 * (its pool decides). A session comes back through {@code Connector.close}: an open transaction is
 * rolled back and then {@code DISCARD ALL} resets everything a target or its migrations could have
 * left in it (settings and role, temporary tables, prepared statements, advisory locks, listens), so
 * the next target starts as on a new session; a session that cannot be reset so is closed instead.
 * Before a kept session is handed out again, the driver checks that the server has not ended it
 * meanwhile. At most {@code capacity} sessions wait; beyond that the longest waiting is closed, so a
 * fleet over many databases does not hold sessions on the databases it is done with. {@link #close}
 * closes every waiting session.
 */
public final class SessionReuse implements AutoCloseable {

    private static final int VALID_SECONDS = 5;

    private final int capacity;
    /** The sessions waiting to be reused, the most recently given back first. Guarded by {@code this}. */
    private final Deque<Kept> waiting = new ArrayDeque<>();
    /** Every session opened for reuse and not closed yet, with the database and user it belongs to. */
    private final Map<Connection, String> opened = Collections.synchronizedMap(new IdentityHashMap<>());

    private boolean closed;

    /** Keeps up to {@code capacity} sessions waiting. */
    public SessionReuse(int capacity) {
        this.capacity = capacity;
    }

    private record Kept(String database, Connection session) {}

    /**
     * A waiting session of {@code database} (its URL and user) that is still open, or null when there
     * is none and a new one must be opened (and then {@link #opened}).
     */
    public Connection take(String database) {
        while (true) {
            Connection session = null;
            synchronized (this) {
                for (Iterator<Kept> each = waiting.iterator(); each.hasNext(); ) {
                    Kept kept = each.next();
                    if (kept.database().equals(database)) {
                        each.remove();
                        session = kept.session();
                        break;
                    }
                }
            }
            if (session == null) {
                return null;
            }
            if (alive(session)) {
                return session;
            }
            closeQuietly(session);
        }
    }

    /** Records a session just opened for {@code database}, so that it may come back here. */
    public void opened(Connection session, String database) {
        opened.put(session, database);
    }

    /**
     * Takes back a session that {@link #opened} recorded, resets it and keeps it for the next target,
     * or closes it; returns false for any other session, which the caller closes itself.
     */
    public boolean giveBack(Connection session) {
        String database = opened.get(session);
        if (database == null) {
            return false;
        }
        if (!reset(session)) {
            closeQuietly(session);
            return true;
        }
        List<Connection> beyond = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                beyond.add(session);
            } else {
                waiting.addFirst(new Kept(database, session));
                while (waiting.size() > capacity) {
                    beyond.add(waiting.removeLast().session());
                }
            }
        }
        beyond.forEach(this::closeQuietly);
        return true;
    }

    /** Closes every waiting session; a session given back later is closed then. */
    @Override
    public void close() {
        List<Connection> all = new ArrayList<>();
        synchronized (this) {
            closed = true;
            waiting.forEach(kept -> all.add(kept.session()));
            waiting.clear();
        }
        all.forEach(this::closeQuietly);
    }

    private static boolean reset(Connection session) {
        try {
            if (session.isClosed()) {
                return false;
            }
            if (!session.getAutoCommit()) {
                session.rollback();
                session.setAutoCommit(true);
            }
            try (Statement statement = session.createStatement()) {
                statement.execute("DISCARD ALL");
            }
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static boolean alive(Connection session) {
        try {
            return session.isValid(VALID_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }

    private void closeQuietly(Connection session) {
        opened.remove(session);
        try {
            session.close();
        } catch (SQLException e) {
            // A session that cannot even close is gone either way.
        }
    }
}
