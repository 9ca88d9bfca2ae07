package dev.tidemark.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Surefire forks: two JVMs, real child processes, ask for a template nobody has built at the same
 * moment. The session advisory lock on the server lets one build it while the other waits and then
 * reuses it; each gets a database of its own at the latest version.
 */
@Tag("database")
class ForkedJvmsTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int CHILDREN = 2;

    private final String schema = "forks_" + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE);
    private final TemplateKey key = new Templates(line -> {})
            .key(
                    ServerCatalog.server(),
                    MigratedDatabaseExtension.manifests(getClass().getClassLoader()),
                    schema,
                    "latest");

    @AfterEach
    void dropTheTemplate() {
        ServerCatalog.databasesStartingWith(key.projectPrefix()).forEach(ServerCatalog::drop);
    }

    @Test
    void twoJvmsAtOnceBuildTheTemplateOnceAndEachGetsItsOwnMigratedDatabase(@TempDir Path barrier) throws Exception {
        List<Process> children = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int i = 0; i < CHILDREN; i++) {
            Path log = barrier.resolve("child-" + i + ".log");
            logs.add(log);
            children.add(new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            Child.class.getName(),
                            ServerCatalog.url(),
                            schema,
                            barrier.toString(),
                            String.valueOf(i))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start());
        }
        List<String> output = new ArrayList<>();
        for (int i = 0; i < CHILDREN; i++) {
            Process child = children.get(i);
            if (!child.waitFor(5, TimeUnit.MINUTES)) {
                child.destroyForcibly();
            }
            List<String> lines = Files.readAllLines(logs.get(i));
            assertThat(child.exitValue())
                    .as("child %d exited; its output:%n%s", i, String.join("\n", lines))
                    .isZero();
            output.addAll(lines);
        }

        assertThat(output.stream().filter(line -> line.startsWith("[tidemark] Built template database " + key.name())))
                .hasSize(1);
        assertThat(output.stream()
                        .filter(line -> line.startsWith("[tidemark] Reusing template database " + key.name())))
                .hasSize(CHILDREN - 1);
        List<String> databases =
                output.stream().filter(line -> line.startsWith("database ")).toList();
        assertThat(databases).hasSize(CHILDREN);
        assertThat(databases).allSatisfy(line -> assertThat(line).endsWith(" at version 4 with 3 tables"));
        assertThat(databases.stream().map(line -> line.split(" ")[1]).distinct())
                .hasSize(CHILDREN);
        for (String line : databases) {
            assertThat(ServerCatalog.exists(line.split(" ")[1])).as(line).isFalse();
        }
        assertThat(ServerCatalog.databasesStartingWith(key.projectPrefix())).containsExactly(key.name());
    }

    /**
     * One fork: waits until every fork has started (files in a shared folder), then asks for a
     * database as {@code @MigratedDatabase} does, through the same API, and says what it got.
     */
    public static final class Child {

        public static void main(String[] args) throws Exception {
            String server = args[0];
            String schema = args[1];
            Path barrier = Path.of(args[2]);
            Files.createFile(barrier.resolve("ready-" + args[3]));
            awaitEveryone(barrier);
            try (TestDatabase database =
                    MigratedDatabases.configure().server(server).schema(schema).create()) {
                String tables = database.queryForString(
                        "select count(*) from pg_tables where schemaname = ? and tablename <> 'tidemark_history'",
                        schema);
                System.out.println("database " + database.name() + " at version " + database.currentVersion() + " with "
                        + tables + " tables");
            }
        }

        private static void awaitEveryone(Path barrier) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (System.nanoTime() < deadline) {
                try (var files = Files.list(barrier)) {
                    if (files.filter(file -> file.getFileName().toString().startsWith("ready-"))
                                    .count()
                            == CHILDREN) {
                        return;
                    }
                }
                Thread.sleep(10);
            }
            throw new IllegalStateException("the other fork did not start within 2 minutes");
        }
    }
}
