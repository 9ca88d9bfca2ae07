package dev.tidemark;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** One failure, worded by each caller in its own terms: nothing in the runtime fixes the spelling. */
class CallerTermsTest {

    /** A command line's words, as a caller outside the runtime would write them. */
    private static final CallerTerms COMMAND_LINE = new CallerTerms() {
        @Override
        public String setting(Setting setting, String value) {
            return "--" + setting.kebabName() + (value == null ? "" : "=" + value);
        }

        @Override
        public String action(Action action, Setting option, String value) {
            String command =
                    "tidemark " + action.name().toLowerCase(Locale.ROOT).replace('_', '-');
            if (option == null) {
                return value == null ? command : command + " " + value;
            }
            return command + " " + setting(option, value);
        }
    };

    private static final TidemarkException STOPPED = new TidemarkException(
            ErrorCode.FAILED_MIGRATION_PRESENT,
            Phrase.of("Migration 4 stopped after 2 of its statements."),
            Phrase.of("The database holds what they did."),
            Phrase.builder()
                    .append("Raise ")
                    .setting(Setting.LOCK_WAIT)
                    .append(", or ")
                    .action(Action.REPAIR, Setting.REPAIR_AS, "removed")
                    .append(".")
                    .build(),
            null);

    @Test
    void getMessage_wordsTheRemedyInTheApisTerms() {
        assertThat(STOPPED.getMessage())
                .isEqualTo("[TM-R042] Migration 4 stopped after 2 of its statements.\n"
                        + "The database holds what they did.\n"
                        + "Raise lockWait(Duration), or repair() with repairAs(RepairAs.REMOVED).");
    }

    @Test
    void message_wordsTheSameRemedyInACallersOwnTerms() {
        assertThat(STOPPED.message(COMMAND_LINE))
                .isEqualTo("[TM-R042] Migration 4 stopped after 2 of its statements.\n"
                        + "The database holds what they did.\n"
                        + "Raise --lock-wait, or tidemark repair --repair-as=removed.");
    }

    @Test
    void remedy_keepsItsReferencesForACallerToInspect() {
        assertThat(STOPPED.remedy().names(Setting.LOCK_WAIT)).isTrue();
        assertThat(STOPPED.remedy().names(Setting.REPAIR_AS)).isTrue();
        assertThat(STOPPED.remedy().names(Action.REPAIR)).isTrue();
        assertThat(STOPPED.remedy().names(Action.MIGRATE)).isFalse();
        assertThat(STOPPED.remedy().parts())
                .containsExactly(
                        new Phrase.Text("Raise "),
                        new Phrase.SettingReference(Setting.LOCK_WAIT, null),
                        new Phrase.Text(", or "),
                        new Phrase.ActionReference(Action.REPAIR, Setting.REPAIR_AS, "removed"),
                        new Phrase.Text("."));
    }

    @Test
    void apiTerms_nameTheConfigurationMethodAndItsArgument() {
        CallerTerms api = CallerTerms.API;
        assertThat(api.setting(Setting.LOCK_WAIT, null)).isEqualTo("lockWait(Duration)");
        assertThat(api.setting(Setting.LOCK_WAIT, "PT2M")).isEqualTo("lockWait(Duration.parse(\"PT2M\"))");
        assertThat(api.setting(Setting.OUT_OF_ORDER, "true")).isEqualTo("outOfOrder(true)");
        assertThat(api.setting(Setting.DRIFT, "warn")).isEqualTo("drift(DriftMode.WARN)");
        assertThat(api.setting(Setting.SCHEMA, null)).isEqualTo("schema(String)");
        assertThat(api.action(Action.REPAIR, null, null)).isEqualTo("repair()");
        assertThat(api.action(Action.BASELINE, null, "3")).isEqualTo("baseline(\"3\")");
        assertThat(api.action(Action.UNDO, Setting.UNDO_TO, "2")).isEqualTo("undo(\"2\")");
        assertThat(api.action(Action.MIGRATE, Setting.RESUME, "true")).isEqualTo("migrate() with resume(true)");
        // Every setting and every action has words, and none of them are another caller's.
        for (Setting setting : Setting.values()) {
            assertThat(api.setting(setting, null)).doesNotContain("schema.", "-D", "--");
        }
        for (Action action : Action.values()) {
            assertThat(api.action(action, null, null)).endsWith(")").doesNotContain("mvn");
        }
    }

    @Test
    void aConfigurationFailure_namesTheSettingInTheCallersTerms() {
        ConfigurationException failure = catchConfiguration(() -> Tidemark.configure()
                .url("jdbc:postgresql://localhost/app")
                .lockWait(Duration.ofSeconds(-1))
                .load());

        assertThat(failure.getMessage())
                .startsWith("[TM-R001] lockWait(Duration) is PT-1S: a duration must not be negative.");
        assertThat(failure.message(COMMAND_LINE))
                .startsWith("[TM-R001] --lock-wait is PT-1S: a duration must not be negative.");
    }

    private static ConfigurationException catchConfiguration(Runnable action) {
        try {
            action.run();
        } catch (ConfigurationException e) {
            return e;
        }
        throw new AssertionError("no ConfigurationException");
    }
}
