package io.qsctl.zstor.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private long now = 1_000_000_000L;
    private final List<Long> waits = new ArrayList<>();

    private RateLimiter limiter(long rate) {
        return new RateLimiter(rate, () -> now, nanos -> {
            waits.add(nanos);
            now += nanos;
        });
    }

    @Test
    void theFirstRequestPassesAndTheNextWaitsForTheFirstsShare() {
        RateLimiter limiter = limiter(1000);
        limiter.acquire(100);
        assertThat(waits).isEmpty();
        limiter.acquire(100);
        assertThat(waits).containsExactly(100_000_000L);
    }

    @Test
    void idleTimeIsNotSavedUpForABurst() {
        RateLimiter limiter = limiter(1000);
        limiter.acquire(500);
        now += 10_000_000_000L;
        limiter.acquire(500);
        assertThat(waits).isEmpty();
        limiter.acquire(1);
        assertThat(waits).containsExactly(500_000_000L);
    }

    @Test
    void noRateMeansNoWaiting() {
        RateLimiter limiter = limiter(0);
        for (int i = 0; i < 100; i++) {
            limiter.acquire(1 << 30);
        }
        assertThat(waits).isEmpty();
    }
}
