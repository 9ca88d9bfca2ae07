package dev.tidemark.spring.test;

import dev.tidemark.junit.MigratedDatabases;
import dev.tidemark.junit.TestDatabase;
import java.util.Map;
import java.util.Objects;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Creates the database when the context is built, points {@code spring.datasource.*} at it ahead of
 * every other property source, registers it as the bean {@code tidemarkTestDatabase} and drops it
 * when the context closes. Equal for equal annotations, so Spring's context cache shares contexts
 * (and their database) exactly as it would without it.
 */
final class MigratedDatabaseContextCustomizer implements ContextCustomizer {

    static final String BEAN = "tidemarkTestDatabase";

    private final String version;
    private final String schema;
    private final String server;

    MigratedDatabaseContextCustomizer(String version, String schema, String server) {
        this.version = version;
        this.schema = schema;
        this.server = server;
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration configuration) {
        MigratedDatabases databases =
                MigratedDatabases.configure().version(version).schema(schema).classLoader(context.getClassLoader());
        if (!server.isBlank()) {
            databases.server(server);
        }
        TestDatabase database = databases.create();
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "tidemarkTestDatabase",
                        Map.of(
                                "spring.datasource.url",
                                database.url(),
                                // The URL carries the server's credentials; the application's own
                                // username and password are for another server.
                                "spring.datasource.username",
                                "",
                                "spring.datasource.password",
                                "",
                                "tidemark.schema",
                                database.schema(),
                                // The application starts at the version the test asked for.
                                "tidemark.target",
                                version)));
        context.getBeanFactory().registerSingleton(BEAN, database);
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
                database.close();
            }
        });
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MigratedDatabaseContextCustomizer that
                && version.equals(that.version)
                && schema.equals(that.schema)
                && server.equals(that.server);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, schema, server);
    }
}
