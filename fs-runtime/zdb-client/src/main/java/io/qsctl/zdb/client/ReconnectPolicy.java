package io.qsctl.zdb.client;

import io.qsctl.common.Backoff;
import java.time.Duration;
import java.util.Objects;

/**
 * How hard a connection tries to (re)connect: up to {@code maxAttempts} connects, waiting
 * {@code initialBackoff} before the second, doubling up to {@code maxBackoff}.
 */
public record ReconnectPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    /** Three attempts, 100 ms then 200 ms apart. */
    public static final ReconnectPolicy DEFAULT = new ReconnectPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(2));

    /** One attempt, no waiting: fail fast. */
    public static final ReconnectPolicy NONE = new ReconnectPolicy(1, Duration.ZERO, Duration.ZERO);

    public ReconnectPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
            throw new IllegalArgumentException("backoff must not be negative");
        }
    }

    /** The wait before attempt {@code attempt} (1-based; the first attempt does not wait). */
    public Duration backoffBefore(int attempt) {
        return attempt <= 1 ? Duration.ZERO : Backoff.nth(initialBackoff, maxBackoff, attempt - 2);
    }

    /** The pauses between attempts, the first before the second attempt. */
    public Backoff backoff() {
        return new Backoff(initialBackoff, maxBackoff);
    }
}
