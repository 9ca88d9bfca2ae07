package dev.tidemark.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a {@code @SpringBootTest} against a database of its own from the JUnit extension's template
 * ({@code tidemark-junit}): migrated once, cloned per application context in tens of milliseconds.
 * The context's {@code spring.datasource.url} points at it, so the start-up migration finds nothing
 * to do; the test can {@code @Autowired} the {@link dev.tidemark.junit.TestDatabase}. The database
 * lives as long as the application context (which Spring's test context cache shares between test
 * classes of the same configuration) and is dropped when the context closes.
 *
 * <p>Needs {@code tidemark-junit} on the test class path. The server is the JUnit extension's: the
 * system property {@code tidemark.test.url}, else the environment variable {@code TIDEMARK_TEST_URL},
 * else {@code jdbc:postgresql://localhost:5432/postgres?user=postgres}, unless {@link #server} names one.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureMigratedDatabase {

    /** The version the database is at: {@code latest} (the default) or a version of the code. */
    String version() default "latest";

    /** The schema migrated. Default {@code public}. */
    String schema() default "public";

    /** A JDBC URL of any database of the server to create the database on; empty: the extension's default. */
    String server() default "";
}
