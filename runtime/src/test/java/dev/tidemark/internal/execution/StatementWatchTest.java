package dev.tidemark.internal.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StatementWatchTest {

    @Test
    void firstLook_isTheIntervalUnlessTheLockTimeoutWouldCancelALockWaitBeforeIt() {
        Duration tenSeconds = Duration.ofSeconds(10);
        assertThat(StatementWatch.firstLook(tenSeconds, tenSeconds)).isEqualTo(Duration.ofSeconds(5));
        assertThat(StatementWatch.firstLook(tenSeconds, Duration.ofSeconds(4))).isEqualTo(Duration.ofSeconds(2));
        assertThat(StatementWatch.firstLook(tenSeconds, Duration.ofMinutes(5))).isEqualTo(tenSeconds);
        assertThat(StatementWatch.firstLook(tenSeconds, Duration.ZERO)).isEqualTo(tenSeconds);
    }
}
