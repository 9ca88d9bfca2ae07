package dev.tidemark.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.tidemark.junit.fixtures.BeforeAllInMethodScopeFixture;
import dev.tidemark.junit.fixtures.FailingClassFixture;
import dev.tidemark.junit.fixtures.FailingMethodFixture;
import dev.tidemark.junit.fixtures.OnlyUnderTestKit;
import dev.tidemark.junit.fixtures.UnknownVersionFixture;
import dev.tidemark.junit.fixtures.UnreachableServerFixture;
import java.sql.SQLException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** What the extension does when tests fail or are set up wrongly, seen through a real JUnit run. */
@Tag("database")
class LifecycleTest {

    private static EngineExecutionResults run(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(fixture))
                .configurationParameter(OnlyUnderTestKit.PARAMETER, "true")
                .execute();
    }

    @Test
    void aFailedTestsDatabaseIsDroppedAndItsConnectionClosed() throws SQLException {
        run(FailingMethodFixture.class)
                .testEvents()
                .assertStatistics(stats -> stats.started(1).failed(1));

        assertThat(FailingMethodFixture.database).startsWith("tidemark_junit_");
        assertThat(ServerCatalog.exists(FailingMethodFixture.database)).isFalse();
        assertThat(FailingMethodFixture.connection.isClosed()).isTrue();
    }

    @Test
    void aClassDatabaseIsDroppedAfterTheClassEvenWhenItsTestsAndAfterAllFail() {
        EngineExecutionResults results = run(FailingClassFixture.class);
        results.testEvents()
                .assertStatistics(stats -> stats.started(2).failed(1).succeeded(1));
        results.containerEvents()
                .assertThatEvents()
                .haveExactly(1, event(finishedWithFailure(message("@AfterAll fails on purpose"))));

        assertThat(FailingClassFixture.database).startsWith("tidemark_junit_");
        assertThat(ServerCatalog.exists(FailingClassFixture.database)).isFalse();
    }

    @Test
    void aVersionNoMigrationHasFailsTheTestNamingTheVersions() {
        Events tests = run(UnknownVersionFixture.class).testEvents();
        tests.assertStatistics(stats -> stats.failed(1));
        tests.assertThatEvents()
                .haveExactly(
                        1,
                        event(finishedWithFailure(
                                instanceOf(ParameterResolutionException.class),
                                message("@MigratedDatabase(version = \"9\") names no migration of the code; its"
                                        + " versions are 1, 2, 3, 4. Give one of them, or latest."))));
    }

    @Test
    void aMethodScopedDatabaseInBeforeAllSaysToUseTheClassScope() {
        Events containers = run(BeforeAllInMethodScopeFixture.class).containerEvents();
        containers
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(finishedWithFailure(
                                message(text -> text.contains("gives each test method a database of" + " its own")
                                        && text.contains("@MigratedDatabase(scope = Scope.CLASS)")))));
    }

    @Test
    void anUnreachableServerFailsTheTestSayingWhereTheUrlCameFromWithoutItsPassword() {
        Events tests = run(UnreachableServerFixture.class).testEvents();
        tests.assertStatistics(stats -> stats.failed(1));
        tests.assertThatEvents()
                .haveExactly(
                        1,
                        event(finishedWithFailure(message(text -> text.contains(
                                        "Cannot connect to the test database server jdbc:postgresql://127.0.0.1:25461/"
                                                + "postgres?user=postgres&password=***&connectTimeout=2 (from"
                                                + " @MigratedDatabase(server = …))")
                                && !text.contains("s3cret")))));
    }
}
