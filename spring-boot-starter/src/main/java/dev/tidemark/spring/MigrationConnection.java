package dev.tidemark.spring;

import dev.tidemark.Configuration;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;

/**
 * Where the migrations connect, first found wins: a {@code DataSource} bean marked {@link
 * TidemarkDataSource}; {@code tidemark.url} (with {@code tidemark.user} and {@code
 * tidemark.password}); {@code tidemark.user} alone, on the application's {@code spring.datasource.url};
 * the application's {@code DataSource}.
 */
final class MigrationConnection {

    private final DataSource dataSource;
    private final String url;
    private final String user;
    private final String password;

    private MigrationConnection(DataSource dataSource, String url, String user, String password) {
        this.dataSource = dataSource;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    static MigrationConnection choose(
            TidemarkProperties properties,
            ObjectProvider<DataSource> dataSource,
            ObjectProvider<DataSource> migrationDataSource,
            Environment environment) {
        DataSource qualified = migrationDataSource.getIfUnique();
        if (qualified != null) {
            return new MigrationConnection(qualified, null, null, null);
        }
        if (hasText(properties.getUrl())) {
            return new MigrationConnection(null, properties.getUrl(), properties.getUser(), properties.getPassword());
        }
        String applicationUrl = environment.getProperty("spring.datasource.url");
        if (hasText(properties.getUser()) && hasText(applicationUrl)) {
            return new MigrationConnection(null, applicationUrl, properties.getUser(), properties.getPassword());
        }
        DataSource application = dataSource.getIfUnique();
        if (application == null) {
            throw new IllegalStateException("Tidemark has no DataSource to migrate: the application has "
                    + (dataSource.stream().findAny().isPresent() ? "several and none is @Primary" : "none")
                    + ". Mark one @Primary or @TidemarkDataSource, or set tidemark.url.");
        }
        return new MigrationConnection(application, null, null, null);
    }

    void applyTo(Configuration configuration) {
        if (dataSource != null) {
            configuration.dataSource(dataSource);
            return;
        }
        configuration.url(url);
        if (hasText(user)) {
            configuration.user(user);
        }
        if (password != null) {
            configuration.password(password);
        }
    }

    private static boolean hasText(String text) {
        return text != null && !text.isBlank();
    }
}
