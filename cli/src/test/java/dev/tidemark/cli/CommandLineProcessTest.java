package dev.tidemark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidemark.Setting;
import dev.tidemark.cli.CliProcess.Outcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command run as a real process against the real server, each exit code triggered as a user
 * triggers it, and {@code --json} read as JSON.
 */
@Tag("database")
class CommandLineProcessTest {

    private static final Pattern MAVEN_WORDS = Pattern.compile("mvn |-Dschema\\.|schema:[a-z]|<[a-z]+[A-Z][a-zA-Z]*>");

    @TempDir
    Path folder;

    private String database;
    private String url;
    private Path appJar;

    @BeforeEach
    void createDatabase() throws Exception {
        database = TestServer.createDatabase();
        url = TestServer.urlOf(database);
        appJar = TestApplication.plainJar(folder);
    }

    @AfterEach
    void dropDatabase() throws Exception {
        TestServer.dropDatabase(database);
    }

    @Test
    void migrate_onItsOwnClassPath_printsTheResultAsJson() {
        Outcome outcome = cli().onClassPath(appJar).run("migrate", "--url", url, "--json");

        assertExit(outcome, 0);
        JsonNode result = outcome.json();
        assertThat(result.get("result").asText()).isEqualTo("migrate");
        assertThat(result.get("currentVersion").asText()).isEqualTo("3");
        assertThat(result.get("applied")).hasSize(3);
        assertThat(outcome.stderr()).contains("create users");
    }

    @Test
    void migrate_springBootJar_findsTheManifestInBootInfClassesAndTheMigrationsInANestedJar() {
        Path bootJar = TestApplication.springBootJar(folder);

        Outcome migrate = cli().run("migrate", "--classpath", bootJar.toString(), "--url", url);
        Outcome info = cli().run("info", "--classpath", bootJar.toString(), "--url", url, "--json");

        assertExit(migrate, 0);
        assertExit(info, 0);
        JsonNode result = info.json();
        assertThat(result.get("result").asText()).isEqualTo("info");
        assertThat(result.get("currentVersion").asText()).isEqualTo("3");
        List<String> states = new ArrayList<>();
        result.get("migrations")
                .forEach(migration -> states.add(migration.get("state").asText()));
        assertThat(states).containsExactly("APPLIED", "APPLIED", "APPLIED");
    }

    @Test
    void info_showsTheLintRulesAMigrationAllows_underTheTable_andInTheJson() {
        Outcome text = cli().onClassPath(appJar).run("info", "--url", url);
        Outcome json = cli().onClassPath(appJar).run("info", "--url", url, "--json");

        assertExit(text, 0);
        assertThat(text.stdout())
                .contains("Lint rules the migrations allow, and why:\n"
                        + "  3 allows TM-L001: users holds a few hundred rows when this index is built");
        assertExit(json, 0);
        JsonNode allowed = json.json().get("migrations").get(2).get("allowedLint");
        assertThat(allowed).hasSize(1);
        assertThat(allowed.get(0).get("rule").asText()).isEqualTo("TM-L001");
        assertThat(allowed.get(0).get("reason").asText())
                .isEqualTo("users holds a few hundred rows when this index is built");
    }

    @Test
    void classPath_folderStar_takesEveryJarOfTheFolder() throws Exception {
        Path lib = Files.createDirectory(folder.resolve("lib"));
        Files.move(appJar, lib.resolve("app.jar"));

        Outcome outcome = cli().run("migrate", "--classpath", lib + "/*", "--url", url);

        assertExit(outcome, 0);
        assertThat(historyVersions()).containsExactly("1", "2", "3");
    }

    @Test
    void migrate_onSeveralSchemas_runsEachAndPrintsOneSummary() throws Exception {
        Outcome outcome = cli().onClassPath(appJar)
                .run("migrate", "--url", url, "--schemas", "tenant_a,tenant_b", "--parallelism", "2", "--json");

        assertExit(outcome, 0);
        JsonNode result = outcome.json();
        assertThat(result.get("result").asText()).isEqualTo("migrate");
        assertThat(result.get("succeeded").asInt()).isEqualTo(2);
        List<String> schemas = new ArrayList<>();
        result.get("targets").forEach(target -> schemas.add(target.get("schema").asText()));
        assertThat(schemas).containsExactlyInAnyOrder("tenant_a", "tenant_b");
        assertThat(query("SELECT count(*) FROM tenant_a.tidemark_history WHERE success AND type = 'JAVA'"))
                .isEqualTo("3");
        assertThat(query("SELECT count(*) FROM tenant_b.tidemark_history WHERE success AND type = 'JAVA'"))
                .isEqualTo("3");

        Outcome repair = cli().onClassPath(appJar).run("repair", "--url", url, "--schemas", "tenant_a");
        assertExit(repair, 2);
        assertThat(repair.stderr()).contains("--schemas");
    }

    @Test
    void migrationFailure_exitsOneNamingTheMigrationAndTheServersMessage() throws Exception {
        assertExit(cli().onClassPath(appJar).run("migrate", "--url", url, "--target", "2"), 0);
        sql("INSERT INTO users (id, email) VALUES (1, 'a@example.com'), (2, 'a@example.com')");

        Outcome outcome = cli().onClassPath(appJar).run("migrate", "--url", url, "--json");

        assertExit(outcome, 1);
        JsonNode error = outcome.json();
        assertThat(error.get("result").asText()).isEqualTo("error");
        assertThat(error.get("code").asText()).isEqualTo("TM-R100");
        assertThat(error.get("message").asText()).contains("unique email").contains("23505");
        assertThat(outcome.stderr()).contains("23505");
        assertThat(historyVersions()).containsExactly("1", "2");
    }

    @Test
    void validate_failOnPending_exitsThreeWithTheProblemsInJson() {
        Outcome outcome = cli().onClassPath(appJar).run("validate", "--url", url, "--fail-on-pending", "--json");

        assertExit(outcome, 3);
        JsonNode error = outcome.json();
        assertThat(error.get("code").asText()).isEqualTo("TM-R040");
        assertThat(error.get("pending")).hasSize(3);
    }

    @Test
    void diff_drift_exitsThree() throws Exception {
        assertExit(cli().onClassPath(appJar).run("migrate", "--url", url), 0);
        sql("ALTER TABLE users ADD COLUMN nickname text");

        Outcome diff = cli().onClassPath(appJar).run("diff", "--url", url, "--json");
        Outcome validate = cli().onClassPath(appJar).run("validate", "--url", url);

        assertExit(diff, 3);
        assertThat(diff.json().get("result").asText()).isEqualTo("diff");
        assertThat(diff.stdout()).contains("nickname");
        assertExit(validate, 3);
        assertThat(validate.stderr()).contains("tidemark diff --accept");
    }

    @Test
    void lockHeldByAnotherRun_exitsFourNamingTheLockWaitOption() throws Exception {
        assertExit(cli().onClassPath(appJar).run("migrate", "--url", url, "--target", "2"), 0);
        try (Connection blocker = TestServer.connect(database)) {
            blocker.setAutoCommit(false);
            try (Statement statement = blocker.createStatement()) {
                statement.execute("LOCK TABLE users IN ACCESS EXCLUSIVE MODE");
            }
            // The first run takes the migration lock, then waits on the table lock held above.
            Process first = cli().onClassPath(appJar).start("migrate", "--url", url, "--lock-timeout", "0");
            awaitAdvisoryLock(first);

            Outcome second = cli().onClassPath(appJar).run("migrate", "--url", url, "--lock-wait", "1s", "--json");

            blocker.rollback();
            assertExit(second, 4);
            assertThat(second.json().get("code").asText()).isEqualTo("TM-R030");
            assertThat(second.json().get("remedy").asText()).contains("--lock-wait");
            assertExit(CliProcess.await(first), 0);
        }
        assertThat(historyVersions()).containsExactly("1", "2", "3");
    }

    @Test
    void unreachableServer_exitsFive() {
        String closed = "jdbc:postgresql://127.0.0.1:" + TestServer.CLOSED_PORT + "/app?user=postgres";

        Outcome outcome = cli().onClassPath(appJar).run("info", "--url", closed, "--json");

        assertExit(outcome, 5);
        assertThat(outcome.json().get("code").asText()).isEqualTo("TM-R010");
    }

    @Test
    void usageErrors_exitTwo() {
        Outcome unknown = cli().run("migrate", "--no-such-option");
        Outcome noCommand = cli().run();
        Outcome noManifest = cli().run("info", "--url", url);
        Outcome badDuration = cli().onClassPath(appJar).run("migrate", "--url", url, "--lock-wait", "soon", "--json");

        assertExit(unknown, 2);
        assertThat(unknown.stderr()).contains("--no-such-option").contains("tidemark migrate --help");
        assertExit(noCommand, 2);
        assertThat(noManifest.exitCode()).as("%s", noManifest).isEqualTo(2);
        assertThat(noManifest.stderr()).contains("TM-R002").contains("--classpath app.jar");
        assertExit(badDuration, 2);
        assertThat(badDuration.json().get("code").asText()).isEqualTo("TM-R001");
        assertThat(badDuration.json().get("message").asText()).contains("--lock-wait");
    }

    @Test
    void help_everyCommandListsEverySettingWithItsEnvironmentVariable() {
        Outcome root = cli().run("--help");
        assertExit(root, 0);
        for (Verb verb : Verb.values()) {
            assertThat(root.stdout()).contains(verb.command());
            Outcome help = cli().run(verb.command(), "--help");
            assertExit(help, 0);
            for (Setting setting : Setting.values()) {
                assertThat(help.stdout())
                        .as("%s --help", verb.command())
                        .contains("--" + setting.kebabName())
                        .contains(setting.environmentName());
            }
            assertThat(help.stdout()).contains("--json", "--classpath", "--password-file", "DATABASE_URL");
            assertThat(help.stdout()).contains("Exit codes:");
        }
    }

    @Test
    void passwords_neverPrinted_fromTheUrlTheOptionOrTheFile() throws Exception {
        String closed =
                "jdbc:postgresql://127.0.0.1:" + TestServer.CLOSED_PORT + "/app?user=postgres&password=UrlSecret41";
        Outcome unreachable = cli().onClassPath(appJar)
                .run("migrate", "--url", closed, "--password", "FlagSecret42", "--json", "--verbose");
        Path secret = folder.resolve("password");
        Files.writeString(secret, "FileSecret43\n", StandardCharsets.UTF_8);
        Outcome fromFile = cli().onClassPath(appJar)
                .env("TIDEMARK_PASSWORD_FILE", secret.toString())
                .run("migrate", "--url", url + "&password=UrlSecret44", "--json", "--verbose");
        Outcome postgresUrl = cli().onClassPath(appJar)
                .env("DATABASE_URL", "postgres://postgres:UrlSecret45@127.0.0.1:" + TestServer.CLOSED_PORT + "/app")
                .run("info", "--json");

        assertExit(unreachable, 5);
        assertExit(fromFile, 0);
        assertExit(postgresUrl, 5);
        for (Outcome outcome : List.of(unreachable, fromFile, postgresUrl)) {
            assertThat(outcome.all()).doesNotContain("Secret4");
            outcome.json();
        }
    }

    @Test
    void passwordFile_trailingLineBreakIgnored_andAnUnreadableFileIsAUsageError() throws Exception {
        String role = "cli_" + database;
        sql("CREATE ROLE " + role + " LOGIN PASSWORD 'p4ss word'");
        try {
            Path secret = folder.resolve("password");
            Files.writeString(secret, "p4ss word\n", StandardCharsets.UTF_8);
            Outcome missing = cli().onClassPath(appJar)
                    .run(
                            "info",
                            "--url",
                            url,
                            "--password-file",
                            folder.resolve("none").toString());

            Outcome ok = cli().onClassPath(appJar)
                    .run(
                            "info",
                            "--url",
                            url.replace("user=postgres", "user=" + role),
                            "--password-file",
                            secret.toString());

            assertExit(missing, 2);
            assertThat(missing.stderr()).contains("--password-file");
            // The server of the tests may trust every login; where it checks passwords, this proves the file's.
            assertExit(ok, 0);
        } finally {
            TestServer.execute(TestServer.url(), "DROP ROLE IF EXISTS " + role);
        }
    }

    @Test
    void environment_flagBeatsTidemarkVariableBeatsDatabaseUrl() throws Exception {
        String closed = "jdbc:postgresql://127.0.0.1:" + TestServer.CLOSED_PORT + "/app?user=postgres";

        Outcome fromDatabaseUrl = cli().onClassPath(appJar)
                .env("DATABASE_URL", url)
                .env("TIDEMARK_SCHEMA", "from_environment")
                .run("migrate", "--target", "1");
        Outcome tidemarkUrlWins = cli().onClassPath(appJar)
                .env("DATABASE_URL", closed)
                .env("TIDEMARK_URL", url)
                .env("TIDEMARK_SCHEMA", "from_environment")
                .run("migrate", "--schema", "from_flag", "--target", "1");

        assertExit(fromDatabaseUrl, 0);
        assertExit(tidemarkUrlWins, 0);
        assertThat(query("SELECT string_agg(table_schema, ',' ORDER BY table_schema) FROM information_schema.tables"
                        + " WHERE table_name = 'users'"))
                .isEqualTo("from_environment,from_flag");
    }

    @Test
    void everyVerb_runsAgainstTheServer() {
        assertExit(cli().onClassPath(appJar).run("rehearse", "--url", url, "--json"), 0);
        assertExit(cli().onClassPath(appJar).run("test", "--url", url, "--json"), 0);
        assertExit(cli().onClassPath(appJar).run("migrate", "--url", url), 0);
        Outcome undo = cli().onClassPath(appJar).run("undo", "--url", url, "--undo-to", "1", "--json");
        assertExit(undo, 0);
        assertThat(undo.json().get("result").asText()).isEqualTo("undo");
        assertExit(cli().onClassPath(appJar).run("repair", "--url", url, "--json"), 0);
        assertExit(cli().onClassPath(appJar).run("migrate", "--url", url), 0);
        assertExit(cli().onClassPath(appJar).run("diff", "--url", url, "--accept", "--json"), 0);
    }

    @Test
    void adopt_withoutAnotherToolsHistory_saysSoInTheToolsWords() {
        Outcome outcome = cli().onClassPath(appJar).run("adopt", "--url", url, "--dry-run", "--json");

        assertExit(outcome, 1);
        assertThat(outcome.json().get("code").asText()).isEqualTo("TM-R211");
        assertThat(outcome.json().get("remedy").asText()).contains("--schema").contains("tidemark baseline");
    }

    @Test
    void baseline_atAVersion_recordsIt() throws Exception {
        sql("CREATE TABLE users (id bigint PRIMARY KEY, email text)");

        Outcome outcome = cli().onClassPath(appJar).run("baseline", "1", "--url", url, "--json");

        assertExit(outcome, 0);
        assertThat(outcome.json().get("result").asText()).isEqualTo("baseline");
        assertThat(historyVersions()).containsExactly("1");
    }

    private CliProcess cli() {
        return new CliProcess();
    }

    /** Exit code as expected, and nothing printed in the Maven plugin's words. */
    private static void assertExit(Outcome outcome, int code) {
        assertThat(outcome.exitCode()).as("%s", outcome).isEqualTo(code);
        assertThat(MAVEN_WORDS.matcher(outcome.all()).find())
                .as("Maven's words in %s", outcome)
                .isFalse();
    }

    private void awaitAdvisoryLock(Process first) throws Exception {
        for (int attempt = 0; attempt < 600; attempt++) {
            if (!first.isAlive()) {
                throw new AssertionError("the first run ended early: " + CliProcess.await(first));
            }
            String held = query("SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database"
                    + " WHERE l.locktype = 'advisory' AND l.granted AND d.datname = current_database()");
            if (!"0".equals(held)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the first run never took the migration lock");
    }

    private List<String> historyVersions() throws Exception {
        List<String> versions = new ArrayList<>();
        try (Connection connection = TestServer.connect(database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT version FROM public.tidemark_history WHERE success AND type IN ('JAVA', 'BASELINE') ORDER BY installed_rank")) {
            while (rows.next()) {
                versions.add(rows.getString(1));
            }
        }
        return versions;
    }

    private void sql(String sql) throws Exception {
        try (Connection connection = TestServer.connect(database);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private String query(String sql) throws Exception {
        try (Connection connection = TestServer.connect(database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
