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
    void load_namesTheInvalidSetting() {
        assertThat(refused(c -> c.table("")).getMessage())
                .isEqualTo("[TM-R001] schema.table is empty.\nSet it to a name, or leave it out to use the default.");
        assertThat(refused(c -> c.schema("s".repeat(64))).getMessage())
                .startsWith("[TM-R001] schema.schema '" + "s".repeat(64) + "' is 64 bytes long; PostgreSQL names"
                        + " have at most 63 bytes")
                .endsWith("\nChoose a shorter name.");
        assertThat(refused(c -> c.table("ä".repeat(32))).getMessage()).contains("is 64 bytes long");
        assertThat(refused(c -> c.lockWait(Duration.ofSeconds(-1))).getMessage())
                .isEqualTo("[TM-R001] schema.lockWait is PT-1S, a negative duration.\nGive zero or a positive"
                        + " duration.");
        assertThat(refused(c -> c.lockTimeout(Duration.ofMillis(-5))).getMessage())
                .startsWith("[TM-R001] schema.lockTimeout is");
        assertThat(refused(c -> c.connectRetries(-1)).getMessage())
                .isEqualTo("[TM-R001] schema.connectRetries is -1, a negative number.\nSet it to 0 (no retry) or to"
                        + " how many times to retry.");
        assertThat(refused(c -> c.target("next one")).getMessage())
                .startsWith("[TM-R001] schema.target 'next one' is malformed: version 'next one' is malformed")
                .endsWith("\nUse latest, current, or the version of a migration.");
        assertThat(refused(c -> c.url(null)).getMessage())
                .startsWith("[TM-R001] Neither a DataSource nor schema.url is set")
                .contains("\nSet schema.url (jdbc:postgresql://host:5432/database");
        assertThat(refused(c -> c.url("mysql://root:hunter2@db/app")).getMessage())
                .isEqualTo("[TM-R001] schema.url 'mysql://root:****@db/app' is neither a jdbc:postgresql:// URL nor"
                        + " a postgres:// URL.\nUse jdbc:postgresql://host:5432/database or"
                        + " postgres://user:password@host:5432/database.")
                .doesNotContain("hunter2");
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
