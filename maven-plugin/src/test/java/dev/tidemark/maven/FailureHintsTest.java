package dev.tidemark.maven;

import static dev.tidemark.maven.Fixtures.v;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.ErrorCode;
import dev.tidemark.TidemarkException;
import dev.tidemark.ValidateResult;
import dev.tidemark.ValidationException;
import dev.tidemark.ValidationProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailureHintsTest {

    private static final DatabaseTarget DATABASE =
            DatabaseTarget.resolve("postgres://app:hunter2@db:5432/app", null, null, null, null);

    @Test
    void connectionFailed_namesTheUrlWithoutItsPassword() {
        String message = FailureHints.message(
                new TidemarkException(ErrorCode.CONNECTION_FAILED, "Cannot connect to db:5432."), DATABASE);

        assertThat(message)
                .startsWith("[TM-R010] Cannot connect to db:5432." + System.lineSeparator())
                .contains("Check <url> (-Dschema.url) (now postgres://app:****@db:5432/app from <url> (-Dschema.url))")
                .contains("<connectRetries> (-Dschema.connectRetries)")
                .doesNotContain("hunter2");
    }

    @Test
    void authenticationFailed_namesEverySourceOfCredentials() {
        assertThat(FailureHints.hint(new TidemarkException(ErrorCode.AUTHENTICATION_FAILED, "refused"), DATABASE))
                .contains("<user> (-Dschema.user)", "<password> (-Dschema.password)", "<serverId> (-Dschema.serverId)");
    }

    @Test
    void runtimeMessageIsKeptAsItIs() {
        TidemarkException failure = new TidemarkException(ErrorCode.MIGRATION_FAILED, "line one\nline two");

        assertThat(FailureHints.message(failure, DATABASE)).isEqualTo("[TM-R100] line one\nline two");
    }

    @Test
    void noHintWhenTheRuntimeAlreadyNamedTheProperty() {
        assertThat(FailureHints.hint(
                        new TidemarkException(ErrorCode.LOCK_WAIT_TIMEOUT, "raise -Dschema.lockWait"), DATABASE))
                .isNull();
        assertThat(FailureHints.hint(new TidemarkException(ErrorCode.LOCK_WAIT_TIMEOUT, "waited"), DATABASE))
                .isEqualTo("<lockWait> (-Dschema.lockWait) sets how long to wait for the migration lock.");
    }

    @Test
    void noHintWhenTheRuntimeNamesTheSettingInThePluginsTerms() {
        assertThat(FailureHints.hint(
                        new TidemarkException(
                                ErrorCode.CONNECTION_FAILED, "Cannot connect.\nCheck the host and port in schema.url."),
                        DATABASE))
                .isNull();
    }

    @Test
    void authenticationFailed_namesTheSettingsServerTheCredentialsCameFrom() {
        DatabaseTarget fromServer = DatabaseTarget.resolve(
                "jdbc:postgresql://db/app", null, null, new ServerCredentials("prod-db", "app", "pw"), null);

        assertThat(FailureHints.hint(
                        new TidemarkException(ErrorCode.AUTHENTICATION_FAILED, "Check schema.user."), fromServer))
                .isEqualTo("The credentials came from the settings.xml <server> 'prod-db' named by <serverId>"
                        + " (-Dschema.serverId): check its <username> and <password>.");
    }

    @Test
    void validation_pointsAtOutOfOrder() {
        ValidateResult result = new ValidateResult(
                List.of(new ValidationProblem(ValidationProblem.Kind.OUT_OF_ORDER, v("2"), "M2", "2 is older.")),
                List.of(),
                List.of(),
                v("3"));

        assertThat(FailureHints.hint(new ValidationException("invalid", result), DATABASE))
                .isEqualTo("<outOfOrder> (-Dschema.outOfOrder) set to true lets older pending migrations run.");
    }

    @Test
    void drift_namesTheWayToAcceptIt_onMigrateAndOnValidate() {
        String accept = "To keep the changes as they are: mvn compile schema:diff -Dschema.accept accepts the live"
                + " schema as the new reference and records who accepted which differences.";
        assertThat(FailureHints.hint(
                        new TidemarkException(ErrorCode.DRIFT_DETECTED, "differs; or set -Dschema.drift=WARN"),
                        DATABASE))
                .isEqualTo(accept);
        ValidateResult result = new ValidateResult(
                List.of(new ValidationProblem(ValidationProblem.Kind.DRIFT, v("1"), null, "table t is missing")),
                List.of(),
                List.of(),
                v("1"));
        assertThat(FailureHints.hint(new ValidationException("invalid", result), DATABASE))
                .isEqualTo(accept);
    }
}
