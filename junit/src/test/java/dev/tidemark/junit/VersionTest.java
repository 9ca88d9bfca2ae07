package dev.tidemark.junit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("database")
class VersionTest {

    @Test
    @MigratedDatabase
    void latestByDefault(TestDatabase database) {
        assertThat(database.currentVersion()).isEqualTo("4");
        assertThat(database.createdAtVersion()).isEqualTo("4");
    }

    @Test
    @MigratedDatabase(version = "2")
    void atAGivenVersion(TestDatabase database) {
        assertThat(database.currentVersion()).isEqualTo("2");
        assertThat(database.queryForString("select to_regclass('notes')::text")).isEqualTo("notes");
        assertThat(
                        database.queryForString(
                                "select count(*) from information_schema.columns where table_name = 'customers' and column_name = 'first_name'"))
                .isEqualTo("0");
        assertThat(database.queryForString("select to_regclass('customer_note_counts')"))
                .isNull();
    }

    @Test
    @MigratedDatabase(version = "2", schema = "shop")
    void inAnotherSchema(TestDatabase database) {
        assertThat(database.schema()).isEqualTo("shop");
        assertThat(database.currentVersion()).isEqualTo("2");
        assertThat(database.queryForString("select to_regclass('shop.notes')::text"))
                .isEqualTo("shop.notes");
        assertThat(database.queryForString("select to_regclass('public.notes')"))
                .isNull();
    }
}
