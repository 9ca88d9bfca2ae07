package dev.tidemark.spring;

import dev.tidemark.Configuration;
import dev.tidemark.Tidemark;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * Migrates (or validates) the application's database at start-up, before anything uses it.
 *
 * <p>Ordering does not come from this class's place among the auto-configurations but from Spring
 * Boot's database-initialization dependencies, as Flyway's does: {@link
 * TidemarkDatabaseInitializerDetector} names the {@link Tidemark} and {@link TidemarkInitializer}
 * beans as initializers, and {@link DatabaseInitializationDependencyConfigurer} makes every bean that
 * depends on an initialized database depend on them. The auto-configuration names of Boot 3.5 and
 * Boot 4 are both given, since the JDBC classes moved between them.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"
        })
@ConditionalOnClass({Tidemark.class, DatabaseInitializationDependencyConfigurer.class})
@ConditionalOnProperty(prefix = "tidemark", name = "enabled", matchIfMissing = true)
@Conditional(TidemarkAutoConfiguration.MigrationDataSourceCondition.class)
@EnableConfigurationProperties(TidemarkProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public class TidemarkAutoConfiguration {

    /**
     * The configured {@code Tidemark}: properties first, then every {@link
     * TidemarkConfigurationCustomizer} in order. A {@code Tidemark} bean of the application's own
     * takes its place (and is migrated at start-up all the same).
     */
    @Bean
    @ConditionalOnMissingBean
    public Tidemark tidemark(
            TidemarkProperties properties,
            ObjectProvider<DataSource> dataSource,
            @TidemarkDataSource ObjectProvider<DataSource> migrationDataSource,
            ObjectProvider<TidemarkConfigurationCustomizer> customizers,
            Environment environment,
            ResourceLoader resourceLoader) {
        Configuration configuration = Tidemark.configure()
                .classLoader(resourceLoader.getClassLoader())
                .listener(LoggingListener.create());
        MigrationConnection.choose(properties, dataSource, migrationDataSource, environment)
                .applyTo(configuration);
        SettingValues.apply(properties, configuration);
        if (properties.getMode() == TidemarkProperties.Mode.VALIDATE) {
            // Production that migrates at deploy time: a pending migration means the deploy step did
            // not run, and the application must not start on the old schema.
            configuration.failOnPending(true);
        }
        customizers.orderedStream().forEach(customizer -> customizer.customize(configuration));
        return configuration.load();
    }

    /** Runs {@code migrate} or {@code validate} as {@code tidemark.mode} says. */
    @Bean
    @ConditionalOnMissingBean
    public TidemarkInitializer tidemarkInitializer(Tidemark tidemark, TidemarkProperties properties) {
        return new TidemarkInitializer(tidemark, properties.getMode());
    }

    /** A {@code DataSource} bean to migrate through, or {@code tidemark.url}. */
    static final class MigrationDataSourceCondition extends AnyNestedCondition {

        MigrationDataSourceCondition() {
            super(ConfigurationCondition.ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnBean(DataSource.class)
        private static final class DataSourceBean {}

        @ConditionalOnProperty(prefix = "tidemark", name = "url")
        private static final class MigrationUrl {}
    }
}
