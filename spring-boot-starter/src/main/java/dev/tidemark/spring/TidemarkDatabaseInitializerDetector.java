package dev.tidemark.spring;

import dev.tidemark.Tidemark;
import java.util.Set;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

/**
 * Tells Spring Boot that {@link Tidemark} beans initialize the database, so that every bean that
 * depends on database initialization ({@code JdbcTemplate}, {@code JdbcClient}, JPA, jOOQ, beans
 * marked {@code @DependsOnDatabaseInitialization}) is created after them; a {@code Tidemark} bean the
 * application defines itself is ordered the same way.
 */
public class TidemarkDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(Tidemark.class);
    }

    @Override
    public int getOrder() {
        return 0;
    }

    /**
     * The {@link TidemarkInitializer}s, which run the migration: after the {@code Tidemark} beans
     * (order 1), before everything that uses the database.
     */
    public static class Initializers extends AbstractBeansOfTypeDatabaseInitializerDetector {

        @Override
        protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
            return Set.of(TidemarkInitializer.class);
        }

        @Override
        public int getOrder() {
            return 1;
        }
    }
}
