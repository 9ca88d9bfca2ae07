package dev.tidemark.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.JavaMigration;
import dev.tidemark.MigrationContext;
import dev.tidemark.spi.MigrationManifest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The template's life across test runs. Each {@link Templates} here stands for a new JVM (it knows
 * no template yet); each test uses a schema of its own, so its templates are a project of their
 * own that no other test touches, and drops them afterwards.
 */
@Tag("database")
class TemplatesTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Server server = ServerCatalog.server();
    private final String schema = "templates_" + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE);
    private final List<String> printed = Collections.synchronizedList(new ArrayList<>());
    private final List<TemplateKey> keys = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void dropTheTemplates() {
        for (TemplateKey key : keys) {
            ServerCatalog.databasesStartingWith(key.projectPrefix()).forEach(ServerCatalog::drop);
        }
    }

    private Templates newRun() {
        return new Templates(printed::add);
    }

    private TemplateKey key(Templates templates, MigrationManifest manifest, String target) {
        TemplateKey key = templates.key(server, List.of(manifest), schema, target);
        keys.add(key);
        return key;
    }

    private String createAndDrop(Templates templates, TemplateKey key) {
        try (TestDatabase database = templates.create(server, key, getClass().getClassLoader())) {
            return database.queryForString("select count(*) from " + Server.quote(schema) + ".customers");
        }
    }

    @Test
    void aTemplateIsBuiltOnceAndReusedByLaterRunsWhileTheMigrationsAreUnchanged() {
        Templates first = newRun();
        TemplateKey key = key(first, EditableManifest.asCompiled(), "latest");
        assertThat(createAndDrop(first, key)).isEqualTo("0");
        assertThat(printed).singleElement().asString().startsWith("Built template database " + key.name());
        String oid = ServerCatalog.oid(key.name());
        assertThat(oid).isNotNull();
        assertThat(ServerCatalog.allowsConnections(key.name())).isFalse();

        Templates second = newRun();
        TemplateKey same = key(second, EditableManifest.asCompiled(), "latest");
        assertThat(same.name()).isEqualTo(key.name());
        createAndDrop(second, same);
        createAndDrop(second, same);

        assertThat(printed).hasSize(2);
        assertThat(printed.get(1)).startsWith("Reusing template database " + key.name());
        assertThat(ServerCatalog.oid(key.name())).isEqualTo(oid);
    }

    @Test
    void anEditedMigrationGetsANewTemplateAndTheOldOneIsDropped() {
        Templates first = newRun();
        TemplateKey before = key(first, EditableManifest.asCompiled(), "latest");
        TemplateKey atVersion2 = key(first, EditableManifest.asCompiled(), "2");
        createAndDrop(first, before);
        createAndDrop(first, atVersion2);

        Templates afterEdit = newRun();
        TemplateKey edited = key(afterEdit, EditableManifest.withEdited("3"), "latest");
        assertThat(edited.name()).isNotEqualTo(before.name()).startsWith(before.projectPrefix());
        createAndDrop(afterEdit, edited);

        assertThat(printed.get(printed.size() - 3)).startsWith("Built template database " + edited.name());
        assertThat(printed.subList(printed.size() - 2, printed.size()))
                .containsExactlyInAnyOrder(
                        "Dropped template database " + before.name()
                                + ", built from migrations that have changed since",
                        "Dropped template database " + atVersion2.name()
                                + ", built from migrations that have changed since");
        assertThat(ServerCatalog.databasesStartingWith(before.projectPrefix())).containsExactly(edited.name());
    }

    @Test
    void anAddedMigrationGetsANewTemplateToo() {
        Templates templates = newRun();
        TemplateKey before = key(templates, EditableManifest.asCompiled(), "latest");
        TemplateKey after = key(
                templates,
                EditableManifest.withAdded("5", false, () -> new RunsSql("CREATE TABLE added (id int)")),
                "latest");
        assertThat(after.name()).isNotEqualTo(before.name());
        assertThat(after.version()).hasToString("5");
    }

    @Test
    void concurrentRunsBuildTheTemplateOnce() throws Exception {
        int runs = 4;
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> clones = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                Templates run = newRun();
                TemplateKey key = key(run, EditableManifest.asCompiled(), "latest");
                clones.add(pool.submit(() -> {
                    start.await();
                    return createAndDrop(run, key);
                }));
            }
            start.countDown();
            for (Future<String> clone : clones) {
                assertThat(clone.get()).isEqualTo("0");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(printed.stream().filter(line -> line.startsWith("Built")).count())
                .isEqualTo(1);
        assertThat(printed.stream().filter(line -> line.startsWith("Reusing")).count())
                .isEqualTo(runs - 1);
    }

    @Test
    void aFailingMigrationFailsTheTestNamingItAndLeavesNoTemplate() {
        Templates templates = newRun();
        TemplateKey key = key(
                templates,
                EditableManifest.withAdded("5", false, () -> new RunsSql("ALTER TABLE customers ADD COLUMN name text")),
                "latest");

        assertThatThrownBy(() -> templates.create(server, key, getClass().getClassLoader()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Migrating the template database " + key.buildingName())
                .hasMessageContaining("ALTER TABLE customers ADD COLUMN name text")
                .hasMessageContaining("42701")
                .hasMessageContaining("was dropped; no other database was changed")
                .hasMessageContaining("Fix the migration");
        assertThat(ServerCatalog.databasesStartingWith(key.projectPrefix())).isEmpty();

        // The next test of the same run fails at once with the same message, without a second build.
        assertThatThrownBy(() -> templates.create(server, key, getClass().getClassLoader()))
                .hasMessageContaining("ALTER TABLE customers ADD COLUMN name text");
        assertThat(printed).isEmpty();
    }

    @Test
    void anUnfinishedBuildIsDroppedAndBuiltAgain() {
        Templates templates = newRun();
        TemplateKey key = key(templates, EditableManifest.asCompiled(), "latest");
        ServerCatalog.query("select 1 where false");
        try (var connection = server.connect();
                var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + Server.quote(key.buildingName()));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }

        assertThat(createAndDrop(templates, key)).isEqualTo("0");

        assertThat(printed.get(0))
                .isEqualTo("Dropping " + key.buildingName() + ", left by a template build that did not finish");
        assertThat(ServerCatalog.databasesStartingWith(key.projectPrefix())).containsExactly(key.name());
    }

    @Test
    void aVersionTheCodeDoesNotHaveIsRefusedNamingTheVersionsItHas() {
        assertThatThrownBy(() -> newRun().key(server, List.of(EditableManifest.asCompiled()), schema, "7"))
                .hasMessage("@MigratedDatabase(version = \"7\") names no migration of the code; its versions are"
                        + " 1, 2, 3, 4. Give one of them, or latest.");
        assertThatThrownBy(() -> newRun().key(server, List.of(EditableManifest.asCompiled()), schema, "x"))
                .hasMessageStartingWith("@MigratedDatabase(version = \"x\") is not a version: ");
    }

    @Test
    void withoutMigrationsTheMessageSaysHowToCompileThem() {
        assertThatThrownBy(() -> newRun().key(server, List.of(), schema, "latest"))
                .hasMessageContaining("No migrations were found on the test class path")
                .hasMessageContaining("tidemark-processor among the compiler's annotationProcessorPaths");
    }

    @Test
    void anUnreachableServerIsNamedWithWhereItCameFromAndNoPassword() {
        // Nothing listens on this port (bench/junit uses 25460 for its throwaway cluster, the fixtures 25461).
        Server nowhere = new Server(
                "jdbc:postgresql://127.0.0.1:25469/postgres?user=postgres&password=s3cret&connectTimeout=2",
                "the environment variable TIDEMARK_TEST_URL");
        assertThatThrownBy(() -> newRun().key(nowhere, List.of(EditableManifest.asCompiled()), schema, "latest"))
                .hasMessageStartingWith("Cannot connect to the test database server"
                        + " jdbc:postgresql://127.0.0.1:25469/postgres?user=postgres&password=***&connectTimeout=2"
                        + " (from the environment variable TIDEMARK_TEST_URL)")
                .hasMessageContaining("No database was created.")
                .hasMessageContaining("TIDEMARK_TEST_URL, -Dtidemark.test.url=… or @MigratedDatabase(server = …)")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void aServerThatIsNotAPostgresJdbcUrlIsRefused() {
        assertThatThrownBy(() -> new Server("postgres://u:s3cret@localhost/db", "@MigratedDatabase(server = …)"))
                .hasMessageContaining("is not a jdbc:postgresql:// URL")
                .hasMessageNotContaining("s3cret");
    }

    /** A migration that runs one statement. */
    public static final class RunsSql implements JavaMigration {
        private final String sql;

        RunsSql(String sql) {
            this.sql = sql;
        }

        @Override
        public void up(MigrationContext db) throws java.sql.SQLException {
            db.execute(sql);
        }
    }
}
