package dev.tidemark;

import static dev.tidemark.MigrateTest.threeMigrations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.RecordingListener;
import dev.tidemark.testing.SocketWatch;
import dev.tidemark.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Configuration#connectEarly} has no effect: {@code load()} never connects, and each call
 * opens its sessions on the caller's thread, with or without it.
 */
@NeedsPostgres
@SuppressWarnings("deprecation")
class ConnectEarlyTest {

    private static String uniqueName(String prefix) {
        return prefix + Long.toHexString(ThreadLocalRandom.current().nextLong()).toLowerCase(Locale.ROOT);
    }

    /** Pids of the sessions matching {@code condition}, waiting up to 5 s for {@code count} of them. */
    private static List<String> sessionsWhere(TestDatabase db, String condition, int count) throws Exception {
        List<String> pids = List.of();
        for (int i = 0; i < 200; i++) {
            pids = db.query("SELECT pid FROM pg_stat_activity WHERE " + condition).stream()
                    .map(row -> row.get(0))
                    .toList();
            if (pids.size() == count) {
                return pids;
            }
            Thread.sleep(25);
        }
        return pids;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void load_neverConnects_andTheCallConnectsOnItsOwnThread(boolean connectEarly, TestDatabase db) {
        SocketWatch sockets = new SocketWatch();

        Tidemark tidemark = Tidemark.configure()
                .url(sockets.url(db.url()))
                .manifests(threeMigrations())
                .connectEarly(connectEarly)
                .load();
        List<String> openedByLoad = sockets.threads();
        tidemark.info();

        assertThat(openedByLoad).as("sockets opened by load()").isEmpty();
        assertThat(sockets.threads())
                .isNotEmpty()
                .containsOnly(Thread.currentThread().getName());
    }

    @Test
    void connectEarly_toAnUnreachableServer_failsAsWithoutIt() {
        for (boolean early : new boolean[] {false, true}) {
            RecordingListener listener = new RecordingListener();
            TidemarkException failure = catchThrowableOfType(
                    TidemarkException.class,
                    () -> Tidemark.configure()
                            .url("postgres://app:secret@127.0.0.1:1/shop")
                            .connectRetries(2)
                            .connectRetryInterval(Duration.ofMillis(10))
                            .listener(listener)
                            .manifests(threeMigrations())
                            .connectEarly(early)
                            .load()
                            .validate());
            assertThat(failure.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
            assertThat(failure.getMessage())
                    .as("connectEarly " + early)
                    .startsWith("[TM-R010] Cannot connect to 127.0.0.1:1, database shop after 3 attempts");
            List<String> warnings = new ArrayList<>(listener.lines);
            assertThat(warnings).hasSize(2);
            assertThat(warnings.get(0)).contains("(attempt 1 of 3)").endsWith("retrying in 10 ms");
            assertThat(warnings.get(1)).contains("(attempt 2 of 3)").endsWith("retrying in 20 ms");
        }
    }

    @Test
    void connectEarly_withAnUnknownUser_isTheUsualAuthenticationFailure(TestDatabase db) {
        TidemarkException failure = catchThrowableOfType(
                TidemarkException.class,
                () -> Tidemark.configure()
                        .url(db.url())
                        .user(uniqueName("no_such_user_"))
                        .manifests(threeMigrations())
                        .connectEarly(true)
                        .load()
                        .migrate());

        assertThat(failure.code()).isEqualTo(ErrorCode.AUTHENTICATION_FAILED);
        assertThat(failure.getMessage()).contains(" (SQLSTATE 28000: ");
    }

    @Test
    void connectEarly_withADataSource_isIgnored(TestDatabase db) {
        MigrateResult result = Tidemark.configure()
                .dataSource(db)
                .manifests(threeMigrations())
                .connectEarly(true)
                .load()
                .migrate();

        assertThat(result.applied()).hasSize(3);
    }

    @Test
    void validate_withOneConnectionAllowed_checksDrift(TestDatabase db) throws Exception {
        Tidemark.configure().dataSource(db).manifests(threeMigrations()).load().migrate();
        String role = uniqueName("tm_one_session_");
        db.execute("CREATE ROLE " + role + " LOGIN CONNECTION LIMIT 1;"
                + " GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + role);
        try {
            Tidemark tidemark = Tidemark.configure()
                    .url(db.url())
                    .user(role)
                    .manifests(threeMigrations())
                    .connectEarly(true)
                    .load();

            assertThat(tidemark.validate().valid()).isTrue();

            db.execute("ALTER TABLE users ADD COLUMN nickname text");
            // The role's one connection slot frees once the server has ended the last session.
            assertThat(sessionsWhere(db, "usename = '" + role + "'", 0)).isEmpty();
            ValidationException failure = catchThrowableOfType(ValidationException.class, tidemark::validate);
            assertThat(failure.getMessage()).contains("column users.nickname");
        } finally {
            db.execute("DROP OWNED BY " + role + "; DROP ROLE " + role);
        }
    }
}
