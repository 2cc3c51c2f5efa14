package io.qsctl.zstor.meta;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of a {@link ReplicatedMetadataStore}.
 *
 * @param backendTimeout        longest wait for one backend in one operation (connect, command, a
 *                              retry on a fresh connection included); a backend slower than this
 *                              counts as unreachable for that operation
 * @param scanTimeout           longest wait for one backend to list all its keys (SCAN is paged, so
 *                              this grows with the number of records)
 * @param connectionsPerBackend connections pooled per backend
 * @param clock                 wall clock, used as the floor of new generations
 */
public record MetadataStoreOptions(Duration backendTimeout, Duration scanTimeout, int connectionsPerBackend,
                                   Clock clock) {

    /** 5 s per backend, 2 min per full scan, 4 connections per backend, the system clock. */
    public static final MetadataStoreOptions DEFAULT = new MetadataStoreOptions(Duration.ofSeconds(5),
            Duration.ofMinutes(2), 4, Clock.systemUTC());

    public MetadataStoreOptions {
        Objects.requireNonNull(backendTimeout, "backendTimeout");
        Objects.requireNonNull(scanTimeout, "scanTimeout");
        Objects.requireNonNull(clock, "clock");
        if (backendTimeout.isNegative() || backendTimeout.isZero() || scanTimeout.isNegative() || scanTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (connectionsPerBackend < 1) {
            throw new IllegalArgumentException("at least one connection per backend");
        }
    }

    public MetadataStoreOptions withBackendTimeout(Duration value) {
        return new MetadataStoreOptions(value, scanTimeout, connectionsPerBackend, clock);
    }

    public MetadataStoreOptions withScanTimeout(Duration value) {
        return new MetadataStoreOptions(backendTimeout, value, connectionsPerBackend, clock);
    }

    public MetadataStoreOptions withConnectionsPerBackend(int value) {
        return new MetadataStoreOptions(backendTimeout, scanTimeout, value, clock);
    }

    public MetadataStoreOptions withClock(Clock value) {
        return new MetadataStoreOptions(backendTimeout, scanTimeout, connectionsPerBackend, value);
    }
}
