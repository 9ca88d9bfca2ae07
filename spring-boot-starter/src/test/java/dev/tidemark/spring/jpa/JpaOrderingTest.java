package dev.tidemark.spring.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.spring.EmptyDatabase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Id;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Hibernate validates the mapped table when its EntityManagerFactory is built, and a bean reads an
 * entity at construction: both fail unless the migration ran first.
 */
@Tag("database")
@SpringBootTest(properties = "spring.jpa.hibernate.ddl-auto=validate")
class JpaOrderingTest {

    private static final EmptyDatabase DATABASE = new EmptyDatabase();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DATABASE::url);
    }

    @AfterAll
    static void dropDatabase() {
        DATABASE.close();
    }

    @Entity(name = "greeting")
    public static class Greeting {
        @Id
        Integer id;

        @Column(name = "text")
        String text;
    }

    record FirstGreeting(String text) {}

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {
        @Bean
        FirstGreeting firstGreeting(EntityManagerFactory entityManagerFactory) {
            EntityManager entityManager = entityManagerFactory.createEntityManager();
            try {
                return new FirstGreeting(entityManager.find(Greeting.class, 1).text);
            } finally {
                entityManager.close();
            }
        }
    }

    @Autowired
    FirstGreeting firstGreeting;

    @Test
    void entityManagerFactory_isBuiltAfterTheMigration() {
        assertThat(firstGreeting.text()).isEqualTo("hello");
        assertThat(DATABASE.query("SELECT count(*) FROM tidemark_history")).isEqualTo("2");
    }
}
