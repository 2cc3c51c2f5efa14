package io.qsctl.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void pausesDoubleUpToTheLongest() throws InterruptedException {
        Backoff backoff = new Backoff(Duration.ofMillis(1), Duration.ofMillis(5));
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(1));
        backoff.pause();
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(2));
        backoff.pause();
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(4));
        backoff.pause();
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(5));
        backoff.pause();
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(5));
    }

    @Test
    void theNthPauseIsTheFirstDoubledNTimesAtMostTheLongest() {
        Duration first = Duration.ofMillis(100);
        Duration longest = Duration.ofMillis(350);
        assertThat(Backoff.nth(first, longest, 0)).isEqualTo(Duration.ofMillis(100));
        assertThat(Backoff.nth(first, longest, 1)).isEqualTo(Duration.ofMillis(200));
        assertThat(Backoff.nth(first, longest, 2)).isEqualTo(Duration.ofMillis(350));
        assertThat(Backoff.nth(first, longest, Integer.MAX_VALUE)).isEqualTo(Duration.ofMillis(350));
        assertThat(Backoff.nth(Duration.ZERO, Duration.ZERO, 5)).isZero();
    }

    @Test
    void aPauseNeverRunsPastTheDeadline() throws InterruptedException {
        Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofSeconds(30));
        long started = System.nanoTime();
        backoff.pause(started + Duration.ofMillis(20).toNanos());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aPauseIsInterruptible() {
        Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofSeconds(30));
        Thread.currentThread().interrupt();
        assertThatThrownBy(backoff::pause).isInstanceOf(InterruptedException.class);
    }

    @Test
    void refusesNegativePauses() {
        assertThatThrownBy(() -> new Backoff(Duration.ofMillis(-1), Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
