package dev.tidemark.internal.analysis;

import java.sql.SQLException;
import java.time.Duration;

/**
 * Told before and after each statement a migration runs through its context, on the same session
 * and in the same transaction, so that it can look at what the statement changed. A statement that
 * fails is followed by no {@link #after}.
 */
public interface StatementProbe {

    StatementProbe NONE = new StatementProbe() {
        @Override
        public void before(int number, String sql) {}

        @Override
        public void after(int number, String sql, Duration time) {}
    };

    /** Statement {@code number} of the migration (from 1) is about to run. */
    void before(int number, String sql) throws SQLException;

    /** Statement {@code number} completed in {@code time}. */
    void after(int number, String sql, Duration time) throws SQLException;
}
