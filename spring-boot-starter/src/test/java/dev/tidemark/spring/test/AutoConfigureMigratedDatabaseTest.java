package dev.tidemark.spring.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.junit.TestDatabase;
import dev.tidemark.spring.EmptyDatabase;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

@Tag("database")
@SpringBootTest(
        classes = AutoConfigureMigratedDatabaseTest.Application.class,
        properties = "spring.datasource.url=jdbc:postgresql://nowhere.invalid/never-used")
@AutoConfigureMigratedDatabase
class AutoConfigureMigratedDatabaseTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {
        @Bean
        String greeting(JdbcTemplate jdbc) {
            return jdbc.queryForObject("SELECT text FROM greeting WHERE id = 1", String.class);
        }
    }

    @Autowired
    TestDatabase database;

    @Autowired
    DataSource dataSource;

    @Autowired
    String greeting;

    @Test
    void theApplicationContext_runsAgainstTheTemplateClone() {
        assertThat(greeting).isEqualTo("hello");
        assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT current_database()", String.class))
                .isEqualTo(database.name());
        assertThat(database.currentVersion()).isEqualTo("2");
    }

    @Test
    void theDatabase_isDroppedWhenItsContextCloses() {
        GenericApplicationContext context = new GenericApplicationContext();
        new MigratedDatabaseContextCustomizer("1", "public", "").customizeContext(context, null);
        context.refresh();
        TestDatabase own = context.getBean(MigratedDatabaseContextCustomizer.BEAN, TestDatabase.class);
        assertThat(own.currentVersion()).isEqualTo("1");
        assertThat(context.getEnvironment().getProperty("tidemark.target")).isEqualTo("1");
        context.close();
        EmptyDatabase probe = new EmptyDatabase();
        try {
            assertThat(probe.query("SELECT count(*) FROM pg_database WHERE datname = '" + own.name() + "'"))
                    .isEqualTo("0");
        } finally {
            probe.close();
        }
    }
}
