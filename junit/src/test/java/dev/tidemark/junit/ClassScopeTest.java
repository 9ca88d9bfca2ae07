package dev.tidemark.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.junit.MigratedDatabase.Scope;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

@Tag("database")
@MigratedDatabase(scope = Scope.CLASS)
@Execution(ExecutionMode.SAME_THREAD)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClassScopeTest {

    private static String shared;

    @BeforeAll
    static void setUp(TestDatabase database) {
        shared = database.name();
        database.execute("insert into customers (name) values ('from before all')");
    }

    @Test
    @Order(1)
    void theMethodsShareTheClassDatabase(TestDatabase database) {
        assertThat(database.name()).isEqualTo(shared);
        database.execute("insert into customers (name) values ('from the first test')");
    }

    @Test
    @Order(2)
    void aLaterMethodSeesWhatEarlierOnesWrote(TestDatabase database) {
        assertThat(database.name()).isEqualTo(shared);
        assertThat(database.queryForString("select string_agg(name, ',' order by id) from customers"))
                .isEqualTo("from before all,from the first test");
    }

    @Test
    @Order(3)
    @MigratedDatabase(version = "1")
    void aMethodWithAnAnnotationOfItsOwnGetsADatabaseOfItsOwn(TestDatabase database) {
        assertThat(database.name()).isNotEqualTo(shared);
        assertThat(database.currentVersion()).isEqualTo("1");
        assertThat(database.queryForString("select count(*) from customers")).isEqualTo("0");
    }
}
