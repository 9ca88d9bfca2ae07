package dev.tidemark;

import static dev.tidemark.testing.TestManifest.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tidemark.internal.fleet.FleetExecutor;
import dev.tidemark.spi.MigrationEntry;
import dev.tidemark.spi.MigrationManifest;
import dev.tidemark.testing.JsonReader;
import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.PostgresExtension;
import dev.tidemark.testing.RecordingListener;
import dev.tidemark.testing.TestDatabase;
import dev.tidemark.testing.TestManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

@NeedsPostgres
@ResourceLock(FleetTest.FLEET_THREADS)
class FleetTest {

    /**
     * The lock of every test class that runs a fleet: {@link #fleetThreads} sees the whole JVM's
     * threads, so a fleet of another class running beside this one would count as a thread left over.
     */
    static final String FLEET_THREADS = "fleet threads";

    static final int MIGRATIONS = 20;

    /** Twenty migrations, each creating table t1 … t20 in the target schema. */
    static MigrationManifest twentyMigrations() {
        List<MigrationEntry> entries = new ArrayList<>();
        for (int i = 1; i <= MIGRATIONS; i++) {
            entries.add(sql(String.valueOf(i), "create t" + i, "CREATE TABLE t" + i + " (id bigint PRIMARY KEY)"));
        }
        return TestManifest.of(entries.toArray(MigrationEntry[]::new));
    }

    static void createSchemas(TestDatabase db, String prefix, int count) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sql.append("CREATE SCHEMA ")
                    .append(prefix)
                    .append(String.format("%03d", i))
                    .append(";");
        }
        db.execute(sql.toString());
    }

    static List<String> fleetThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .filter(name -> name.startsWith(FleetExecutor.THREAD_PREFIX))
                .toList();
    }

    static String version(TestDatabase db, String schema) {
        return db.queryValue("SELECT max(version::int)::text FROM " + schema + ".tidemark_history WHERE success");
    }

    /** Migrates the schemas a pattern selects up to {@code target}, so that a later migration can be broken. */
    static void upTo(TestDatabase db, String target, String pattern) {
        Tidemark.configure()
                .dataSource(db)
                .manifests(twentyMigrations())
                .schemaPattern(pattern)
                .target(target)
                .loadFleet()
                .migrate();
    }

    @Test
    void migrate_bringsTwoHundredTenantSchemasToTheLatestVersionInParallel(TestDatabase db) {
        createSchemas(db, "tenant_", 200);
        db.execute("CREATE SCHEMA other");
        RecordingListener listener = new RecordingListener();

        FleetResult result = Tidemark.configure()
                .dataSource(db)
                .manifests(twentyMigrations())
                .schemaPattern("tenant_%")
                .parallelism(2)
                .listener(listener)
                .loadFleet()
                .migrate();

        assertThat(result.ok()).isTrue();
        assertThat(result.targets()).hasSize(200);
        assertThat(result.targets()).allSatisfy(t -> {
            assertThat(t.outcome()).isEqualTo(TargetResult.Outcome.SUCCEEDED);
            assertThat(t.versionBefore()).isNull();
            assertThat(t.versionAfter()).hasToString("20");
            assertThat(((MigrateResult) t.result()).applied()).hasSize(MIGRATIONS);
        });
        assertThat(result.targets().get(0).schema()).isEqualTo("tenant_000");
        assertThat(
                        db.queryValue(
                                "SELECT count(*) FROM pg_tables WHERE schemaname LIKE 'tenant\\_%' AND tablename ~ '^t[0-9]+$'"))
                .isEqualTo(String.valueOf(200 * MIGRATIONS));
        assertThat(db.queryValue("SELECT count(*) FROM pg_tables WHERE schemaname = 'other'"))
                .isEqualTo("0");
        for (String schema : List.of("tenant_000", "tenant_123", "tenant_199")) {
            assertThat(version(db, schema)).isEqualTo("20");
        }
        List<TidemarkEvent.TargetFinished> progress = listener.events(TidemarkEvent.TargetFinished.class);
        assertThat(progress).hasSize(200);
        assertThat(progress)
                .extracting(TidemarkEvent.TargetFinished::done)
                .containsExactlyInAnyOrderElementsOf(
                        IntStream.rangeClosed(1, 200).boxed().toList());
        assertThat(progress).allSatisfy(p -> assertThat(p.total()).isEqualTo(200));
        assertThat(listener.lines)
                .anyMatch(line -> line.matches(
                        "INFO migrate: 200 of 200 targets done; .*: tenant_\\d{3} succeeded at version 20\\."));
        assertThat(fleetThreads()).isEmpty();

        FleetResult again = Tidemark.configure()
                .dataSource(db)
                .manifests(twentyMigrations())
                .schemaPattern("tenant_%")
                .parallelism(2)
                .loadFleet()
                .migrate();
        assertThat(again.targets()).allSatisfy(t -> {
            assertThat(t.versionBefore()).hasToString("20");
            assertThat(((MigrateResult) t.result()).upToDate()).isTrue();
        });
    }

    @Test
    void migrate_brokenTargetIsReportedAndEveryOtherEndsAtTheLatestVersion(TestDatabase db) {
        createSchemas(db, "tenant_", 6);
        upTo(db, "14", "tenant_%");
        db.execute("CREATE TABLE tenant_003.t15 (id bigint)");

        FleetFailedException failure = catchThrowableOfType(
                FleetFailedException.class,
                () -> Tidemark.configure()
                        .dataSource(db)
                        .manifests(twentyMigrations())
                        .schemaPattern("tenant_%")
                        .parallelism(2)
                        .onTargetFailure(OnTargetFailure.CONTINUE)
                        // The table made by hand is what breaks migration 15, not drift to refuse.
                        .drift(DriftMode.IGNORE)
                        .loadFleet()
                        .migrate());

        FleetResult result = failure.result();
        assertThat(result.succeeded()).hasSize(5);
        assertThat(result.failed()).singleElement().satisfies(broken -> {
            assertThat(broken.schema()).isEqualTo("tenant_003");
            assertThat(broken.errorCode()).isEqualTo("TM-R100");
            assertThat(broken.message()).contains("15", "42P07", "relation \"t15\" already exists");
            assertThat(broken.versionAfter()).hasToString("14");
        });
        assertThat(version(db, "tenant_003")).isEqualTo("14");
        for (String schema : List.of("tenant_000", "tenant_001", "tenant_002", "tenant_004", "tenant_005")) {
            assertThat(version(db, schema)).isEqualTo("20");
        }
        assertThat(failure.code()).isEqualTo(ErrorCode.TARGETS_FAILED);
        assertThat(failure.getMessage())
                .startsWith("[TM-R500] migrate failed on 1 of 6 targets:\n- tenant_003: [TM-R100]")
                .contains("5 succeeded, 1 failed")
                .contains("run migrate() again");
        assertThat(fleetThreads()).isEmpty();

        db.execute("DROP TABLE tenant_003.t15");
        FleetResult repaired = Tidemark.configure()
                .dataSource(db)
                .manifests(twentyMigrations())
                .schemaPattern("tenant_%")
                .loadFleet()
                .migrate();
        assertThat(repaired.targets())
                .extracting(t -> t.versionAfter().toString())
                .containsOnly("20");
        assertThat(repaired.targets().get(3).versionBefore()).hasToString("14");
        assertThat(repaired.targets().get(0).versionBefore()).hasToString("20");
    }

    @Test
    void migrate_withStopStartsNoFurtherTargetAndSaysSo(TestDatabase db) {
        db.execute("CREATE SCHEMA a_broken");
        upTo(db, "1", "a_broken");
        db.execute("CREATE TABLE a_broken.t2 (id bigint)");

        FleetFailedException failure = catchThrowableOfType(
                FleetFailedException.class,
                () -> Tidemark.configure()
                        .dataSource(db)
                        .manifests(twentyMigrations())
                        .schemas("a_broken", "b_tenant", "c_tenant")
                        .drift(DriftMode.IGNORE)
                        .loadFleet()
                        .migrate());

        FleetResult result = failure.result();
        assertThat(result.targets())
                .extracting(TargetResult::schema, TargetResult::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a_broken", TargetResult.Outcome.FAILED),
                        org.assertj.core.groups.Tuple.tuple("b_tenant", TargetResult.Outcome.NOT_STARTED),
                        org.assertj.core.groups.Tuple.tuple("c_tenant", TargetResult.Outcome.NOT_STARTED));
        assertThat(result.failed().get(0).versionAfter()).hasToString("1");
        assertThat(db.queryValue("SELECT count(*) FROM pg_namespace WHERE nspname IN ('b_tenant', 'c_tenant')"))
                .isEqualTo("0");
        assertThat(failure.getMessage()).contains("2 not started and unchanged");
        assertThat(ResultFormat.toText(result))
                .startsWith("migrate on 3 targets (1 at a time) in ")
                .contains(": 0 succeeded, 1 failed, 2 not started.\n")
                .containsPattern("\n  target +before +after +time +result\n")
                .containsPattern("\n  a_broken +\\? +1 +\\d+ ms +FAILED TM-R100\n")
                .containsPattern("\n  b_tenant +- +- +not started\n")
                .containsPattern("\n\n?a_broken:\n  \\[TM-R100\\] Migration 2 'create t2'");
        Map<String, Object> json = JsonReader.object(ResultFormat.toJson(failure));
        assertThat(json).containsEntry("result", "error").containsEntry("code", "TM-R500");
        assertThat(json).containsEntry("command", "migrate").containsEntry("ok", false);
        assertThat(json).containsEntry("failed", 1L).containsEntry("notStarted", 2L);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> targets = (List<Map<String, Object>>) json.get("targets");
        assertThat(targets.get(0))
                .containsEntry("schema", "a_broken")
                .containsEntry("outcome", "FAILED")
                .containsEntry("versionAfter", "1")
                .containsEntry("code", "TM-R100");
        assertThat((String) targets.get(0).get("message")).contains("42P07");
        assertThat(targets.get(1))
                .containsEntry("schema", "b_tenant")
                .containsEntry("outcome", "NOT_STARTED")
                .containsEntry("versionAfter", null);
    }

    @Test
    void migrate_bringsATenantAddedLaterUpToDateOnTheNextRun(TestDatabase db) {
        createSchemas(db, "tenant_", 3);
        Fleet fleet = Tidemark.configure()
                .dataSource(db)
                .manifests(twentyMigrations())
                .schemaQuery("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tenant%' ORDER BY 1")
                .loadFleet();
        fleet.migrate();

        db.execute("CREATE SCHEMA tenant_new");
        FleetResult next = fleet.migrate();

        assertThat(next.targets()).hasSize(4);
        TargetResult added = next.targets().get(3);
        assertThat(added.schema()).isEqualTo("tenant_new");
        assertThat(added.versionBefore()).isNull();
        assertThat(added.versionAfter()).hasToString("20");
        assertThat(next.targets().subList(0, 3))
                .allSatisfy(
                        t -> assertThat(((MigrateResult) t.result()).upToDate()).isTrue());
        assertThat(version(db, "tenant_new")).isEqualTo("20");
    }

    @Test
    void migrate_selectsTheSchemasATableOfTenantsLists(TestDatabase db) {
        createSchemas(db, "tenant_", 4);
        db.execute(
                "CREATE TABLE public.tenants (schema_name text, active boolean);"
                        + "INSERT INTO public.tenants VALUES ('tenant_001', true), ('tenant_002', false), ('tenant_003', true)");

        FleetResult result = Tidemark.configure()
                .dataSource(db)
                .manifests(twentyMigrations())
                .schemaQuery("SELECT schema_name FROM public.tenants WHERE active ORDER BY 1")
                .loadFleet()
                .migrate();

        assertThat(result.targets()).extracting(TargetResult::schema).containsExactly("tenant_001", "tenant_003");
        assertThat(db.queryValue("SELECT count(*) FROM pg_tables WHERE schemaname IN ('tenant_000', 'tenant_002')"))
                .isEqualTo("0");
    }

    @Test
    void migrate_schemaQueryThatFailsIsReportedWithPostgresMessage(TestDatabase db) {
        FleetFailedException failure = catchThrowableOfType(
                FleetFailedException.class,
                () -> Tidemark.configure()
                        .dataSource(db)
                        .manifests(twentyMigrations())
                        .schemaQuery("SELECT name FROM no_such_tenants")
                        .loadFleet()
                        .migrate());

        TargetResult unlisted = failure.result().failed().get(0);
        assertThat(unlisted.schema()).isNull();
        assertThat(unlisted.errorCode()).isEqualTo("TM-R501");
        assertThat(unlisted.message())
                .contains("could not be listed through schemaQuery")
                .contains("SQLSTATE 42P01")
                .contains("\"no_such_tenants\" does not exist")
                .contains("Nothing was run on any target of this database.");
    }

    @Test
    void migrate_patternMatchingNothingFailsBeforeRunningAnything(TestDatabase db) {
        assertThatThrownBy(() -> Tidemark.configure()
                        .dataSource(db)
                        .manifests(twentyMigrations())
                        .schemaPattern("nobody_%")
                        .loadFleet()
                        .migrate())
                .isInstanceOf(TidemarkException.class)
                .hasMessageStartingWith("[TM-R501] schemaPattern(String) 'nobody_%' selected no schema in ")
                .hasMessageContaining("Nothing was run on any target.");
        assertThat(db.queryValue("SELECT count(*) FROM pg_tables WHERE tablename = 'tidemark_history'"))
                .isEqualTo("0");
    }

    @Test
    void migrate_runsOnEveryDatabaseOfUrls(TestDatabase db) {
        TestDatabase second = PostgresExtension.create();
        TestDatabase third = PostgresExtension.create();
        try {
            Tidemark.configure()
                    .url(third.url())
                    .schema("app")
                    .manifests(twentyMigrations())
                    .target("4")
                    .load()
                    .migrate();
            third.execute("CREATE TABLE app.t5 (id bigint)");

            FleetFailedException failure = catchThrowableOfType(
                    FleetFailedException.class,
                    () -> Tidemark.configure()
                            .urls(db.url(), second.url(), third.url())
                            .schema("app")
                            .manifests(twentyMigrations())
                            .parallelism(2)
                            .onTargetFailure(OnTargetFailure.CONTINUE)
                            .drift(DriftMode.IGNORE)
                            .loadFleet()
                            .migrate());

            FleetResult result = failure.result();
            assertThat(result.severalDatabases()).isTrue();
            assertThat(result.targets())
                    .extracting(TargetResult::database)
                    .containsExactly(
                            server(db) + ", database " + db.name(),
                            server(db) + ", database " + second.name(),
                            server(db) + ", database " + third.name());
            assertThat(version(db, "app")).isEqualTo("20");
            assertThat(version(second, "app")).isEqualTo("20");
            assertThat(version(third, "app")).isEqualTo("4");
            assertThat(failure.getMessage())
                    .contains("- " + server(db) + ", database " + third.name() + ": app: [TM-R100]");
            assertThat(fleetThreads()).isEmpty();
        } finally {
            PostgresExtension.drop(second);
            PostgresExtension.drop(third);
        }
    }

    @Test
    void validateAndInfo_reportEachTargetsVersion(TestDatabase db) {
        createSchemas(db, "tenant_", 3);
        Tidemark.configure()
                .dataSource(db)
                .manifests(twentyMigrations())
                .schemas("tenant_000", "tenant_001")
                .loadFleet()
                .migrate();

        Fleet fleet = Tidemark.configure()
                .dataSource(db)
                .manifests(twentyMigrations())
                .schemaPattern("tenant_%")
                .onTargetFailure(OnTargetFailure.CONTINUE)
                .failOnPending(true)
                .loadFleet();
        FleetResult info = fleet.info();
        assertThat(info.targets())
                .extracting(t -> String.valueOf(t.versionAfter()))
                .containsExactly("20", "20", "null");

        FleetFailedException invalid = catchThrowableOfType(FleetFailedException.class, fleet::validate);
        assertThat(invalid.result().failed()).singleElement().satisfies(t -> {
            assertThat(t.schema()).isEqualTo("tenant_002");
            assertThat(t.errorCode()).startsWith("TM-R");
        });
        assertThat(invalid.getMessage()).contains("run validate() again");
    }

    @Test
    void baseline_recordsTheVersionOnEveryTarget(TestDatabase db) {
        createSchemas(db, "tenant_", 3);

        FleetResult result = Tidemark.configure()
                .dataSource(db)
                .manifests(twentyMigrations())
                .schemaPattern("tenant_%")
                .loadFleet()
                .baseline("7");

        assertThat(result.targets())
                .extracting(t -> t.versionAfter().toString())
                .containsOnly("7");
        assertThat(db.queryValue("SELECT type FROM tenant_002.tidemark_history"))
                .isEqualTo("BASELINE");
    }

    @Test
    void withoutTargetSettings_aFleetRunsOnTheConfiguredSchema(TestDatabase db) {
        FleetResult result = Tidemark.configure()
                .dataSource(db)
                .manifests(twentyMigrations())
                .schema("solo")
                .loadFleet()
                .migrate();

        assertThat(result.targets())
                .singleElement()
                .satisfies(t -> assertThat(t.schema()).isEqualTo("solo"));
        assertThat(version(db, "solo")).isEqualTo("20");
    }

    @Test
    void load_refusesTargetSettingsAndLoadFleetRefusesNoParallelism() {
        assertThatThrownBy(() -> Tidemark.configure()
                        .url("jdbc:postgresql://h/d")
                        .schemas("a", "b")
                        .load())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("schemas(String...)")
                .hasMessageContaining("is set, but this command runs on one schema of one database");
        assertThatThrownBy(() -> Tidemark.configure()
                        .url("jdbc:postgresql://h/d")
                        .parallelism(0)
                        .loadFleet())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("is 0: at least one target must run at a time");
        assertThatThrownBy(() -> Tidemark.configure().urls("jdbc:mysql://h/d").loadFleet())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("urls(String...)");
        assertThat(Setting.named("onTargetFailure").parse("Continue")).isEqualTo(OnTargetFailure.CONTINUE);
    }

    /** {@code host:port} of the test server, as the summary names a database's server. */
    private static String server(TestDatabase db) {
        java.net.URI uri = java.net.URI.create(db.url().substring("jdbc:".length()));
        return uri.getHost() + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort());
    }
}
