package dev.tidemark.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.spring.BootVersions;
import dev.tidemark.spring.EmptyDatabase;
import dev.tidemark.spring.TidemarkAutoConfiguration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

@Tag("database")
class TidemarkActuatorTest {

    private EmptyDatabase database;
    private ApplicationContextRunner runner;

    @BeforeEach
    void createDatabase() {
        database = new EmptyDatabase();
        runner = new ApplicationContextRunner()
                .withConfiguration(BootVersions.jdbc())
                .withConfiguration(
                        AutoConfigurations.of(TidemarkAutoConfiguration.class, TidemarkActuatorAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + database.url());
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void endpoint_reportsEveryMigrationWithItsState() {
        runner.withPropertyValues("tidemark.target=1")
                .run(context -> assertThat(context).hasNotFailed());
        runner.withPropertyValues("tidemark.mode=none").run(context -> {
            Map<String, Object> document =
                    context.getBean(TidemarkEndpoint.class).info();
            assertThat(document).containsEntry("result", "info").containsEntry("currentVersion", "1");
            List<Map<String, Object>> migrations = (List<Map<String, Object>>) document.get("migrations");
            assertThat(migrations).extracting(row -> row.get("version")).containsExactly("1", "2");
            assertThat(migrations).extracting(row -> row.get("state")).containsExactly("APPLIED", "PENDING");
            assertThat(migrations.get(0))
                    .containsEntry("installedBy", "postgres")
                    .containsEntry("checksumMatches", true)
                    .containsEntry(
                            "allowedLint",
                            List.of(Map.of("rule", "TM-L017", "reason", "greeting holds a handful of rows")));
            assertThat(migrations.get(1)).containsEntry("allowedLint", List.of());
            assertThat((List<Map<String, Object>>) document.get("repeatables"))
                    .as("repeatable migrations are listed on their own")
                    .isEmpty();
        });
    }

    @Test
    void health_isUpWhenMigratedAndDownWhenTheSchemaDrifted() {
        runner.run(context -> assertThat(status(context)).isEqualTo("UP"));
        database.execute("ALTER TABLE greeting ADD COLUMN added_by_hand text");
        runner.withPropertyValues("tidemark.mode=none").run(context -> {
            assertThat(status(context)).isEqualTo("DOWN");
            assertThat(details(context).get("drift").toString()).contains("added_by_hand");
        });
    }

    @Test
    void health_isDownWhenAnAppliedMigrationWasEdited() {
        runner.run(context -> assertThat(status(context)).isEqualTo("UP"));
        database.execute("UPDATE tidemark_history SET checksum = 'v1:0000' WHERE version = '2'");
        runner.withPropertyValues("tidemark.mode=none").run(context -> {
            assertThat(status(context)).isEqualTo("DOWN");
            assertThat(details(context)).containsEntry("edited", List.of("2"));
        });
    }

    @Test
    void health_onPendingMigrations_isUpUnlessConfiguredDown() {
        runner.withPropertyValues("tidemark.target=1")
                .run(context -> assertThat(context).hasNotFailed());
        runner.withPropertyValues("tidemark.mode=none").run(context -> {
            assertThat(status(context)).isEqualTo("UP");
            assertThat(details(context)).containsEntry("pending", List.of("2"));
        });
        runner.withPropertyValues("tidemark.mode=none", "tidemark.health.pending-is-down=true")
                .run(context -> assertThat(status(context)).isEqualTo("DOWN"));
    }

    @Test
    void withoutActuator_thereIsNoEndpointNorHealthIndicator() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(TidemarkEndpoint.class)
                        .doesNotHaveBean("tidemarkHealthIndicator"));
    }

    @Test
    void healthIndicator_canBeSwitchedOff() {
        runner.withPropertyValues("management.health.tidemark.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("tidemarkHealthIndicator"));
    }

    /** Boot 4 and Boot 3.5 keep Health in different packages; both have health(), getStatus(), getDetails(). */
    private static Object health(ApplicationContext context) throws Exception {
        Object indicator = context.getBean("tidemarkHealthIndicator");
        return indicator.getClass().getMethod("health").invoke(indicator);
    }

    private static String status(ApplicationContext context) throws Exception {
        Object health = health(context);
        Object status = health.getClass().getMethod("getStatus").invoke(health);
        return (String) status.getClass().getMethod("getCode").invoke(status);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(ApplicationContext context) throws Exception {
        Object health = health(context);
        return (Map<String, Object>) health.getClass().getMethod("getDetails").invoke(health);
    }
}
