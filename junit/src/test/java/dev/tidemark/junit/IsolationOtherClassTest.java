package dev.tidemark.junit;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Runs beside {@link IsolationTest}: the same table, written at the same time, in other databases. */
@Tag("database")
@MigratedDatabase
class IsolationOtherClassTest {

    private static final Set<String> DATABASES = ConcurrentHashMap.newKeySet();

    @Test
    void first(TestDatabase database) {
        IsolationTest.writeAndSeeOnlyOwnRow(database, DATABASES, "other class, first");
    }

    @Test
    void second(TestDatabase database) {
        IsolationTest.writeAndSeeOnlyOwnRow(database, DATABASES, "other class, second");
    }

    @Test
    void third(TestDatabase database) {
        IsolationTest.writeAndSeeOnlyOwnRow(database, DATABASES, "other class, third");
    }

    @AfterAll
    static void eachTestHadItsOwnDatabaseAndEachWasDropped() {
        IsolationTest.assertEachOwnAndDropped(DATABASES, 3);
    }
}
