package io.qsctl.zstor.health;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One backend's health as last seen.
 *
 * @param backend        backend name
 * @param state          current state
 * @param reason         why it is in that state
 * @param since          when it entered that state
 * @param latencyMillis  moving average (EWMA) of its operations' latency, if any was measured
 * @param usedBytes      data size its namespace reports, if known
 * @param limitBytes     its namespace's size limit (0 = none), if known
 * @param corruptChunks  chunks read from it that failed their checksum since the store started
 */
public record BackendHealth(String backend, HealthState state, String reason, Instant since, OptionalDouble latencyMillis,
        OptionalLong usedBytes, OptionalLong limitBytes, long corruptChunks) {

    public BackendHealth {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(latencyMillis, "latencyMillis");
        Objects.requireNonNull(usedBytes, "usedBytes");
        Objects.requireNonNull(limitBytes, "limitBytes");
    }
}
