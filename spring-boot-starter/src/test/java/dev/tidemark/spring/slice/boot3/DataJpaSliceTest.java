package dev.tidemark.spring.slice.boot3;

import dev.tidemark.spring.slice.DataJpaSliceChecks;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;

/** {@link DataJpaSliceChecks} in Spring Boot 3.5's slice. */
@DataJpaTest(properties = "spring.jpa.hibernate.ddl-auto=validate")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class DataJpaSliceTest extends DataJpaSliceChecks {

    /** The slice's JPA repositories start from the auto-configuration package; this one has none. */
    @SpringBootConfiguration
    @AutoConfigurationPackage
    static class Application {}
}
