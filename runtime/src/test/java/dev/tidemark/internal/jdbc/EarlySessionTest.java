package dev.tidemark.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@NeedsPostgres
class EarlySessionTest {

    @Test
    void take_givesTheOpenedSessionOnce(TestDatabase database) throws Exception {
        EarlySession early = new EarlySession(Duration.ofMillis(50));
        early.start(database::getConnection);

        try (Connection session = early.take()) {
            Thread.sleep(200); // longer than the lifetime: a taken session is not closed by it
            assertThat(session.isClosed()).isFalse();
            assertThat(session.isValid(5)).isTrue();
            assertThat(early.take()).isNull();
        }
    }

    @Test
    void untaken_isClosedAfterItsLifetime(TestDatabase database) throws Exception {
        EarlySession early = new EarlySession(Duration.ofMillis(50));
        CompletableFuture<Connection> opened = new CompletableFuture<>();
        early.start(opener(database, new CountDownLatch(0), opened));

        assertThat(eventuallyClosed(opened.get(10, TimeUnit.SECONDS))).isTrue();
        assertThat(early.take()).isNull();
    }

    @Test
    void discard_beforeTheSessionIsOpen_closesItOnceOpen(TestDatabase database) throws Exception {
        EarlySession early = new EarlySession(Duration.ofMinutes(1));
        CountDownLatch mayOpen = new CountDownLatch(1);
        CompletableFuture<Connection> opened = new CompletableFuture<>();
        early.start(opener(database, mayOpen, opened));

        early.discard();
        mayOpen.countDown();

        assertThat(eventuallyClosed(opened.get(10, TimeUnit.SECONDS))).isTrue();
        assertThat(early.take()).isNull();
    }

    /** Opens a session of {@code database} once {@code gate} is open, and completes {@code opened} with it. */
    private static EarlySession.Opener opener(
            TestDatabase database, CountDownLatch gate, CompletableFuture<Connection> opened) {
        return () -> {
            awaitQuietly(gate);
            Connection session = database.getConnection();
            opened.complete(session);
            return session;
        };
    }

    @Test
    void take_afterAFailedAttempt_throwsWhatTheAttemptThrew() {
        EarlySession early = new EarlySession(Duration.ofMinutes(1));
        early.start(() -> {
            throw new SQLException("password authentication failed", "28P01");
        });

        assertThatThrownBy(early::take)
                .isInstanceOf(SQLException.class)
                .hasMessage("password authentication failed")
                .extracting(e -> ((SQLException) e).getSQLState())
                .isEqualTo("28P01");
    }

    private static boolean eventuallyClosed(Connection session) throws Exception {
        for (int i = 0; i < 200; i++) {
            if (session.isClosed()) {
                return true;
            }
            Thread.sleep(25);
        }
        return false;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
