package dev.tidemark.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.LockWaitTimeoutException;
import dev.tidemark.MigrationFailedException;
import dev.tidemark.Tidemark;
import dev.tidemark.TidemarkException;
import dev.tidemark.ValidationException;
import dev.tidemark.internal.lock.MigrationLock;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;

@Tag("database")
class TidemarkAutoConfigurationTest {

    private EmptyDatabase database;
    private ApplicationContextRunner runner;

    @BeforeEach
    void createDatabase() {
        database = new EmptyDatabase();
        runner = new ApplicationContextRunner()
                .withConfiguration(BootVersions.jdbc())
                .withConfiguration(AutoConfigurations.of(TidemarkAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + database.url());
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    /** Reads the migrated table while it is constructed: before any migration, it would fail. */
    static final class GreetingReader {
        final String greeting;

        GreetingReader(JdbcTemplate jdbc) {
            greeting = jdbc.queryForObject("SELECT text FROM greeting WHERE id = 1", String.class);
        }
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class ReaderConfiguration {
        @Bean
        GreetingReader greetingReader(JdbcTemplate jdbc) {
            return new GreetingReader(jdbc);
        }
    }

    @Test
    void migrate_runsBeforeABeanThatQueriesThroughJdbcTemplateAtConstruction() {
        runner.withUserConfiguration(ReaderConfiguration.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(GreetingReader.class).greeting).isEqualTo("hello");
            assertThat(database.query("SELECT max(version) FROM tidemark_history"))
                    .isEqualTo("2");
        });
    }

    /** A plain JDBC user says so with Spring Boot's own annotation, and is ordered the same way. */
    static final class PlainJdbcReader {
        final String greeting;

        PlainJdbcReader(DataSource dataSource) throws Exception {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement statement = connection.prepareStatement("SELECT text FROM greeting");
                    var rows = statement.executeQuery()) {
                rows.next();
                greeting = rows.getString(1);
            }
        }
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class PlainJdbcConfiguration {
        @Bean
        @org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization
        PlainJdbcReader plainJdbcReader(DataSource dataSource) throws Exception {
            return new PlainJdbcReader(dataSource);
        }
    }

    @Test
    void migrate_runsBeforeAPlainJdbcBeanMarkedDependsOnDatabaseInitialization() {
        runner.withUserConfiguration(PlainJdbcConfiguration.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(PlainJdbcReader.class).greeting).isEqualTo("hello");
        });
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class UnmarkedPlainJdbcConfiguration {
        @Bean
        PlainJdbcReader plainJdbcReader(DataSource dataSource) throws Exception {
            return new PlainJdbcReader(dataSource);
        }
    }

    /** Flyway's users must mark such a bean; Tidemark's need not. */
    @Test
    void migrate_runsBeforeAnUnmarkedPlainJdbcBeanThatTakesTheDataSource() {
        runner.withUserConfiguration(UnmarkedPlainJdbcConfiguration.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(PlainJdbcReader.class).greeting).isEqualTo("hello");
        });
    }

    /** A component that takes the DataSource in its constructor, registered by class, not by a @Bean method. */
    @Test
    void migrate_runsBeforeAnUnmarkedComponentThatTakesTheDataSourceInItsConstructor() {
        runner.withBean(PlainJdbcReader.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(PlainJdbcReader.class).greeting).isEqualTo("hello");
        });
    }

    @Test
    void validate_refusesToStartWhenMigrationsArePending() {
        runner.withPropertyValues("tidemark.mode=validate").run(context -> {
            assertThat(context).hasFailed();
            ValidationException failure = rootTidemarkFailure(context.getStartupFailure(), ValidationException.class);
            assertThat(failure.getMessage()).contains("pending");
            FailureAnalysis analysis = new TidemarkFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains(failure.code().id()).contains("pending");
            assertThat(analysis.getAction())
                    .isEqualTo("The application was started with tidemark.mode=validate, which refuses to start"
                            + " while migrations are pending (it sets tidemark.fail-on-pending=true): apply them"
                            + " first, with the deploy step that migrates or by running the application with"
                            + " tidemark.mode=migrate once, then start it again.");
            assertThat(database.query("SELECT to_regclass('greeting')::text")).isNull();
        });
    }

    @Test
    void validate_startsOnAMigratedDatabase() {
        runner.run(context -> assertThat(context).hasNotFailed());
        runner.withPropertyValues("tidemark.mode=validate")
                .withUserConfiguration(ReaderConfiguration.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(GreetingReader.class).greeting).isEqualTo("hello");
                });
    }

    @Test
    void validate_refusesToStartWhenAnAppliedMigrationWasEdited() {
        runner.run(context -> assertThat(context).hasNotFailed());
        database.execute("UPDATE tidemark_history SET checksum = 'v1:0000' WHERE version = '1'");
        runner.withPropertyValues("tidemark.mode=validate").run(context -> {
            assertThat(context).hasFailed();
            ValidationException failure = rootTidemarkFailure(context.getStartupFailure(), ValidationException.class);
            assertThat(failure.getMessage()).contains("CreateGreeting");
        });
    }

    @Test
    void validate_refusesToStartWhenTheSchemaDrifted() {
        runner.run(context -> assertThat(context).hasNotFailed());
        database.execute("ALTER TABLE greeting ADD COLUMN added_by_hand text");
        runner.withPropertyValues("tidemark.mode=validate").run(context -> {
            assertThat(context).hasFailed();
            TidemarkException failure = rootTidemarkFailure(context.getStartupFailure(), TidemarkException.class);
            assertThat(failure.getMessage()).contains("added_by_hand");
        });
    }

    @Test
    void migrationFailure_stopsStartUpWithTheStatementAndSqlState() {
        runner.withPropertyValues("tidemark.target=1")
                .run(context -> assertThat(context).hasNotFailed());
        database.execute("INSERT INTO greeting (id, text) VALUES (1, 'by hand')");
        runner.withUserConfiguration(ReaderConfiguration.class).run(context -> {
            assertThat(context).hasFailed();
            MigrationFailedException failure =
                    rootTidemarkFailure(context.getStartupFailure(), MigrationFailedException.class);
            FailureAnalysis analysis = new TidemarkFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription())
                    .contains("INSERT INTO greeting")
                    .contains("23505")
                    .contains("version 1")
                    .contains(failure.code().id());
            assertThat(analysis.getCause()).isSameAs(failure);
        });
    }

    @Test
    void lockWait_failureNamesTheSpringProperty() throws Exception {
        long key = MigrationLock.keyFor("\"public\".\"tidemark_history\"");
        try (Connection holder = DriverManager.getConnection(database.url());
                PreparedStatement lock = holder.prepareStatement("SELECT pg_advisory_lock(?)")) {
            lock.setLong(1, key);
            lock.execute();
            runner.withPropertyValues("tidemark.lock-wait=PT1S").run(context -> {
                assertThat(context).hasFailed();
                LockWaitTimeoutException failure =
                        rootTidemarkFailure(context.getStartupFailure(), LockWaitTimeoutException.class);
                FailureAnalysis analysis = new TidemarkFailureAnalyzer().analyze(context.getStartupFailure());
                assertThat(analysis.getDescription()).contains(failure.code().id());
                assertThat(analysis.getDescription()).contains("held by");
                assertThat(analysis.getAction()).contains("tidemark.lock-wait").doesNotContain("lockWait(");
            });
        }
    }

    @Test
    void invalidProperty_isRefusedNamingTheProperty() {
        runner.withPropertyValues("tidemark.lock-wait=-5s").run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new TidemarkFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("tidemark.lock-wait is PT-5S");
            assertThat(analysis.getDescription()).doesNotContain("lockWait(");
        });
        assertThat(database.query("SELECT to_regclass('tidemark_history')::text"))
                .isNull();
    }

    @Test
    void separateMigrationUrl_migratesAsTheMigrationUserWhileTheApplicationHasNoDdlRights() {
        String appUser = "tm_app_" + UUID.randomUUID().toString().substring(0, 8);
        EmptyDatabase.run(database.url(), "CREATE ROLE " + appUser + " LOGIN");
        try {
            database.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
            database.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO " + appUser);
            runner.withPropertyValues(
                            "spring.datasource.url=" + database.urlAs(appUser), "tidemark.url=" + database.url())
                    .withUserConfiguration(ReaderConfiguration.class)
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        assertThat(context.getBean(GreetingReader.class).greeting)
                                .isEqualTo("hello");
                        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
                        assertThat(jdbc.queryForObject("SELECT current_user", String.class))
                                .isEqualTo(appUser);
                        assertThat(jdbc.queryForObject(
                                        "SELECT has_schema_privilege('public', 'CREATE')", Boolean.class))
                                .isFalse();
                    });
            assertThat(database.query("SELECT tableowner FROM pg_tables WHERE tablename = 'greeting'"))
                    .isEqualTo("postgres");
        } finally {
            database.execute("DROP OWNED BY " + appUser);
            EmptyDatabase.run(database.url(), "DROP ROLE " + appUser);
        }
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class TwoDataSources {
        @Bean
        @Primary
        DataSource applicationDataSource(org.springframework.core.env.Environment environment) {
            return DataSourceBuilder.create()
                    .url(environment.getProperty("test.app-url"))
                    .build();
        }

        @Bean
        @TidemarkDataSource
        DataSource migrationDataSource(org.springframework.core.env.Environment environment) {
            return DataSourceBuilder.create()
                    .url(environment.getProperty("test.migration-url"))
                    .build();
        }
    }

    @Test
    void tidemarkDataSource_isTheOneMigratedThrough() {
        EmptyDatabase other = new EmptyDatabase();
        try {
            runner.withUserConfiguration(TwoDataSources.class)
                    .withPropertyValues("test.app-url=" + other.url(), "test.migration-url=" + database.url())
                    .run(context -> assertThat(context).hasNotFailed());
            assertThat(database.query("SELECT text FROM greeting")).isEqualTo("hello");
            assertThat(other.query("SELECT to_regclass('greeting')::text")).isNull();
        } finally {
            other.close();
        }
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class CustomTable {
        @Bean
        TidemarkConfigurationCustomizer historyTable() {
            return configuration -> configuration.table("custom_history");
        }
    }

    @Test
    void customizer_changesWhatPropertiesDoNotCover() {
        runner.withUserConfiguration(CustomTable.class)
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(database.query("SELECT count(*) FROM custom_history")).isEqualTo("2");
        assertThat(database.query("SELECT to_regclass('tidemark_history')::text"))
                .isNull();
    }

    @Test
    void disabled_createsNothingAndTouchesNothing() {
        runner.withPropertyValues("tidemark.enabled=false").run(context -> {
            assertThat(context)
                    .hasNotFailed()
                    .doesNotHaveBean(Tidemark.class)
                    .doesNotHaveBean(TidemarkInitializer.class);
        });
        assertThat(database.query("SELECT to_regclass('tidemark_history')::text"))
                .isNull();
    }

    @Test
    void modeNone_createsTheBeanButAppliesNothing() {
        runner.withPropertyValues("tidemark.mode=none").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(Tidemark.class);
            assertThat(context.getBean(Tidemark.class).info().migrations()).hasSize(2);
        });
        assertThat(database.query("SELECT to_regclass('greeting')::text")).isNull();
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class OwnTidemark {
        @Bean
        Tidemark myTidemark(DataSource dataSource) {
            return Tidemark.configure()
                    .dataSource(dataSource)
                    .table("own_history")
                    .load();
        }
    }

    @Test
    void ownTidemarkBean_winsAndIsStillMigratedBeforeItsUsers() {
        runner.withUserConfiguration(OwnTidemark.class, ReaderConfiguration.class)
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(Tidemark.class);
                    assertThat(context.getBean(GreetingReader.class).greeting).isEqualTo("hello");
                });
        assertThat(database.query("SELECT count(*) FROM own_history")).isEqualTo("2");
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class OwnInitializer {
        @Bean
        TidemarkInitializer myInitializer(Tidemark tidemark) {
            return new TidemarkInitializer(tidemark, TidemarkProperties.Mode.NONE);
        }
    }

    @Test
    void ownInitializer_wins() {
        runner.withUserConfiguration(OwnInitializer.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(TidemarkInitializer.class);
        });
        assertThat(database.query("SELECT to_regclass('greeting')::text")).isNull();
    }

    @Test
    void properties_bindRelaxedFromTheEnvironmentAndReachTheConfiguration() {
        runner.withInitializer(context -> context.getEnvironment()
                        .getPropertySources()
                        .addFirst(new SystemEnvironmentPropertySource(
                                "test-environment",
                                Map.of("TIDEMARK_LOCK_WAIT", "PT7S", "TIDEMARK_TABLE", "env_history"))))
                .withPropertyValues(
                        "tidemark.application-name=from-spring", "tidemark.placeholders.owner=app, with a comma")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    TidemarkProperties properties = context.getBean(TidemarkProperties.class);
                    assertThat(properties.getLockWait()).isEqualTo(Duration.ofSeconds(7));
                    assertThat(properties.getApplicationName()).isEqualTo("from-spring");
                    assertThat(properties.getPlaceholders()).containsEntry("owner", "app, with a comma");
                });
        assertThat(database.query("SELECT count(*) FROM env_history")).isEqualTo("2");
        assertThat(database.query("SELECT installed_by FROM env_history LIMIT 1"))
                .isEqualTo("postgres");
    }

    static <T extends Throwable> T rootTidemarkFailure(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + failure, failure);
    }
}
