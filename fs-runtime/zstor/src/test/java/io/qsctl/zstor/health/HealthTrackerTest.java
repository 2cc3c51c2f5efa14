package io.qsctl.zstor.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.qsctl.zdb.client.NamespaceInfo;
import io.qsctl.zdb.client.ZdbServerException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class HealthTrackerTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-23T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final HealthTracker tracker = new HealthTracker(clock, Duration.ofSeconds(30), 3);

    @Test
    void aBackendNeverSeenIsUnknownAndWritable() {
        assertThat(tracker.state("a")).isEqualTo(HealthState.UNKNOWN);
        assertThat(tracker.tryWrite("a")).isTrue();
        assertThat(tracker.snapshot("a").latencyMillis()).isEmpty();
    }

    @Test
    void latencyIsAnExponentiallyWeightedAverage() {
        tracker.success("a", 10_000_000, false);
        assertThat(tracker.latencyMillis("a", -1)).isEqualTo(10.0);
        tracker.success("a", 20_000_000, false);
        assertThat(tracker.latencyMillis("a", -1)).isCloseTo(0.2 * 20 + 0.8 * 10, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aRefusedConnectionMakesItUnreachableAndWritesSkipItUntilTheRecheckTime() {
        tracker.failure("a", new TestErrors().connectionRefused());
        assertThat(tracker.state("a")).isEqualTo(HealthState.UNREACHABLE);
        assertThat(tracker.tryWrite("a")).isFalse();
        clock.now = clock.now.plusSeconds(31);
        assertThat(tracker.tryWrite("a")).isTrue();
        tracker.success("a", 1_000_000, true);
        assertThat(tracker.state("a")).isEqualTo(HealthState.HEALTHY);
    }

    @Test
    void aSuccessfulReadDoesNotMakeAFullBackendWritable() {
        tracker.failure("a", new ZdbServerException("x", "No space left on this namespace"));
        tracker.success("a", 1_000_000, false);
        assertThat(tracker.state("a")).isEqualTo(HealthState.FULL);
        assertThat(tracker.tryWrite("a")).isFalse();
    }

    @Test
    void aBackendReturningBadChunksRepeatedlyIsCorruptUntilCleared() {
        tracker.success("a", 1_000_000, true);
        tracker.corruptChunk("a");
        tracker.corruptChunk("a");
        assertThat(tracker.state("a")).isEqualTo(HealthState.HEALTHY);
        tracker.corruptChunk("a");
        assertThat(tracker.state("a")).isEqualTo(HealthState.CORRUPT);
        assertThat(tracker.snapshot("a").reason()).isEqualTo("3 chunks failed their checksum");
        tracker.clearCorruption("a");
        assertThat(tracker.state("a")).isEqualTo(HealthState.HEALTHY);
    }

    @Test
    void aProbeSetsStateAndSizes() {
        NamespaceInfo info = NamespaceInfo.parse("locked: yes\ndata_size_bytes: 42\ndata_limits_bytes: 100\n");
        tracker.probed("a", new Classification(HealthState.LOCKED, "the namespace is locked (read-only)"), info, 2_000_000);
        BackendHealth health = tracker.snapshot("a");
        assertThat(health.state()).isEqualTo(HealthState.LOCKED);
        assertThat(health.usedBytes()).hasValue(42);
        assertThat(health.limitBytes()).hasValue(100);
        assertThat(health.latencyMillis()).hasValue(2.0);
        assertThat(health.since()).isEqualTo(clock.now);
    }
}
