package dev.tidemark.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tidemark.ConfigurationException;
import dev.tidemark.ErrorCode;
import dev.tidemark.Setting;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
        "30, PT30S",
        "30s, PT30S",
        "' 30 s ', PT30S",
        "PT30S, PT30S",
        "pt1m30s, PT1M30S",
        "500ms, PT0.5S",
        "5m, PT5M",
        "5min, PT5M",
        "1h, PT1H",
        "0, PT0S",
    })
    void parse_acceptsSecondsUnitsAndIso(String text, String expected) {
        assertThat(Setting.LOCK_WAIT.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @Test
    void parse_blankMeansNotSet() {
        assertThat(Setting.LOCK_WAIT.parse(null)).isNull();
        assertThat(Setting.LOCK_WAIT.parse("  ")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "30 seconds", "-5", "PT-5S", "1.5s", "P", "99999999999999999999"})
    void parse_rejectsWithTheElementAndPropertyNamed(String text) {
        ConfigurationException refused = catchThrowableOfType(
                ConfigurationException.class, () -> Setting.LOCK_TIMEOUT.check(Setting.LOCK_TIMEOUT.parse(text)));
        assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
        assertThat(Parameters.message(refused))
                .startsWith("[TM-R001] <lockTimeout> (-Dschema.lockTimeout) is ")
                .containsAnyOf(
                        "Give seconds (30), a number with a unit (500ms, 30s, 5m, 1h) or ISO-8601 (PT30S).",
                        "a duration must not be negative.");
    }
}
