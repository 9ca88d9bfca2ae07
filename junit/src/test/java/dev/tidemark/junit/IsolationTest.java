package dev.tidemark.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Tag;

/**
 * Tests running at once (this class's repetitions and {@link IsolationOtherClassTest}'s, through
 * the suite's parallel configuration) each write a row and see only their own.
 */
@Tag("database")
@MigratedDatabase
class IsolationTest {

    private static final Set<String> DATABASES = ConcurrentHashMap.newKeySet();

    @RepeatedTest(6)
    void aWriteIsSeenOnlyByItsOwnTest(TestDatabase database, RepetitionInfo repetition) {
        writeAndSeeOnlyOwnRow(database, DATABASES, "isolation " + repetition.getCurrentRepetition());
    }

    static void writeAndSeeOnlyOwnRow(TestDatabase database, Set<String> databases, String name) {
        databases.add(database.name());
        database.execute("insert into customers (name) values (?)", name);
        // Long enough for the tests running beside this one to write theirs meanwhile.
        database.queryForString("select pg_sleep(0.2)::text");
        assertThat(database.queryForString("select string_agg(name, ',') from customers"))
                .isEqualTo(name);
    }

    @AfterAll
    static void eachTestHadItsOwnDatabaseAndEachWasDropped() {
        assertEachOwnAndDropped(DATABASES, 6);
    }

    static void assertEachOwnAndDropped(Set<String> databases, int tests) {
        assertThat(databases).hasSize(tests);
        assertThat(databases)
                .allSatisfy(name -> assertThat(ServerCatalog.exists(name))
                        .as("%s still exists", name)
                        .isFalse());
    }
}
