package dev.tidemark.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.MigrateResult;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Tests of a data migration: data written at version 2, carried over by migration 3. */
@Tag("database")
class DataMigrationTest {

    @Test
    @MigratedDatabase(version = "2")
    void migration3SplitsNames(TestDatabase database) {
        database.execute("insert into customers (name) values ('Ada Lovelace'), ('Plato'), ('Jan van Eyck')");

        MigrateResult result = database.migrateTo("3");

        assertThat(result.applied()).hasSize(1);
        assertThat(database.currentVersion()).isEqualTo("3");
        assertThat(
                        database.queryForString(
                                "select string_agg(first_name || '|' || coalesce(last_name, '-'), ',' order by id) from customers"))
                .isEqualTo("Ada|Lovelace,Plato|-,Jan|van Eyck");
    }

    @Test
    @MigratedDatabase(version = "3")
    void migratingOnToTheLatestKeepsTheData(TestDatabase database) {
        database.execute("insert into customers (name, first_name) values ('Grace Hopper', 'Grace')");
        database.execute("insert into notes (customer_id, body) select id, 'wrote a compiler' from customers");

        database.migrate();

        assertThat(database.currentVersion()).isEqualTo("4");
        assertThat(database.queryForString("select notes from customer_note_counts where name = 'Grace Hopper'"))
                .isEqualTo("1");
    }
}
