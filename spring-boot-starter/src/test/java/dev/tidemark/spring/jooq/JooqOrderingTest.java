package dev.tidemark.spring.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.spring.EmptyDatabase;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
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
 * jOOQ's {@code DSLContext}, from Spring Boot's own jOOQ auto-configuration, is created only after
 * the migration: a bean reads the migrated table through it while it is constructed.
 */
@Tag("database")
@SpringBootTest(properties = "spring.jpa.hibernate.ddl-auto=none")
class JooqOrderingTest {

    private static final EmptyDatabase DATABASE = new EmptyDatabase();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DATABASE::url);
    }

    @AfterAll
    static void dropDatabase() {
        DATABASE.close();
    }

    record FirstGreeting(String text) {}

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {
        @Bean
        FirstGreeting firstGreeting(DSLContext jooq) {
            return new FirstGreeting(jooq.select(DSL.field("text", String.class))
                    .from(DSL.table("greeting"))
                    .where(DSL.field("id").eq(1))
                    .fetchOne(0, String.class));
        }
    }

    @Autowired
    FirstGreeting firstGreeting;

    @Autowired
    DataSource dataSource;

    @Test
    void dslContext_isCreatedAfterTheMigration() {
        assertThat(firstGreeting.text()).isEqualTo("hello");
        assertThat(DATABASE.query("SELECT count(*) FROM tidemark_history")).isEqualTo("2");
    }
}
