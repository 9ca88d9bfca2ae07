package dev.tidemark.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.Action;
import dev.tidemark.Setting;
import org.junit.jupiter.api.Test;

class SpringTermsTest {

    private final SpringTerms terms = SpringTerms.INSTANCE;

    @Test
    void setting_isItsProperty() {
        assertThat(terms.setting(Setting.LOCK_WAIT, null)).isEqualTo("tidemark.lock-wait");
        assertThat(terms.setting(Setting.LOCK_WAIT, "PT2M")).isEqualTo("tidemark.lock-wait=PT2M");
        assertThat(terms.setting(Setting.FAIL_ON_PENDING, "false")).isEqualTo("tidemark.fail-on-pending=false");
    }

    @Test
    void migrateAndValidate_areStartUpModes() {
        assertThat(terms.action(Action.MIGRATE, null, null)).isEqualTo("the application with tidemark.mode=migrate");
        assertThat(terms.action(Action.MIGRATE, Setting.RESUME, "true"))
                .isEqualTo("the application with tidemark.mode=migrate and tidemark.resume=true");
        assertThat(terms.action(Action.VALIDATE, null, null)).isEqualTo("the application with tidemark.mode=validate");
    }

    @Test
    void otherActions_areTheTidemarkBeansMethodsWithTheirOptionsAsProperties() {
        assertThat(terms.action(Action.REPAIR, Setting.REPAIR_AS, "removed"))
                .isEqualTo("repair() on the application's Tidemark bean with tidemark.repair-as=removed");
        assertThat(terms.action(Action.BASELINE, null, "3"))
                .isEqualTo("baseline(\"3\") on the application's Tidemark bean");
    }

    @Test
    void everyAction_hasWordsWithoutMaven() {
        for (Action action : Action.values()) {
            assertThat(terms.action(action, null, null)).doesNotContain("mvn").doesNotContain("schema.");
        }
    }
}
