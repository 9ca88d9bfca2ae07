package dev.tidemark.spring.slice.boot4;

import dev.tidemark.spring.slice.JdbcSliceChecks;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;

/** {@link JdbcSliceChecks} in Spring Boot 4.0's slice (from {@code spring-boot-jdbc-test}): Boot 4 imports Flyway into these slices through {@code AutoConfigureDataSourceInitialization.imports}, and the starter lists its auto-configuration in a file of that name too. */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class JdbcSliceTest extends JdbcSliceChecks {

    @SpringBootConfiguration
    static class Application {}
}
