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

@NeedsPostgres
class ConnectEarlyTest {

    private static String uniqueName(String prefix) {
        return prefix + Long.toHexString(ThreadLocalRandom.current().nextLong()).toLowerCase(Locale.ROOT);
    }

    /** Pids of the sessions named {@code applicationName}, waiting up to 5 s for {@code count} of them. */
    private static List<String> sessionsOf(TestDatabase db, String applicationName, int count) throws Exception {
        return sessionsWhere(db, "application_name = '" + applicationName + "'", count);
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

    @Test
    void connectEarly_loadOpensTheSessionTheFirstCallTakesAndCloses(TestDatabase db) throws Exception {
        Tidemark.configure().dataSource(db).manifests(threeMigrations()).load().migrate();
        String name = uniqueName("tm_early_");

        Tidemark tidemark = Tidemark.configure()
                .url(db.url())
                .applicationName(name)
                .manifests(threeMigrations())
                .connectEarly(true)
                .load();
        List<String> opened = sessionsOf(db, name, 1);
        InfoResult info = tidemark.info();

        assertThat(opened).as("the session load() opened").hasSize(1);
        assertThat(info.currentVersion()).hasToString("3");
        // Taken and closed by info(), not left to wait out its 10 s for a call.
        assertThat(sessionsOf(db, name, 0)).isEmpty();
    }

    @Test
    void withoutConnectEarly_loadDoesNotConnect(TestDatabase db) {
        SocketWatch sockets = new SocketWatch();

        Tidemark tidemark = Tidemark.configure()
                .url(sockets.url(db.url()))
                .manifests(threeMigrations())
                .load();
        // A session load() had started opening would be taken by this call, which waits for it:
        // every socket is created by now, and one opened early is opened by another thread.
        tidemark.info();

        assertThat(sockets.threads())
                .isNotEmpty()
                .containsOnly(Thread.currentThread().getName());
    }

    @Test
    void connectEarly_toAnUnreachableServer_failsAsWithoutIt_countingTheEarlyAttempt() {
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
    void validate_whenNoSecondSessionCanBeHad_stillChecksDriftOnTheOneItHas(TestDatabase db) throws Exception {
        Tidemark.configure().dataSource(db).manifests(threeMigrations()).load().migrate();
        String role = uniqueName("tm_one_session_");
        db.execute("CREATE ROLE " + role + " LOGIN CONNECTION LIMIT 1;"
                + " GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + role);
        try {
            RecordingListener listener = new RecordingListener();
            Tidemark tidemark = Tidemark.configure()
                    .url(db.url())
                    .user(role)
                    .listener(listener)
                    .manifests(threeMigrations())
                    .connectEarly(true)
                    .load();

            assertThat(tidemark.validate().valid()).isTrue();
            assertThat(listener.all()).contains("No second session for the drift check's reads (SQLSTATE 53300)");

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
