package dev.tidemark.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.ConfigurationException;
import dev.tidemark.ConfigurationProbe;
import dev.tidemark.DriftMode;
import dev.tidemark.RepairAs;
import dev.tidemark.Tidemark;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoalSettingsTest {

    private static final DatabaseTarget DATABASE =
            DatabaseTarget.resolve("jdbc:postgresql://db/app", "alice", "pw", null, null);

    @Test
    void applyTo_copiesEverySettingGiven() {
        GoalSettings settings = new GoalSettings();
        settings.schema = " billing ";
        settings.table = "history";
        settings.target = "4";
        settings.outOfOrder = true;
        settings.validateOnMigrate = false;
        settings.failOnPending = true;
        settings.createSchema = false;
        settings.lockWait = "5m";
        settings.lockTimeout = "PT2S";
        settings.statementTimeout = "600";
        settings.connectRetries = 3;
        settings.connectRetryInterval = "500ms";
        settings.applicationName = "deploy";
        settings.installedBy = "ci";
        settings.drift = " Warn ";

        ConfigurationProbe probe = new ConfigurationProbe(settings.applyTo(Tidemark.configure(), DATABASE));

        assertThat(probe.url()).isEqualTo("jdbc:postgresql://db/app");
        assertThat(probe.user()).isEqualTo("alice");
        assertThat(probe.password()).isEqualTo("pw");
        assertThat(probe.schema()).isEqualTo("billing");
        assertThat(probe.table()).isEqualTo("history");
        assertThat(probe.target()).isEqualTo("4");
        assertThat(probe.outOfOrder()).isTrue();
        assertThat(probe.validateOnMigrate()).isFalse();
        assertThat(probe.failOnPending()).isTrue();
        assertThat(probe.createSchema()).isFalse();
        assertThat(probe.lockWait()).isEqualTo(Duration.ofMinutes(5));
        assertThat(probe.lockTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(probe.statementTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(probe.connectRetries()).isEqualTo(3);
        assertThat(probe.connectRetryInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(probe.applicationName()).isEqualTo("deploy");
        assertThat(probe.installedBy()).isEqualTo("ci");
        assertThat(probe.drift()).isEqualTo(DriftMode.WARN);
    }

    @Test
    void applyTo_leavesTheRuntimeDefaultsForWhatIsNotGiven() {
        ConfigurationProbe defaults = new ConfigurationProbe(Tidemark.configure());
        ConfigurationProbe probe = new ConfigurationProbe(new GoalSettings()
                .applyTo(Tidemark.configure(), DatabaseTarget.resolve("postgres://u@h/db", null, null, null, null)));

        assertThat(probe.user()).isNull();
        assertThat(probe.password()).isNull();
        assertThat(probe.schema()).isEqualTo(defaults.schema());
        assertThat(probe.table()).isEqualTo(defaults.table());
        assertThat(probe.target()).isEqualTo(defaults.target());
        assertThat(probe.validateOnMigrate()).isEqualTo(defaults.validateOnMigrate());
        assertThat(probe.createSchema()).isEqualTo(defaults.createSchema());
        assertThat(probe.lockWait()).isEqualTo(defaults.lockWait());
        assertThat(probe.lockTimeout()).isEqualTo(defaults.lockTimeout());
        assertThat(probe.applicationName()).isEqualTo(defaults.applicationName());
        assertThat(probe.drift()).isEqualTo(defaults.drift());
    }

    @Test
    void applyTo_namesTheBadDuration() {
        GoalSettings settings = new GoalSettings();
        settings.statementTimeout = "ten minutes";

        assertThatThrownBy(() -> settings.applyTo(Tidemark.configure(), DATABASE))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("<statementTimeout> (-Dschema.statementTimeout) is 'ten minutes'");
    }

    @Test
    void applyTo_namesTheBadDriftMode() {
        GoalSettings settings = new GoalSettings();
        settings.drift = "strict";

        assertThatThrownBy(() -> settings.applyTo(Tidemark.configure(), DATABASE))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(
                        "[TM-R001] <drift> (-Dschema.drift) is 'strict', which is not one of fail, warn or ignore.");
    }

    @Test
    void applyTo_copiesResumeAndTheRepairChoice_andNamesABadChoice() {
        GoalSettings settings = new GoalSettings();
        settings.resume = true;
        settings.repairAs = " Applied ";

        ConfigurationProbe probe = new ConfigurationProbe(settings.applyTo(Tidemark.configure(), DATABASE));

        assertThat(probe.resume()).isTrue();
        assertThat(probe.repairAs()).isEqualTo(RepairAs.APPLIED);
        assertThat(new ConfigurationProbe(new GoalSettings().applyTo(Tidemark.configure(), DATABASE)).repairAs())
                .isNull();
        settings.repairAs = "done";
        assertThatThrownBy(() -> settings.applyTo(Tidemark.configure(), DATABASE))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("[TM-R001] <repairAs> (-Dschema.repairAs) is 'done', which is not one of applied or"
                        + " removed.");
    }

    @Test
    void applyTo_refusesNegativeRetries() {
        GoalSettings settings = new GoalSettings();
        settings.connectRetries = -1;

        assertThatThrownBy(() -> settings.applyTo(Tidemark.configure(), DATABASE))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("<connectRetries> (-Dschema.connectRetries) is -1, which is negative");
    }

    @Test
    void applyTo_copiesTheUndoAndRehearsalSettings() {
        GoalSettings settings = new GoalSettings();
        settings.undoNonTransactional = true;
        settings.rehearse = true;
        settings.rehearsalLockTimeout = "500ms";
        settings.rehearsalReport = new java.io.File("target/rehearsal.md");

        ConfigurationProbe probe = new ConfigurationProbe(settings.applyTo(Tidemark.configure(), DATABASE));

        assertThat(probe.undoNonTransactional()).isTrue();
        assertThat(probe.rehearse()).isTrue();
        assertThat(probe.rehearsalLockTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(probe.rehearsalReport()).isEqualTo(java.nio.file.Path.of("target/rehearsal.md"));

        ConfigurationProbe defaults =
                new ConfigurationProbe(new GoalSettings().applyTo(Tidemark.configure(), DATABASE));
        assertThat(defaults.undoNonTransactional()).isFalse();
        assertThat(defaults.rehearse()).isFalse();
        assertThat(defaults.rehearsalLockTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(defaults.rehearsalReport()).isNull();
    }

    @Test
    void applyTo_copiesTheShadowUrl_andLeavesItUnsetByDefault() {
        GoalSettings settings = new GoalSettings();
        settings.shadowUrl = " postgres://scratch:pw@scratch-db:5432/postgres ";

        ConfigurationProbe probe = new ConfigurationProbe(settings.applyTo(Tidemark.configure(), DATABASE));

        assertThat(probe.shadowUrl()).isEqualTo("postgres://scratch:pw@scratch-db:5432/postgres");
        assertThat(new ConfigurationProbe(new GoalSettings().applyTo(Tidemark.configure(), DATABASE)).shadowUrl())
                .isNull();
    }

    @Test
    void applyTo_namesTheBadRehearsalLockTimeout() {
        GoalSettings settings = new GoalSettings();
        settings.rehearsalLockTimeout = "soon";

        assertThatThrownBy(() -> settings.applyTo(Tidemark.configure(), DATABASE))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("<rehearsalLockTimeout> (-Dschema.rehearsalLockTimeout) is 'soon'");
    }
}
