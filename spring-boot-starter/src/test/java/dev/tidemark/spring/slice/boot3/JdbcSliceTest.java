package dev.tidemark.spring.slice.boot3;

import dev.tidemark.spring.slice.JdbcSliceChecks;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;

/** {@link JdbcSliceChecks} in Spring Boot 3.5's slice: Boot 3.5 lists Flyway in each slice's own imports file ({@code AutoConfigureJdbc.imports}, {@code AutoConfigureDataJpa.imports}, …), and the starter lists its auto-configuration in files of those names too. */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class JdbcSliceTest extends JdbcSliceChecks {

    @SpringBootConfiguration
    static class Application {}
}
