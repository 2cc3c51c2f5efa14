package io.qsctl.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.qsctl.common.Durations.Problem;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void readsOneUnitSeveralTogetherOrIso8601() {
        assertThat(read("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(read("1500ms")).isEqualTo(Duration.ofMillis(1500));
        assertThat(read("30d")).isEqualTo(Duration.ofDays(30));
        assertThat(read("1d12h30m5s")).isEqualTo(Duration.ofSeconds(86_400 + 43_200 + 1_800 + 5));
        assertThat(read("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(read(" 5M ")).isEqualTo(Duration.ofMinutes(5));
        assertThat(read("PT36H")).isEqualTo(Duration.ofHours(36));
        assertThat(read("p2d")).isEqualTo(Duration.ofDays(2));
        assertThat(read("PT-1H")).isEqualTo(Duration.ofHours(-1));
    }

    @Test
    void whatIsNotADurationSaysWhy() {
        for (String bad : new String[] {"", "3x", "d", "12", "1h 2m", "-1d", "P", "5 s"}) {
            assertThat(Durations.parse(bad).problem()).as(bad).contains(Problem.NOT_A_DURATION);
        }
        for (String huge : new String[] {"99999999999999999999d", "106751991167301d", "9223372036854775807s1s"}) {
            assertThat(Durations.parse(huge).problem()).as(huge).contains(Problem.TOO_LONG);
        }
    }

    @Test
    void aLockTimeoutIsPrintedTheWayItIsTyped() {
        for (String typed : new String[] {"0s", "1s", "30s", "2m", "90m", "1500ms", "2h", "1d"}) {
            Duration parsed = read(typed);
            assertThat(read(Durations.exact(parsed))).as(typed).isEqualTo(parsed);
        }
        assertThat(Durations.exact(Duration.ofSeconds(1))).isEqualTo("1s");
        assertThat(Durations.exact(Duration.ofMinutes(2))).isEqualTo("2m");
        assertThat(Durations.exact(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.exact(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(Durations.exact(Duration.ZERO)).isEqualTo("0s");
    }

    @Test
    void theGridClockPrintsEachPartThatIsNotZero() {
        assertThat(Durations.parts(Duration.ofDays(30))).isEqualTo("30d");
        assertThat(Durations.parts(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(Durations.parts(Duration.ofSeconds(86_400 + 5))).isEqualTo("1d5s");
        assertThat(Durations.parts(Duration.ZERO)).isEqualTo("0s");
    }

    @Test
    void anElapsedTimeIsPrintedInAtMostTwoUnitsAsTerraformDoes() {
        assertThat(Durations.elapsed(Duration.ZERO)).isEqualTo("0s");
        assertThat(Durations.elapsed(Duration.ofMillis(42_900))).isEqualTo("42s");
        assertThat(Durations.elapsed(Duration.ofSeconds(185))).isEqualTo("3m5s");
        assertThat(Durations.elapsed(Duration.ofMinutes(3))).isEqualTo("3m");
        assertThat(Durations.elapsed(Duration.ofSeconds(3725))).isEqualTo("1h2m");
        assertThat(Durations.elapsed(Duration.ofHours(26))).isEqualTo("26h");
        assertThat(Durations.elapsed(Duration.ofSeconds(-5))).isEqualTo("0s");
    }

    private static Duration read(String text) {
        return Durations.parse(text).duration().orElseThrow(() -> new AssertionError(text + ": " + Durations.parse(text)));
    }
}
