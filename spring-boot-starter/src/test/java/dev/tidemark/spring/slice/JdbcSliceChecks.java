package dev.tidemark.spring.slice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.spring.EmptyDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What a {@code @JdbcTest} slice must find: its database migrated by the starter, as Flyway's
 * auto-configuration migrates it in that slice. The annotation lives in another package on each
 * Boot line, so each module compiles one subclass that carries it ({@code slice.boot4} or {@code
 * slice.boot3}), and only one per JVM uses this class's database.
 */
@Tag("database")
public abstract class JdbcSliceChecks {

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
    JdbcTemplate jdbc;

    @Test
    void theSlicesDatabaseIsMigrated() {
        assertThat(jdbc.queryForObject("SELECT text FROM greeting WHERE id = 1", String.class))
                .isEqualTo("hello");
        assertThat(jdbc.queryForObject("SELECT max(version) FROM tidemark_history", String.class))
                .isEqualTo("2");
    }
}
