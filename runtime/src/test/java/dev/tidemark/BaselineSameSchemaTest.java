package dev.tidemark;

import static dev.tidemark.testing.TestManifest.sql;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.spi.MigrationEntry;
import dev.tidemark.testing.NeedsPostgres;
import dev.tidemark.testing.TestDatabase;
import dev.tidemark.testing.TestManifest;
import org.junit.jupiter.api.Test;

/** What baseline detection reports, in its result, about versions a schema cannot tell apart. */
@NeedsPostgres
class BaselineSameSchemaTest {

    private static final MigrationEntry[] MIGRATIONS = {
        sql("1", "users", "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL)"),
        sql("2", "first user", "INSERT INTO users VALUES (1, 'ada@example.com')"),
        sql("3", "second user", "INSERT INTO users VALUES (2, 'alan@example.com')"),
        sql("4", "orders", "CREATE TABLE orders (id bigint PRIMARY KEY)")
    };

    private static Tidemark tidemark(TestDatabase db) {
        return Tidemark.configure()
                .url(db.url())
                .manifests(TestManifest.of(MIGRATIONS))
                .load();
    }

    @Test
    void baselineWithoutVersion_dataOnlyMigrations_resultNamesEveryVersionWithThatSchema(TestDatabase db) {
        db.execute("CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL)");

        BaselineResult result = tidemark(db).baseline();

        assertThat(result.version()).hasToString("3");
        assertThat(result.sameSchemaVersions()).extracting(Object::toString).containsExactly("1", "2", "3");
    }

    @Test
    void baselineWithoutVersion_oneMatchingVersion_resultNamesIt(TestDatabase db) {
        db.execute("CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL)");
        db.execute("CREATE TABLE orders (id bigint PRIMARY KEY)");

        BaselineResult result = tidemark(db).baseline();

        assertThat(result.version()).hasToString("4");
        assertThat(result.sameSchemaVersions()).extracting(Object::toString).containsExactly("4");
    }

    @Test
    void baselineAtAGivenVersion_namesNone(TestDatabase db) {
        db.execute("CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL)");

        assertThat(tidemark(db).baseline("1").sameSchemaVersions()).isEmpty();
    }
}
