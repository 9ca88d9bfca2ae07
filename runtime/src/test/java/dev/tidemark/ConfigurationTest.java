package dev.tidemark;

import static dev.tidemark.MigrateTest.threeMigrations;
import static dev.tidemark.testing.TestManifest.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tidemark.internal.config.DatabaseUrl;
import dev.tidemark.internal.config.Secrets;
import dev.tidemark.spi.MigrationEntry;
import dev.tidemark.spi.MigrationManifest;
import dev.tidemark.testing.ServiceManifest;
import dev.tidemark.testing.TestManifest;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings and manifests are checked in load(), before any connection: no database needed. */
class ConfigurationTest {

    static final String URL = "jdbc:postgresql://db.invalid:5432/app";

    static ConfigurationException refused(UnaryOperator<Configuration> settings) {
        return catchThrowableOfType(
                ConfigurationException.class,
                () -> settings.apply(Tidemark.configure().url(URL).manifests(threeMigrations()))
                        .load());
    }

    @Test
    void load_namesTheInvalidSettingAsTheApiSpellsIt() {
        assertThat(refused(c -> c.table("")).getMessage())
                .isEqualTo(
                        "[TM-R001] table(String) is empty: it needs a name.\nGive a name, or leave the setting out for the"
                                + " default.");
        assertThat(refused(c -> c.schema("s".repeat(64))).getMessage())
                .startsWith("[TM-R001] schema(String) is '" + "s".repeat(64) + "', 64 bytes long: PostgreSQL names"
                        + " have at most 63 bytes")
                .endsWith("\nChoose a shorter name.");
        assertThat(refused(c -> c.table("ä".repeat(32))).getMessage()).contains("64 bytes long");
        assertThat(refused(c -> c.table("a\0b")).getMessage())
                .isEqualTo(
                        "[TM-R001] table(String) contains a NUL character: PostgreSQL names cannot.\nChoose another name.");
        assertThat(refused(c -> c.lockWait(Duration.ofSeconds(-1))).getMessage())
                .isEqualTo(
                        "[TM-R001] lockWait(Duration) is PT-1S: a duration must not be negative.\nGive a duration such as"
                                + " PT10S, or zero.");
        assertThat(refused(c -> c.lockWait(null)).getMessage())
                .isEqualTo(
                        "[TM-R001] lockWait(Duration) is not set: it needs a duration.\nGive a duration such as PT10S, or"
                                + " zero.");
        assertThat(refused(c -> c.lockTimeout(Duration.ofMillis(-5))).getMessage())
                .startsWith("[TM-R001] lockTimeout(Duration) is PT-0.005S: a duration must not be negative.");
        assertThat(refused(c -> c.connectRetries(-1)).getMessage())
                .isEqualTo("[TM-R001] connectRetries(int) is -1: a count must not be negative.\nGive zero or a positive"
                        + " whole number.");
        assertThat(refused(c -> c.target("next one")).getMessage())
                .startsWith("[TM-R001] target(String) is 'next one': version 'next one' is malformed")
                .endsWith("\nGive latest, current, or the version of a migration.");
        assertThat(refused(c -> c.url(null)).getMessage())
                .isEqualTo("[TM-R001] url(String) is not set, and no DataSource is given: Tidemark has no database to"
                        + " connect to.\nGive a URL (jdbc:postgresql://host:5432/database or"
                        + " postgres://user:password@host:5432/database), or pass a DataSource.");
        assertThat(refused(c -> c.url("mysql://root:hunter2@db/app")).getMessage())
                .isEqualTo("[TM-R001] url(String) is 'mysql://root:****@db/app': neither a jdbc:postgresql:// URL nor"
                        + " a postgres:// URL.\nGive jdbc:postgresql://host:5432/database or"
                        + " postgres://user:password@host:5432/database.")
                .doesNotContain("hunter2");
    }

    @Test
    void refusal_keepsTheSettingAndItsTwoPartsForACallerToRespell() {
        ConfigurationException failure = refused(c -> c.lockWait(Duration.ofSeconds(-1)));
        assertThat(failure.setting()).isEqualTo(Setting.LOCK_WAIT);
        assertThat(failure.problem()).isEqualTo("is PT-1S: a duration must not be negative.");
        assertThat(failure.remedy().render(CallerTerms.API)).isEqualTo("Give a duration such as PT10S, or zero.");
        CallerTerms commandLine = new CallerTerms() {
            @Override
            public String setting(Setting setting, String value) {
                return "--" + setting.kebabName();
            }

            @Override
            public String action(Action action, Setting option, String value) {
                return action.name().toLowerCase(java.util.Locale.ROOT);
            }
        };
        assertThat(failure.message(commandLine))
                .isEqualTo("[TM-R001] --lock-wait is PT-1S: a duration must not be negative.\nGive a duration such as"
                        + " PT10S, or zero.");
        assertThat(failure.getMessage()).doesNotContain("schema.");
    }

    @Test
    void set_readsTextAsACallerHandsItOver_andFailsWithTheSameWords() {
        Configuration configuration = Tidemark.configure().url(URL).manifests(threeMigrations());
        configuration.set(Setting.LOCK_WAIT, "30s").set(Setting.DRIFT, "Warn").set(Setting.CONNECT_RETRIES, " 3 ");
        assertThat(configuration.checkedValues())
                .containsEntry(Setting.LOCK_WAIT, Duration.ofSeconds(30))
                .containsEntry(Setting.DRIFT, DriftMode.WARN)
                .containsEntry(Setting.CONNECT_RETRIES, 3);
        configuration.set(Setting.LOCK_WAIT, " ");
        assertThat(configuration.checkedValues()).containsEntry(Setting.LOCK_WAIT, Duration.ofSeconds(30));

        assertThat(refused(c -> c.set(Setting.LOCK_WAIT, "PT-1S")).getMessage())
                .isEqualTo(refused(c -> c.lockWait(Duration.ofSeconds(-1))).getMessage());
        assertThatThrownBy(() -> configuration.set(Setting.LOCK_WAIT, "soon"))
                .hasMessage(
                        "[TM-R001] lockWait(Duration) is 'soon': not a duration.\nGive seconds (30), a number with a unit"
                                + " (500ms, 30s, 5m, 1h) or ISO-8601 (PT30S).");
        assertThatThrownBy(() -> configuration.set(Setting.DRIFT, "loud"))
                .hasMessage(
                        "[TM-R001] drift(DriftMode) is 'loud': not one of fail, warn, ignore.\nGive fail, warn or ignore.");
        assertThatThrownBy(() -> configuration.set(Setting.REHEARSE, "yes"))
                .hasMessage("[TM-R001] rehearse(boolean) is 'yes': not true or false.\nGive true or false.");
        assertThatThrownBy(() -> configuration.set(Setting.CONNECT_RETRIES, "many"))
                .hasMessage(
                        "[TM-R001] connectRetries(int) is 'many': not a whole number.\nGive a whole number, such as 3.");
    }

    @Test
    void load_acceptsDefaultsAndDescribesItselfWithoutThePassword() {
        Tidemark tidemark = Tidemark.configure()
                .url("postgres://app:s3cr%40t@db.example.com:6432/shop?sslmode=require")
                .manifests(threeMigrations())
                .load();
        assertThat(tidemark.migrations())
                .extracting(m -> m.version().toString())
                .containsExactly("1", "2", "3");
        assertThat(tidemark.toString())
                .contains("db.example.com:6432, database shop")
                .contains("password=****")
                .doesNotContain("s3cr");
    }

    @Test
    void databaseUrl_parsesPlatformUrlsWithPercentDecoding() {
        DatabaseUrl url = DatabaseUrl.parse(
                "postgres://app%20user:p%40ss%3Aw0rd@db.example.com:6432/my%2Ddb" + "?sslmode=require");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6432/my%2Ddb?sslmode=require");
        assertThat(url.user()).isEqualTo("app user");
        assertThat(url.password()).isEqualTo("p@ss:w0rd");
        assertThat(url.hostAndPort()).isEqualTo("db.example.com:6432");
        assertThat(url.database()).isEqualTo("my-db");
        assertThat(url.toString()).doesNotContain("p@ss");

        DatabaseUrl noPort = DatabaseUrl.parse("postgresql://localhost/app");
        assertThat(noPort.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/app");
        assertThat(noPort.user()).isNull();
        assertThat(noPort.password()).isNull();
    }

    @Test
    void databaseUrl_takesCredentialsOutOfJdbcUrls() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://h:5433/app?user=u&password=p%26q&ssl=true");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5433/app?ssl=true");
        assertThat(url.user()).isEqualTo("u");
        assertThat(url.password()).isEqualTo("p&q");
        assertThat(url.describe()).isEqualTo("h:5433, database app");
        assertThat(DatabaseUrl.parse("jdbc:postgresql://h/app").describe()).isEqualTo("h:5432, database app");
    }

    @Test
    void secrets_masksPasswordsInUrlsAndText() {
        assertThat(Secrets.maskUrl("postgres://u:pw@h/db")).isEqualTo("postgres://u:****@h/db");
        assertThat(Secrets.maskUrl("jdbc:postgresql://h/db?user=u&password=pw&ssl=true"))
                .isEqualTo("jdbc:postgresql://h/db?user=u&password=****&ssl=true");
        assertThat(Secrets.scrub("FATAL: bad pw for pw", "pw")).isEqualTo("FATAL: bad **** for ****");
    }

    @Test
    void manifests_refuseADuplicateVersionAcrossManifests() {
        MigrationManifest first = TestManifest.of(sql("1", "a", "SELECT 1"), sql("2", "b", "SELECT 2"));
        MigrationManifest second = TestManifest.of(sql("2.0", "c", "SELECT 3"));
        ConfigurationException failure = catchThrowableOfType(
                ConfigurationException.class,
                () -> Tidemark.configure().url(URL).manifests(first, second).load());
        assertThat(failure.code()).isEqualTo(ErrorCode.INVALID_MANIFEST);
        assertThat(failure.getMessage())
                .startsWith("[TM-R002] Two migrations have version 2.0: test.V2 (in dev.tidemark.testing.TestManifest)"
                        + " and test.V2_0")
                .endsWith("\nGive one of them another version; every version identifies exactly one migration.");
    }

    @Test
    void manifests_mergeSeveralInVersionOrder() {
        Tidemark tidemark = Tidemark.configure()
                .url(URL)
                .manifests(
                        TestManifest.of(sql("1.10", "a", "SELECT 1"), sql("3", "b", "SELECT 3")),
                        TestManifest.of(sql("1.9", "c", "SELECT 2")))
                .load();
        assertThat(tidemark.migrations())
                .extracting(m -> m.version().toString())
                .containsExactly("1.9", "1.10", "3");
    }

    @Test
    void manifests_refuseANewerFormatAndMalformedVersions() {
        assertThatThrownBy(() -> Tidemark.configure()
                        .url(URL)
                        .manifests(TestManifest.of(sql("1", "a", "SELECT 1")).withFormatVersion(3))
                        .load())
                .hasMessageStartingWith("[TM-R002] The manifest dev.tidemark.testing.TestManifest has format 3, newer"
                        + " than the format 2 this Tidemark runtime reads.")
                .hasMessageEndingWith("\nUse a tidemark-runtime (or plugin) of the same version as the"
                        + " tidemark-processor that compiled the migrations.");
        MigrationEntry malformed =
                new MigrationEntry("1.a", "bad", "com.acme.Bad", "v1:0", true, false, () -> db -> {});
        assertThatThrownBy(() -> Tidemark.configure()
                        .url(URL)
                        .manifests(TestManifest.of(malformed))
                        .load())
                .hasMessageStartingWith("[TM-R002] The manifest dev.tidemark.testing.TestManifest lists com.acme.Bad"
                        + " with an invalid version: version '1.a' is malformed")
                .hasMessageEndingWith("\nFix the version in its @Migration and rebuild.");
    }

    @Test
    void manifests_whenNoneIsFoundSayHowToConfigureTheProcessor() throws Exception {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            ConfigurationException failure = catchThrowableOfType(
                    ConfigurationException.class,
                    () -> Tidemark.configure().url(URL).classLoader(empty).load());
            assertThat(failure.code()).isEqualTo(ErrorCode.INVALID_MANIFEST);
            assertThat(failure.getMessage())
                    .contains("no META-INF/services/dev.tidemark.spi.MigrationManifest on the class path")
                    .contains("\nAdd dev.tidemark:tidemark-processor to the maven-compiler-plugin's"
                            + " <annotationProcessorPaths>");
        }
    }

    @Test
    void manifests_areFoundThroughServiceLoaderInTheGivenOrContextClassLoader(@TempDir Path classes) throws Exception {
        Path services = classes.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(MigrationManifest.class.getName()), ServiceManifest.class.getName() + "\n");
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {classes.toUri().toURL()}, ConfigurationTest.class.getClassLoader())) {
            assertThat(Tidemark.configure().url(URL).classLoader(loader).load().migrations())
                    .extracting(MigrationDescriptor::description)
                    .containsExactly("from the service file");

            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                assertThat(Tidemark.configure().url(URL).load().migrations()).hasSize(1);
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
    }
}
