package io.qsctl.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void aLockTimeoutIsPrintedTheWayItIsTyped() {
        for (String typed : new String[] {"0s", "1s", "30s", "2m", "90m", "1500ms", "2h", "1d"}) {
            Duration parsed = Durations.parse(typed, "--lock-timeout");
            assertThat(Durations.parse(Durations.format(parsed), "--lock-timeout")).as(typed).isEqualTo(parsed);
        }
        assertThat(Durations.format(Duration.ofSeconds(1))).isEqualTo("1s");
        assertThat(Durations.format(Duration.ofMinutes(2))).isEqualTo("2m");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    }
}
