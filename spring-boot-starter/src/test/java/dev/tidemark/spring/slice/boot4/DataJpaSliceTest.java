package dev.tidemark.spring.slice.boot4;

import dev.tidemark.spring.slice.DataJpaSliceChecks;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;

/** {@link DataJpaSliceChecks} in Spring Boot 4.0's slice (from {@code spring-boot-data-jpa-test}). */
@DataJpaTest(properties = "spring.jpa.hibernate.ddl-auto=validate")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class DataJpaSliceTest extends DataJpaSliceChecks {

    /** The slice's JPA repositories start from the auto-configuration package; this one has none. */
    @SpringBootConfiguration
    @AutoConfigurationPackage
    static class Application {}
}
