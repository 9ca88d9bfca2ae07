package dev.tidemark;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The catalog: each caller's spelling is derived from one name, and the API has a method for each. */
class SettingTest {

    @Test
    void names_areDerivedFromTheCamelName() {
        assertThat(Setting.LOCK_WAIT.camelName()).isEqualTo("lockWait");
        assertThat(Setting.LOCK_WAIT.kebabName()).isEqualTo("lock-wait");
        assertThat(Setting.LOCK_WAIT.environmentName()).isEqualTo("TIDEMARK_LOCK_WAIT");
        assertThat(Setting.URL.kebabName()).isEqualTo("url");
        assertThat(Setting.URL.environmentName()).isEqualTo("TIDEMARK_URL");
        assertThat(Setting.CONNECT_RETRY_INTERVAL.kebabName()).isEqualTo("connect-retry-interval");
        assertThat(Setting.CONNECT_RETRY_INTERVAL.environmentName()).isEqualTo("TIDEMARK_CONNECT_RETRY_INTERVAL");
        assertThat(Setting.UNDO_TO.kebabName()).isEqualTo("undo-to");
        for (Setting setting : Setting.values()) {
            // The constant's name is the environment name without its prefix: one word list for all.
            assertThat(setting.environmentName()).isEqualTo("TIDEMARK_" + setting.name());
            assertThat(setting.kebabName()).matches("[a-z]+(-[a-z]+)*");
        }
    }

    @Test
    void names_areUnique() {
        Set<String> camel = new HashSet<>();
        Set<String> kebab = new HashSet<>();
        for (Setting setting : Setting.values()) {
            assertThat(camel.add(setting.camelName())).as(setting.camelName()).isTrue();
            assertThat(kebab.add(setting.kebabName())).as(setting.kebabName()).isTrue();
        }
    }

    @Test
    void everySetting_hasAConfigurationMethodOfItsName_takingItsKind() {
        for (Setting setting : Setting.values()) {
            Method method = Arrays.stream(Configuration.class.getMethods())
                    .filter(m -> m.getName().equals(setting.camelName()) && m.getParameterCount() == 1)
                    .findFirst()
                    .orElse(null);
            assertThat(method).as("Configuration.%s(…)", setting.camelName()).isNotNull();
            assertThat(Modifier.isPublic(method.getModifiers())).isTrue();
            assertThat(method.getReturnType()).isEqualTo(Configuration.class);
            Class<?> type = method.getParameterTypes()[0];
            switch (setting.kind()) {
                case TEXT, SECRET, NAME -> assertThat(type).isEqualTo(String.class);
                case BOOLEAN -> assertThat(type).isEqualTo(boolean.class);
                case INTEGER -> assertThat(type).isEqualTo(int.class);
                case DURATION -> assertThat(type).isEqualTo(Duration.class);
                case PATH -> assertThat(type).isEqualTo(Path.class);
                case CHOICE -> assertThat(type.isEnum()).isTrue();
                case MAP -> assertThat(type).isEqualTo(Map.class);
            }
        }
    }

    @Test
    void everyDefault_isAValidValueOfItsKind() {
        for (Setting setting : Setting.values()) {
            Object value = setting.parsedDefault();
            assertThat(value == null).as(setting.camelName()).isEqualTo(setting.defaultValue() == null);
            setting.check(value == null && setting.kind() == Setting.Kind.NAME ? "x" : value);
        }
        assertThat(Setting.LOCK_WAIT.parsedDefault()).isEqualTo(Duration.ofSeconds(60));
        assertThat(Setting.DRIFT.parsedDefault()).isEqualTo(DriftMode.FAIL);
        assertThat(Setting.CREATE_SCHEMA.parsedDefault()).isEqualTo(true);
    }

    @Test
    void durations_readSecondsUnitsAndIso() {
        assertThat(Setting.LOCK_WAIT.parse("45")).isEqualTo(Duration.ofSeconds(45));
        assertThat(Setting.LOCK_WAIT.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Setting.LOCK_WAIT.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Setting.LOCK_WAIT.parse("2 min")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Setting.LOCK_WAIT.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Setting.LOCK_WAIT.parse("pt1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Setting.LOCK_WAIT.parse("  ")).isNull();
        assertThat(Setting.REPAIR_AS.parse("APPLIED")).isEqualTo(RepairAs.APPLIED);
    }
}
