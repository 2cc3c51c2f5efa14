package io.qsctl.zstor.store;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Caps a background job's read rate (bytes per second) so that a scrub does not starve the
 * foreground. A caller asking for bytes waits until they fit in the rate; waiting is the point
 * of this class. Thread-safe.
 */
public final class RateLimiter {

    private final long bytesPerSecond;
    private final LongSupplier nanoClock;
    private final LongConsumer parker;
    private long nextFreeNanos;

    /** @param bytesPerSecond the cap; 0 or less for none */
    public RateLimiter(long bytesPerSecond) {
        this(bytesPerSecond, System::nanoTime, LockSupport::parkNanos);
    }

    /** With a clock and a way to wait, so that the arithmetic can be tested without waiting. */
    RateLimiter(long bytesPerSecond, LongSupplier nanoClock, LongConsumer parker) {
        this.bytesPerSecond = bytesPerSecond;
        this.nanoClock = nanoClock;
        this.parker = parker;
        this.nextFreeNanos = nanoClock.getAsLong();
    }

    public static RateLimiter unlimited() {
        return new RateLimiter(0);
    }

    public long bytesPerSecond() {
        return bytesPerSecond;
    }

    /** Waits until {@code bytes} more may be read. */
    public void acquire(long bytes) {
        if (bytesPerSecond <= 0 || bytes <= 0) {
            return;
        }
        long waitUntil;
        synchronized (this) {
            long start = Math.max(nanoClock.getAsLong(), nextFreeNanos);
            nextFreeNanos = start + (long) (bytes * 1e9 / bytesPerSecond);
            waitUntil = start;
        }
        long wait;
        while ((wait = waitUntil - nanoClock.getAsLong()) > 0) {
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("interrupted while rate limited");
            }
            parker.accept(wait);
        }
    }
}
