package io.qsctl.zdb.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Sizing of a {@link ZdbPool}.
 *
 * @param maxTotal most connections open at once, borrowed or idle
 * @param maxIdle most idle connections kept; more are closed on return
 * @param borrowTimeout how long {@link ZdbPool#borrow()} waits for a free connection
 * @param validateAfterIdle an idle connection unused for longer is PINGed before it is handed out
 *     ({@link Duration#ZERO}: always)
 * @param maxIdleTime an idle connection unused for longer is closed instead of handed out
 */
public record ZdbPoolConfig(int maxTotal, int maxIdle, Duration borrowTimeout, Duration validateAfterIdle,
        Duration maxIdleTime) {

    /** 8 connections, all kept idle, 10 s to borrow, PING after 5 s idle, closed after 5 min idle. */
    public static final ZdbPoolConfig DEFAULT = new ZdbPoolConfig(8, 8, Duration.ofSeconds(10), Duration.ofSeconds(5),
            Duration.ofMinutes(5));

    public ZdbPoolConfig {
        Objects.requireNonNull(borrowTimeout, "borrowTimeout");
        Objects.requireNonNull(validateAfterIdle, "validateAfterIdle");
        Objects.requireNonNull(maxIdleTime, "maxIdleTime");
        if (maxTotal < 1) {
            throw new IllegalArgumentException("maxTotal must be at least 1");
        }
        if (maxIdle < 0 || maxIdle > maxTotal) {
            throw new IllegalArgumentException("maxIdle must be between 0 and maxTotal");
        }
        if (borrowTimeout.isNegative() || validateAfterIdle.isNegative() || maxIdleTime.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
    }

    public ZdbPoolConfig withMaxTotal(int value) {
        return new ZdbPoolConfig(value, Math.min(maxIdle, value), borrowTimeout, validateAfterIdle, maxIdleTime);
    }

    public ZdbPoolConfig withMaxIdle(int value) {
        return new ZdbPoolConfig(maxTotal, value, borrowTimeout, validateAfterIdle, maxIdleTime);
    }

    public ZdbPoolConfig withBorrowTimeout(Duration value) {
        return new ZdbPoolConfig(maxTotal, maxIdle, value, validateAfterIdle, maxIdleTime);
    }

    public ZdbPoolConfig withValidateAfterIdle(Duration value) {
        return new ZdbPoolConfig(maxTotal, maxIdle, borrowTimeout, value, maxIdleTime);
    }

    public ZdbPoolConfig withMaxIdleTime(Duration value) {
        return new ZdbPoolConfig(maxTotal, maxIdle, borrowTimeout, validateAfterIdle, value);
    }
}
