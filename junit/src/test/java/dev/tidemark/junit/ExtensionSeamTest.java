package dev.tidemark.junit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Another extension (as a Spring test context's would) reaches the test's database through {@link
 * MigratedDatabaseExtension#database}, before the test method runs, and gets the same one.
 */
@Tag("database")
@MigratedDatabase
class ExtensionSeamTest {

    private String seenByTheOtherExtension;

    @RegisterExtension
    final BeforeEachCallback otherExtension = context -> seenByTheOtherExtension =
            MigratedDatabaseExtension.database(context).url();

    @Test
    void anotherExtensionGetsTheTestsDatabase(@JdbcUrl String url) {
        assertThat(seenByTheOtherExtension).isEqualTo(url);
    }
}
