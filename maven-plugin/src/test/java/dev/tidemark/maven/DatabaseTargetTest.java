package dev.tidemark.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.ConfigurationException;
import dev.tidemark.spi.SecretMask;
import org.junit.jupiter.api.Test;

class DatabaseTargetTest {

    private static final String POM_URL = "jdbc:postgresql://db:5432/app";
    private static final String ENV_URL = "postgres://envuser:env%40secret@envhost:5432/envdb";

    @Test
    void url_fromTheParameterWinsOverTheEnvironment() {
        DatabaseTarget target = DatabaseTarget.resolve(POM_URL, null, null, null, ENV_URL);

        assertThat(target.url()).isEqualTo(POM_URL);
        assertThat(target.fromEnvironment()).isFalse();
        assertThat(target.source()).isEqualTo("<url> (-Dschema.url)");
    }

    @Test
    void url_fromDatabaseUrlWhenNoneIsConfigured() {
        DatabaseTarget target = DatabaseTarget.resolve(" ", null, null, null, ENV_URL);

        assertThat(target.url()).isEqualTo(ENV_URL);
        assertThat(target.fromEnvironment()).isTrue();
        assertThat(target.user()).isNull();
        assertThat(target.password()).isNull();
    }

    @Test
    void url_missingEverywhereSaysWhereToSetIt() {
        assertThatThrownBy(() -> DatabaseTarget.resolve(null, null, null, null, null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("[TM-R001] No database is configured: set <url> (-Dschema.url) to a URL such as"
                        + " jdbc:postgresql://localhost:5432/app, or the DATABASE_URL environment variable.");
    }

    @Test
    void url_notPostgresIsRefusedWithoutShowingItsPassword() {
        assertThatThrownBy(() -> DatabaseTarget.resolve("mysql://root:hunter2@db/app", null, null, null, null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'mysql://root:****@db/app', which is not a PostgreSQL URL")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void credentials_parametersWinOverServerAndServerOverUrl() {
        ServerCredentials server = new ServerCredentials("prod", "serveruser", "serverpass");

        DatabaseTarget both = DatabaseTarget.resolve(POM_URL, "pomuser", "pompass", server, null);
        assertThat(both.user()).isEqualTo("pomuser");
        assertThat(both.password()).isEqualTo("pompass");
        assertThat(both.serverId()).as("the server gave nothing").isNull();

        DatabaseTarget userOnly = DatabaseTarget.resolve(POM_URL, "pomuser", null, server, null);
        assertThat(userOnly.user()).isEqualTo("pomuser");
        assertThat(userOnly.password()).isEqualTo("serverpass");

        DatabaseTarget serverOnly = DatabaseTarget.resolve(POM_URL, null, "", server, null);
        assertThat(serverOnly.user()).isEqualTo("serveruser");
        assertThat(serverOnly.password()).isEqualTo("serverpass");
        assertThat(serverOnly.serverId()).isEqualTo("prod");

        DatabaseTarget urlOnly = DatabaseTarget.resolve(ENV_URL, null, null, null, null);
        assertThat(urlOnly.user())
                .as("left to the runtime, which reads the URL")
                .isNull();
        assertThat(urlOnly.password()).isNull();
    }

    @Test
    void describe_saysWhereAndAsWhomButNeverThePassword() {
        assertThat(DatabaseTarget.resolve(POM_URL, null, null, new ServerCredentials("prod", "deploy", "s3"), null)
                        .describe())
                .isEqualTo("Database jdbc:postgresql://db:5432/app as deploy (credentials from the settings.xml"
                        + " server 'prod')");
        assertThat(DatabaseTarget.resolve(null, null, null, null, ENV_URL).describe())
                .isEqualTo("Database postgres://envuser:****@envhost:5432/envdb as envuser (from the DATABASE_URL"
                        + " environment variable)");
    }

    @Test
    void describe_namesTheUserOfTheUrlOrTheDriversDefault() {
        assertThat(DatabaseTarget.resolve(
                                "jdbc:postgresql://127.0.0.1:5432/postgres?ssl=false&user=postgres",
                                null,
                                null,
                                null,
                                null)
                        .describe())
                .isEqualTo("Database jdbc:postgresql://127.0.0.1:5432/postgres?ssl=false&user=postgres as postgres");
        assertThat(DatabaseTarget.resolve("postgres://d%40ploy:pw@db/app", null, null, null, null)
                        .describe())
                .isEqualTo("Database postgres://d%40ploy:****@db/app as d@ploy");
        assertThat(DatabaseTarget.resolve("jdbc:postgresql://db/app?user=urluser", "explicit", null, null, null)
                        .describe())
                .isEqualTo("Database jdbc:postgresql://db/app?user=urluser as explicit");
        assertThat(DatabaseTarget.resolve(POM_URL, null, null, null, null).describe())
                .isEqualTo("Database " + POM_URL + " as " + System.getProperty("user.name")
                        + " (no user configured: the driver logs in as the operating-system user)");
    }

    @Test
    void displayUrl_masksPasswordsInUserInfoAndQuery() {
        assertThat(DatabaseTarget.resolve(ENV_URL, null, null, null, null).displayUrl())
                .isEqualTo("postgres://envuser:****@envhost:5432/envdb");
        assertThat(DatabaseTarget.resolve(
                                "jdbc:postgresql://db/app?user=a&password=s3cret&ssl=true", null, null, null, null)
                        .displayUrl())
                .isEqualTo("jdbc:postgresql://db/app?user=a&password=****&ssl=true");
        assertThat(DatabaseTarget.resolve(POM_URL, null, null, null, null).displayUrl())
                .isEqualTo(POM_URL);
    }

    @Test
    void secrets_knowTheDecodedPasswordAndTheExplicitOne() {
        SecretMask mask =
                DatabaseTarget.resolve(ENV_URL, null, "explicit-pw", null, null).secrets();

        assertThat(mask.mask("env@secret env%40secret explicit-pw")).isEqualTo("**** **** ****");
        assertThat(DatabaseTarget.resolve(ENV_URL, null, "explicit-pw", null, null)
                        .toString())
                .doesNotContain("secret", "explicit-pw");
    }

    @Test
    void passwordIn_readsOnlyUserInfo() {
        assertThat(DatabaseTarget.passwordIn("postgres://u:p%3Aw@h/db")).isEqualTo("p%3Aw");
        assertThat(DatabaseTarget.passwordIn("postgres://u@h/db")).isNull();
        assertThat(DatabaseTarget.passwordIn("jdbc:postgresql://h/db?user=u")).isNull();
        assertThat(DatabaseTarget.passwordIn("postgresql://u:pw@h/db?x=a@b")).isEqualTo("pw");
    }

    @Test
    void addPasswordOf_masksAShadowUrlsPasswordAsWrittenAndDecoded() {
        SecretMask mask =
                DatabaseTarget.addPasswordOf("postgres://scratch:p%40ss@scratch-db:5432/postgres", new SecretMask());

        assertThat(mask.mask("url postgres://scratch:p%40ss@scratch-db/postgres, password p@ss"))
                .isEqualTo("url postgres://scratch:****@scratch-db/postgres, password ****");
        assertThat(DatabaseTarget.addPasswordOf(null, new SecretMask()).mask("nothing to hide"))
                .isEqualTo("nothing to hide");
    }
}
