package dev.tidemark;

import static dev.tidemark.testing.TestManifest.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.TestDatabase;
import dev.tidemark.testing.TestManifest;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A fleet given URLs keeps the sessions of finished targets for the next targets on the same
 * database: fewer server processes, and each target still starts as on a new session.
 */
@NeedsPostgres
@ResourceLock(FleetTest.FLEET_THREADS)
class FleetSessionsTest {

    private static final String APPLICATION = "tidemark-fleet-sessions-test";

    /** Records the session each target's first migration runs in; fails if a target left anything behind. */
    private static final String CHECK_AND_RECORD = "DO $$ BEGIN"
            + " IF to_regclass('pg_temp.leftover') IS NOT NULL THEN RAISE EXCEPTION 'a temporary table was left';"
            + " END IF;"
            + " IF EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"
            + " AND objid = 4242) THEN RAISE EXCEPTION 'an advisory lock was left'; END IF;"
            + " IF current_setting('work_mem') = '7777kB' THEN RAISE EXCEPTION 'a setting was left'; END IF;"
            + " IF current_user <> session_user THEN RAISE EXCEPTION 'a role was left'; END IF;"
            + " END $$;"
            + " INSERT INTO public.seen (schema, pid) VALUES (current_schema(), pg_backend_pid())";

    /**
     * What a migration may leave in its session: a temporary table, a lock, a setting, a role; in
     * schema {@code broken} it then fails, and only the lock outlives the rollback.
     */
    private static final String LEAVE_STATE = "CREATE TEMP TABLE leftover (x int);"
            + " SELECT pg_advisory_lock(4242);"
            + " SET work_mem = '7777kB';"
            + " SET ROLE pg_read_all_data;"
            + " RESET ROLE;"
            + " SET SESSION AUTHORIZATION DEFAULT;"
            + " DO $$ BEGIN IF current_schema() = 'broken' THEN RAISE EXCEPTION 'broken on purpose'; END IF; END $$";

    private static TestManifest manifest() {
        return TestManifest.of(sql("1", "check and record", CHECK_AND_RECORD), sql("2", "leave state", LEAVE_STATE));
    }

    private static void tenants(TestDatabase db, int count) {
        StringBuilder create = new StringBuilder("CREATE TABLE public.seen (schema text, pid int);");
        for (int i = 0; i < count; i++) {
            create.append("CREATE SCHEMA tenant_").append(i).append(';');
        }
        db.execute(create.toString());
    }

    @Test
    void migrate_runsEightTargetsOnTheSessionsOfTheFirstAndEachStartsClean(TestDatabase db) {
        tenants(db, 8);

        FleetResult result = Tidemark.configure()
                .url(db.url())
                .applicationName(APPLICATION)
                .manifests(manifest())
                .schemaPattern("tenant_%")
                .parallelism(2)
                .loadFleet()
                .migrate();

        assertThat(result.ok()).isTrue();
        assertThat(db.queryValue("SELECT count(*) FROM public.seen")).isEqualTo("8");
        // Two targets at a time, two sessions each, and the one that listed the schemas: at most
        // five server processes for eight targets, where each target used to open two of its own.
        assertThat(Integer.parseInt(db.queryValue("SELECT count(DISTINCT pid) FROM public.seen")))
                .isLessThanOrEqualTo(5);
        assertThat(sessionsLeft(db)).isZero();
    }

    @Test
    void migrate_replacesAKeptSessionThatTheServerEndedMeanwhile(TestDatabase db) {
        tenants(db, 3);
        AtomicInteger ended = new AtomicInteger();
        TidemarkListener endKeptSessions = event -> {
            if (event instanceof TidemarkEvent.TargetFinished) {
                ended.addAndGet(Integer.parseInt(db.queryValue("SELECT count(pg_terminate_backend(pid))"
                        + " FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND application_name = '" + APPLICATION + "' AND state = 'idle'")));
            }
        };

        FleetResult result = Tidemark.configure()
                .url(db.url())
                .applicationName(APPLICATION)
                .listener(endKeptSessions)
                .manifests(manifest())
                .schemaPattern("tenant_%")
                .parallelism(1)
                .loadFleet()
                .migrate();

        assertThat(result.ok()).isTrue();
        assertThat(ended.get()).isPositive();
        assertThat(db.queryValue("SELECT count(DISTINCT pid) FROM public.seen")).isEqualTo("3");
        assertThat(sessionsLeft(db)).isZero();
    }

    @Test
    void migrate_failedTargetGivesBackAResetSessionAndTheNextTargetSucceeds(TestDatabase db) {
        tenants(db, 3);
        db.execute("CREATE SCHEMA broken");

        FleetFailedException failure = catchThrowableOfType(
                FleetFailedException.class,
                () -> Tidemark.configure()
                        .url(db.url())
                        .applicationName(APPLICATION)
                        .manifests(manifest())
                        .schemas("broken", "tenant_1", "tenant_2")
                        .parallelism(1)
                        .onTargetFailure(OnTargetFailure.CONTINUE)
                        .loadFleet()
                        .migrate());

        List<TargetResult> targets = failure.result().targets();
        assertThat(targets)
                .extracting(TargetResult::outcome)
                .containsExactly(
                        TargetResult.Outcome.FAILED, TargetResult.Outcome.SUCCEEDED, TargetResult.Outcome.SUCCEEDED);
        assertThat(db.queryValue("SELECT count(*) FROM public.seen")).isEqualTo("3");
        assertThat(db.queryValue("SELECT count(DISTINCT pid) FROM public.seen")).isNotEqualTo("3");
        assertThat(sessionsLeft(db)).isZero();
    }

    /** The fleet's sessions still open on the database once the call returned. */
    private static int sessionsLeft(TestDatabase db) {
        return Integer.parseInt(db.queryValue("SELECT count(*) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND application_name = '" + APPLICATION + "'"));
    }
}
