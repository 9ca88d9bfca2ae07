package dev.tidemark.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.Setting;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanWrapperImpl;

/** Every setting of the catalog is a {@code tidemark.*} property, in the class and in the IDE metadata. */
class TidemarkPropertiesTest {

    private static final Set<String> STARTER_OWN =
            Set.of("tidemark.enabled", "tidemark.mode", "tidemark.health.pending-is-down");

    @Test
    void everySetting_isAPropertyOfItsKindWithTheCatalogsDefault() throws Exception {
        TidemarkProperties properties = new TidemarkProperties();
        BeanWrapperImpl bean = new BeanWrapperImpl(properties);
        for (Setting setting : Setting.values()) {
            Field field = TidemarkProperties.class.getDeclaredField(setting.camelName());
            assertThat(bean.isWritableProperty(setting.camelName()))
                    .as("a setter for %s", setting)
                    .isTrue();
            assertThat(bean.isReadableProperty(setting.camelName()))
                    .as("a getter for %s", setting)
                    .isTrue();
            Object value = SettingValues.value(properties, setting);
            Object expected = setting.kind() == Setting.Kind.DURATION
                    ? Duration.parse(setting.defaultValue())
                    : setting.defaultValue();
            Object actual = setting.kind() == Setting.Kind.DURATION ? value : text(value);
            assertThat(actual).as("the default of %s", setting).isEqualTo(expected);
            assertThat(kindOf(field.getType())).as("the type of %s", setting).contains(setting.kind());
        }
    }

    @Test
    void everySetting_isInTheGeneratedMetadataWithTheCatalogsDescription() throws Exception {
        Map<String, Map<String, Object>> metadata = metadata();
        Set<String> expected = new HashSet<>(STARTER_OWN);
        for (Setting setting : Setting.values()) {
            String name = "tidemark." + setting.kebabName();
            expected.add(name);
            assertThat(metadata).as("metadata for %s", name).containsKey(name);
            assertThat(metadata.get(name).get("description")).isEqualTo(setting.description());
        }
        assertThat(metadata.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(metadata.get("tidemark.lock-wait").get("type")).isEqualTo("java.time.Duration");
        assertThat(metadata.get("tidemark.mode").get("defaultValue")).isEqualTo("migrate");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> metadata() throws Exception {
        try (InputStream in = TidemarkProperties.class
                .getClassLoader()
                .getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("the configuration processor's output").isNotNull();
            Map<String, Object> document =
                    (Map<String, Object>) MiniJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            // Only the tidemark.* ones: the endpoint has its management.endpoint.tidemark.* too.
            Map<String, Map<String, Object>> byName = new HashMap<>();
            for (Object property : (List<Object>) document.get("properties")) {
                Map<String, Object> map = (Map<String, Object>) property;
                String name = (String) map.get("name");
                if (name.startsWith("tidemark.")) {
                    byName.put(name, map);
                }
            }
            return byName;
        }
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Enum<?> choice) {
            return choice.name().toLowerCase(Locale.ROOT);
        }
        return value instanceof Duration duration ? duration.toString() : String.valueOf(value);
    }

    private static Set<Setting.Kind> kindOf(Class<?> type) {
        if (type == boolean.class) {
            return Set.of(Setting.Kind.BOOLEAN);
        }
        if (type == int.class) {
            return Set.of(Setting.Kind.INTEGER);
        }
        if (type == Duration.class) {
            return Set.of(Setting.Kind.DURATION);
        }
        if (type == Map.class) {
            return Set.of(Setting.Kind.MAP);
        }
        if (type.isEnum()) {
            return Set.of(Setting.Kind.CHOICE);
        }
        return type == String.class
                ? Set.of(Setting.Kind.TEXT, Setting.Kind.NAME, Setting.Kind.SECRET, Setting.Kind.PATH)
                : Set.of();
    }
}
