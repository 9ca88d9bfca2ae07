package dev.tidemark.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class or method that needs PostgreSQL: the server named by {@code TIDEMARK_TEST_URL}
 * (its {@link TestDatabase} parameters come from {@link PostgresExtension}), or PostgreSQL's
 * programs for a throwaway cluster. It carries the tag {@value #TAG}, so that
 * {@code mvn test -DexcludedGroups=database} runs every other test with no server at all.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(NeedsPostgres.TAG)
@ExtendWith(PostgresExtension.class)
public @interface NeedsPostgres {

    /** The tag of the tests that need PostgreSQL. */
    String TAG = "database";
}
