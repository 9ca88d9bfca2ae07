package dev.tidemark.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tidemark.ConfigurationException;
import dev.tidemark.ConfigurationProbe;
import dev.tidemark.DriftMode;
import dev.tidemark.RepairAs;
import dev.tidemark.Setting;
import dev.tidemark.Tidemark;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class GivenParametersTest {

    private static final DatabaseTarget DATABASE =
            DatabaseTarget.resolve("jdbc:postgresql://db/app", "alice", "pw", null, null);

    /** Fields as a goal declares them: named as the settings, typed as Maven injects them. */
    @SuppressWarnings("unused")
    private static class Goal {
        String schema = " billing ";
        String table = "history";
        String target = "4";
        Boolean outOfOrder = true;
        Boolean validateOnMigrate = false;
        Boolean createSchema = false;
        String lockWait = "5m";
        String lockTimeout = "PT2S";
        String statementTimeout = "600";
        Integer connectRetries = 3;
        String connectRetryInterval = "500ms";
        String drift = " Warn ";
        String repairAs = " Applied ";
        File rehearsalReport = new File("target/rehearsal.md");
        String shadowUrl = "  ";
        Boolean failOnPending;
        String notASetting = "ignored";
    }

    @Test
    void of_readsTheFieldsNamedAsSettings_andApplyToCopiesWhatIsGiven() {
        GivenParameters given = GivenParameters.of(new Goal());

        assertThat(given.given())
                .as("blank and null are not given; a field that is no setting is not read")
                .doesNotContainKeys(Setting.SHADOW_URL, Setting.FAIL_ON_PENDING)
                .containsEntry(Setting.CONNECT_RETRIES, "3")
                .containsEntry(Setting.REHEARSAL_REPORT, "target" + File.separator + "rehearsal.md")
                .hasSize(14);

        ConfigurationProbe probe = new ConfigurationProbe(given.applyTo(Tidemark.configure(), DATABASE));
        assertThat(probe.get(Setting.URL)).isEqualTo("jdbc:postgresql://db/app");
        assertThat(probe.get(Setting.USER)).isEqualTo("alice");
        assertThat(probe.get(Setting.PASSWORD)).isEqualTo("pw");
        assertThat(probe.get(Setting.SCHEMA)).isEqualTo("billing");
        assertThat(probe.get(Setting.TABLE)).isEqualTo("history");
        assertThat(probe.get(Setting.TARGET)).isEqualTo("4");
        assertThat(probe.get(Setting.OUT_OF_ORDER)).isEqualTo(true);
        assertThat(probe.get(Setting.VALIDATE_ON_MIGRATE)).isEqualTo(false);
        assertThat(probe.get(Setting.CREATE_SCHEMA)).isEqualTo(false);
        assertThat(probe.get(Setting.LOCK_WAIT)).isEqualTo(Duration.ofMinutes(5));
        assertThat(probe.get(Setting.LOCK_TIMEOUT)).isEqualTo(Duration.ofSeconds(2));
        assertThat(probe.get(Setting.STATEMENT_TIMEOUT)).isEqualTo(Duration.ofMinutes(10));
        assertThat(probe.get(Setting.CONNECT_RETRIES)).isEqualTo(3);
        assertThat(probe.get(Setting.CONNECT_RETRY_INTERVAL)).isEqualTo(Duration.ofMillis(500));
        assertThat(probe.get(Setting.DRIFT)).isEqualTo(DriftMode.WARN);
        assertThat(probe.get(Setting.REPAIR_AS)).isEqualTo(RepairAs.APPLIED);
        assertThat(probe.get(Setting.REHEARSAL_REPORT)).isEqualTo(Path.of("target/rehearsal.md"));
        assertThat(probe.get(Setting.SHADOW_URL)).isNull();
        assertThat(probe.get(Setting.FAIL_ON_PENDING)).isEqualTo(false);
    }

    @Test
    void applyTo_leavesTheRuntimeDefaultsForWhatIsNotGiven() {
        ConfigurationProbe defaults = new ConfigurationProbe(Tidemark.configure());
        ConfigurationProbe probe = new ConfigurationProbe(new GivenParameters()
                .applyTo(Tidemark.configure(), DatabaseTarget.resolve("postgres://u@h/db", null, null, null, null)));

        for (Setting setting : Setting.values()) {
            if (setting != Setting.URL) {
                assertThat(probe.get(setting)).as(setting.camelName()).isEqualTo(defaults.get(setting));
            }
        }
    }

    @Test
    void refusals_nameTheElementAndTheProperty_inTheCatalogsWords() {
        assertThat(refused(() -> new GivenParameters().put(Setting.STATEMENT_TIMEOUT, "ten minutes")))
                .isEqualTo("[TM-R001] <statementTimeout> (-Dschema.statementTimeout) is 'ten minutes': not a"
                        + " duration.\nGive seconds (30), a number with a unit (500ms, 30s, 5m, 1h) or ISO-8601"
                        + " (PT30S).");
        assertThat(refused(() -> new GivenParameters().put(Setting.DRIFT, "strict")))
                .isEqualTo("[TM-R001] <drift> (-Dschema.drift) is 'strict': not one of fail, warn, ignore.\nGive"
                        + " fail, warn or ignore.");
        assertThat(refused(() -> new GivenParameters().put(Setting.REPAIR_AS, "done")))
                .isEqualTo("[TM-R001] <repairAs> (-Dschema.repairAs) is 'done': not one of applied, removed.\nGive"
                        + " applied or removed.");
        assertThat(refused(() -> new GivenParameters().put(Setting.CONNECT_RETRIES, -1)))
                .isEqualTo("[TM-R001] <connectRetries> (-Dschema.connectRetries) is -1: a count must not be"
                        + " negative.\nGive zero or a positive whole number.");
        assertThat(refused(() -> new GivenParameters().put(Setting.REHEARSAL_LOCK_TIMEOUT, "PT-1S")))
                .isEqualTo("[TM-R001] <rehearsalLockTimeout> (-Dschema.rehearsalLockTimeout) is PT-1S: a duration"
                        + " must not be negative.\nGive a duration such as PT10S, or zero.");
    }

    /** The message the plugin prints when loading with {@code parameters} fails. */
    private static String refused(Supplier<GivenParameters> parameters) {
        ConfigurationException failure = catchThrowableOfType(
                ConfigurationException.class,
                () -> parameters.get().applyTo(Tidemark.configure(), DATABASE).load());
        return Parameters.message(failure);
    }
}
