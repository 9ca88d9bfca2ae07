package dev.tidemark.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.Action;
import dev.tidemark.ErrorCode;
import dev.tidemark.Phrase;
import dev.tidemark.Setting;
import dev.tidemark.TidemarkException;
import org.junit.jupiter.api.Test;

/** A runtime failure in the plugin's words: its settings as POM elements and properties, its actions as goals. */
class FailureMessageTest {

    private static final DatabaseTarget DATABASE =
            DatabaseTarget.resolve("postgres://app:hunter2@db:5432/app", null, null, null, null);

    private static TidemarkException failure(ErrorCode code, Phrase remedy) {
        return new TidemarkException(code, Phrase.of("It failed."), Phrase.of("Nothing was done."), remedy, null);
    }

    @Test
    void settingsAndActions_areWordedAsPomElementsPropertiesAndGoals() {
        TidemarkException stopped = failure(
                ErrorCode.FAILED_MIGRATION_PRESENT,
                Phrase.builder()
                        .append("Raise ")
                        .setting(Setting.LOCK_WAIT)
                        .append(", resume with ")
                        .action(Action.MIGRATE, Setting.RESUME, true)
                        .append(" or ")
                        .action(Action.REPAIR, Setting.REPAIR_AS, "removed")
                        .append(".")
                        .build());

        assertThat(FailureMessage.of(stopped, DATABASE))
                .isEqualTo("[TM-R042] It failed.\nNothing was done.\nRaise <lockWait> (-Dschema.lockWait), resume with"
                        + " mvn schema:migrate -Dschema.resume=true or mvn schema:repair -Dschema.repairAs=removed.");
    }

    @Test
    void everySettingAndAction_hasThePluginsWords() {
        for (Setting setting : Setting.values()) {
            assertThat(MavenTerms.INSTANCE.setting(setting, null)).matches("<\\w+> \\(-Dschema\\.\\w+\\)");
            assertThat(MavenTerms.INSTANCE.setting(setting, "x")).matches("<(\\w+)>x</\\1> \\(-Dschema\\.\\1=x\\)");
        }
        for (Action action : Action.values()) {
            assertThat(MavenTerms.INSTANCE.action(action, null, null))
                    .startsWith("mvn ")
                    .contains("schema:");
        }
        assertThat(MavenTerms.INSTANCE.action(Action.BASELINE, null, "3"))
                .isEqualTo("mvn schema:baseline -Dschema.baselineVersion=3");
        assertThat(MavenTerms.INSTANCE.action(Action.UNDO, Setting.UNDO_TO, "2"))
                .isEqualTo("mvn compile schema:undo -Dschema.undoTo=2");
        assertThat(MavenTerms.INSTANCE.action(Action.ACCEPT_DRIFT, null, null))
                .isEqualTo("mvn compile schema:diff -Dschema.accept");
    }

    @Test
    void aCodesOwnRemedy_isWordedToo() {
        TidemarkException timedOut = new TidemarkException(ErrorCode.LOCK_WAIT_TIMEOUT, "Gave up.");

        assertThat(timedOut.remedy().render(MavenTerms.INSTANCE)).contains("<lockWait> (-Dschema.lockWait)");
    }

    @Test
    void connectionFailed_saysWhereTheUrlCameFromWithoutItsPassword() {
        String message = FailureMessage.of(
                failure(ErrorCode.CONNECTION_FAILED, Phrase.words("Check ", Setting.URL, ".")), DATABASE);

        assertThat(message)
                .startsWith(
                        "[TM-R010] It failed.\nNothing was done.\nCheck <url> (-Dschema.url)." + System.lineSeparator())
                .endsWith("The database postgres://app:****@db:5432/app came from <url> (-Dschema.url).")
                .doesNotContain("hunter2");
    }

    @Test
    void authenticationFailed_namesEverySourceOfCredentials() {
        assertThat(FailureMessage.origin(new TidemarkException(ErrorCode.AUTHENTICATION_FAILED, "refused"), DATABASE))
                .contains("<user> (-Dschema.user)", "<password> (-Dschema.password)", "<serverId> (-Dschema.serverId)");
    }

    @Test
    void authenticationFailed_namesTheSettingsServerTheCredentialsCameFrom() {
        DatabaseTarget fromServer = DatabaseTarget.resolve(
                "jdbc:postgresql://db/app", null, null, new ServerCredentials("prod-db", "app", "pw"), null);

        assertThat(FailureMessage.origin(new TidemarkException(ErrorCode.AUTHENTICATION_FAILED, "refused"), fromServer))
                .isEqualTo("The credentials came from the settings.xml <server> 'prod-db' named by <serverId>"
                        + " (-Dschema.serverId): check its <username> and <password>.");
    }

    @Test
    void otherFailures_addNothingToTheRuntimesParts() {
        TidemarkException failed = new TidemarkException(ErrorCode.MIGRATION_FAILED, "line one\nline two");

        assertThat(FailureMessage.of(failed, DATABASE)).isEqualTo("[TM-R100] line one\nline two");
    }
}
