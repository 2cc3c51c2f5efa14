package io.qsctl.cli.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class GridDurationsTest {

    @Test
    void readsDaysHoursMinutesAndSecondsAloneOrTogether() {
        assertThat(GridDurations.parse("30d")).isEqualTo(Duration.ofDays(30));
        assertThat(GridDurations.parse("12h")).isEqualTo(Duration.ofHours(12));
        assertThat(GridDurations.parse("90m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GridDurations.parse("1d12h30m5s")).isEqualTo(Duration.ofSeconds(86_400 + 43_200 + 1_800 + 5));
    }

    @Test
    void readsIsoDurationsToo() {
        assertThat(GridDurations.parse("PT36H")).isEqualTo(Duration.ofHours(36));
        assertThat(GridDurations.parse("p2d")).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void refusesWhatIsNotADuration() {
        for (String bad : new String[] {"", "3x", "d", "12", "1h 2m", "-1d"}) {
            assertThatThrownBy(() -> GridDurations.parse(bad)).as(bad).isInstanceOf(TypeConversionException.class);
        }
    }

    @Test
    void aNumberTooLargeForAnyDurationIsRefusedInWordsNotWithAnOverflow() {
        for (String huge : new String[] {"99999999999999999999d", "106751991167301d", "PT99999999999999999999H"}) {
            assertThatThrownBy(() -> GridDurations.parse(huge)).as(huge).isInstanceOf(TypeConversionException.class)
                    .hasMessageContaining(huge);
        }
    }
}
