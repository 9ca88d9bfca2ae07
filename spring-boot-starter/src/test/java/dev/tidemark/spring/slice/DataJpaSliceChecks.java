package dev.tidemark.spring.slice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.spring.EmptyDatabase;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What a {@code @DataJpaTest} slice must find: its database migrated before Hibernate starts (the
 * subclasses set {@code ddl-auto=validate}, so Hibernate refuses to start on an unmigrated one).
 * One subclass per Boot line, as for {@link JdbcSliceChecks}.
 */
@Tag("database")
public abstract class DataJpaSliceChecks {

    private static final EmptyDatabase DATABASE = new EmptyDatabase();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DATABASE::url);
    }

    @AfterAll
    static void dropDatabase() {
        DATABASE.close();
    }

    @Autowired
    EntityManager entityManager;

    @Test
    void theSlicesDatabaseIsMigratedBeforeHibernateStarts() {
        assertThat(entityManager
                        .createNativeQuery("SELECT text FROM greeting WHERE id = 1")
                        .getSingleResult())
                .isEqualTo("hello");
    }
}
