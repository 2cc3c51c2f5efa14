package io.qsctl.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GridClockTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void runsAtTheRealPaceWithScaleOne() {
        ManualTime real = new ManualTime(T0);
        GridClock clock = GridClock.starting(real, 1);
        real.pass(Duration.ofSeconds(90));
        assertThat(clock.now()).isEqualTo(T0.plusSeconds(90));
    }

    @Test
    void runsScaleGridSecondsPerRealSecond() {
        ManualTime real = new ManualTime(T0);
        GridClock clock = GridClock.starting(real, 3600);
        real.pass(Duration.ofSeconds(2));
        assertThat(clock.now()).isEqualTo(T0.plus(Duration.ofHours(2)));
    }

    @Test
    void advanceJumpsAheadAndTheScaleGoesOnFromThere() {
        ManualTime real = new ManualTime(T0);
        GridClock clock = GridClock.starting(real, 10);
        real.pass(Duration.ofSeconds(1));
        assertThat(clock.advance(Duration.ofDays(30))).isEqualTo(T0.plusSeconds(10).plus(Duration.ofDays(30)));
        real.pass(Duration.ofSeconds(1));
        assertThat(clock.now()).isEqualTo(T0.plusSeconds(20).plus(Duration.ofDays(30)));
    }

    @Test
    void neverGoesBackwards() {
        GridClock clock = GridClock.starting(new ManualTime(T0), 1);
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aResumedGridCountsTheTimeItWasDownAtTheRealPace() {
        ManualTime real = new ManualTime(T0);
        GridClock first = GridClock.starting(real, 100);
        first.advance(Duration.ofDays(3));
        GridClock.Reading saved = first.read();
        real.pass(Duration.ofMinutes(5));
        GridClock second = GridClock.resuming(saved, real, 1);
        assertThat(second.now()).isEqualTo(saved.grid().plus(Duration.ofMinutes(5)));
    }
}
